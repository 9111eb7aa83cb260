import { tensorAttr, type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/** Key of a cell no point reached: 2^24, above every point's key (keys stay exact in float32 below it). */
export const EMPTY_KEY = 16777216

/**
 * The point index of splat keys (depth_bin * N + index, whole numbers below 2^24, exact in float32): key mod N,
 * as int64. Taken in int64 (exact after the Cast): float32 Mod (fmod) took about 0.15 ms per 23k-cell grid under
 * profiling, int64 Mod 0.05 ms, three times a frame.
 */
export function keyPointIndex(g: GraphBuilder, key: Value, nPoints: Value): Value {
  const toI64 = (x: Value): Value => g.op('Cast', [x], { to: 7 })
  return g.op('Mod', [toI64(key), toI64(nPoints)])
}

/** The 2x2 cells each point writes: ring cell (fu + du - 1, fv + dv - 1) for each (du, dv). */
export const CANDIDATES = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1]
] as const

export interface SplatKeys {
  /** [1]: rows and columns of the splat grid including its ring, and their product (cells). */
  readonly hc: Value
  readonly wc: Value
  readonly cellsF: Value
  /** [1]: the number of points N. */
  readonly nPoints: Value
  /** [1, 1, N]: each point's column and row in ring cells (u = i at the centre of ring cell i), and their floor. */
  readonly u: Value
  readonly v: Value
  readonly fu: Value
  readonly fv: Value
  /** Scalars: the nearest and farthest point depth (source px). */
  readonly zMin: Value
  readonly zMax: Value
  /** [1]: depth bins in the lower half of the key range. */
  readonly bins: Value
  /** [1, N]: each point's key, depth_bin * N + index. */
  readonly flatKey: Value
  /** 4 x [1, 1, N]: the cell index each point writes for each of CANDIDATES (cellsF: off the grid). */
  readonly candidatesIdx: Value[]
}

/**
 * Splat with a z-test, first half: each point's key, depth_bin * N + index (the smallest key wins a cell: the
 * nearest point, ties to the lower index), and the 2x2 cells around it that it writes.
 */
export function splatKeys(
  g: GraphBuilder,
  inputs: {
    gridShape: Value
    points: Value
    px: Value
    py: Value
    pz: Value
    originX: Value
    originY: Value
    cell: Value
    zero: Value
  }
): SplatKeys {
  const { f, i64, op, add, sub, mul, div, slice, zeroScalar, oneScalar, squeeze } = graphOps(g)
  const { gridShape, points, px, py, pz, originX, originY, cell, zero } = inputs
  const gridF = op('Cast', [gridShape], { to: 1 })
  const hc = add(slice(gridF, 0, 1, 0), f(2)) // one ring of cells around the grid
  const wc = add(slice(gridF, 1, 2, 0), f(2))
  const cellsF = mul(hc, wc)
  const nPoints = op('Cast', [slice(op('Shape', [points]), 2, 3, 0)], { to: 1 }) // [1]
  // cell-index space incl. the ring: the centre of ring cell i is at originX + (i - 1 + 0.5) * cell
  const u = add(div(sub(px, originX), cell), f(0.5))
  const v = add(div(sub(py, originY), cell), f(0.5))
  const fu = op('Floor', [u])
  const fv = op('Floor', [v])
  const zMin = op('ReduceMin', [pz], { keepdims: 0 })
  const zMax = op('ReduceMax', [pz], { keepdims: 0 })
  // Depth bins use the lower half of the key range; the upper half holds lip points whose texture read at a
  // candidate cell lies past their lip's inner edge, so that any surface actually there wins that cell (the
  // other lip where the lips touch or overlap, the mouth's back layer where they part).
  const bins = sub(op('Floor', [div(f(EMPTY_KEY / 2), nPoints)]), f(1))
  const depthBin = op('Round', [mul(div(sub(pz, zMin), add(sub(zMax, zMin), f(1e-3))), sub(bins, f(1)))])
  const indexF = op('Reshape', [op('Range', [zeroScalar(), squeeze(nPoints), oneScalar()]), i64([1, 1, -1])])
  const key = add(mul(depthBin, nPoints), indexF)
  const flatKey = op('Reshape', [key, i64([1, -1])])
  const cellIndexOf = (du: number, dv: number): Value => {
    const cu = add(fu, f(du - 1))
    const cv = add(fv, f(dv - 1))
    const inside = op('And', [
      op('And', [op('GreaterOrEqual', [cu, zero]), op('Less', [cu, wc])]),
      op('And', [op('GreaterOrEqual', [cv, zero]), op('Less', [cv, hc])])
    ])
    return op('Where', [inside, add(mul(cv, wc), cu), cellsF])
  }
  const candidatesIdx = CANDIDATES.map(([du, dv]) => cellIndexOf(du, dv))
  return { hc, wc, cellsF, nPoints, u, v, fu, fv, zMin, zMax, bins, flatKey, candidatesIdx }
}

/**
 * Splat with a z-test, second half: every point writes its key for each candidate cell into the cells with
 * ScatterElements(reduction = 'min'), so each cell keeps its nearest point (self-occlusion: the nose hides the
 * far cheek). Returns rawWinner [cells]: each cell's winning key, EMPTY_KEY where none landed.
 */
export function splatScatter(
  g: GraphBuilder,
  inputs: { candidatesIdx: Value[]; candidateKeys: Value[]; cellsF: Value }
): Value {
  const { f, i64, op, add } = graphOps(g)
  const { candidatesIdx, candidateKeys, cellsF } = inputs
  const flat = (x: Value): Value => op('Reshape', [x, i64([-1])])
  // Flattened one by one: the stretched points' extra writes (stretchCandidates) are fewer than the points.
  const scatterIdx = op('Cast', [op('Concat', candidatesIdx.map(flat), { axis: 0 })], { to: 7 })
  const scatterKey = op('Concat', candidateKeys.map(flat), { axis: 0 })
  // One cell past the grid takes the writes that fall off it.
  const canvasSize = op('Cast', [add(cellsF, f(1))], { to: 7 })
  const canvas = g.op('ConstantOfShape', [canvasSize], { value: tensorAttr('float32', [1], [EMPTY_KEY]) })
  const splat = op('ScatterElements', [canvas, scatterIdx, scatterKey], { axis: 0, reduction: 'min' })
  const cellsI = op('Cast', [cellsF], { to: 7 })
  return op('Slice', [splat, i64([0]), cellsI, i64([0])]) // [cells]
}
