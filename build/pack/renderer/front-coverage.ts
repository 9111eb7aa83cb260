import { tensorAttr, type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/**
 * How far (output cells) from a front point its bump is added, each way: past 1.25 source cells a bump is under
 * 5 % of the edge's level; a surface stretched so far that a pixel has no point this close keeps the per-cell
 * estimate (findOcclusionEdges' lowFrontInside).
 */
const BLOCK_CELLS = 1.25
/** The largest footprint half-width (output px), so a camera zoomed far in does not write thousands per point. */
const MAX_BLOCK_PX = 24
/** The value frontInsideAt gives a pixel no front point reached. */
export const NOT_COVERED = -1e9
/**
 * The front ends this far past its outermost points (source cells): each point carries the texels within half a
 * cell of its own. (The per-cell estimate reaches 0.75 cells, to close the gaps between discs; a summed field has
 * none.)
 */
const EDGE_REACH_CELLS = 0.5
/** Each point's Gaussian bump, in source cells (the points are a source cell apart). */
const SIGMA_CELLS = 0.5
/**
 * The summed field EDGE_REACH_CELLS past the last of a half-plane of points a source cell apart: sum over rows i >= 0
 * of exp(-(REACH + i)^2 / (2 sigma^2)) times sum over columns j of exp(-j^2 / (2 sigma^2)).
 */
const EDGE_LEVEL = ((): number => {
  const k = (d: number): number => Math.exp((-d * d) / (2 * SIGMA_CELLS * SIGMA_CELLS))
  let along = 0
  let across = 0
  for (let i = -6; i <= 6; i++) along += k(i)
  for (let i = 0; i <= 6; i++) across += k(EDGE_REACH_CELLS + i)
  return along * across
})()
/** Below this field no front point is near enough to decide (a bump 1.6 source cells out). */
const MIN_FIELD = 0.005

/**
 * Coverage of an occlusion edge's front surface at output-pixel precision. Each point nearer than its cell's front
 * limit (findOcclusionEdges' lowFrontLimit, set within a cell of a tear) adds, to the output pixels within
 * BLOCK_CELLS of it, a Gaussian bump of its distance in source cells (the output offset through the point's inverse
 * Jacobian, so a surface turned away is compressed across the turn) and the bump's gradient in output cells. The
 * front's outline is the field's level EDGE_REACH_CELLS past its outermost points (frontInsideAt): it follows the points
 * themselves, not the cell grid, so a face turned over the hair ends without a staircase.
 *
 * Returns [3, P + 1] (P = outH * outW, row-major): the field and its gradient (x, y) at each output pixel, then the
 * off-screen writes' dump column.
 */
export function frontCoverage(
  g: GraphBuilder,
  inputs: {
    /** [1, 1, N]: each point's column and row in ring cells (splatKeys), and its depth (source px). */
    u: Value
    v: Value
    pz: Value
    /** [N, 11]: every point's row (WinnerRow order: the inverse Jacobian at 6..9). */
    pointRows: Value
    /** [1, cells]: see OcclusionEdgeValues.lowFrontLimit. */
    lowFrontLimit: Value
    hc: Value
    wc: Value
    /** The ring-cell index of output pixel o along each axis: a + b * o (resizeToOutput's pixelCells). */
    pixelCellX: { a: Value; b: Value }
    pixelCellY: { a: Value; b: Value }
    outSize: Value
  }
): Value {
  const { f, i64, op, add, sub, mul, div, slice, oneScalar, squeeze, take } = graphOps(g)
  const { pointRows, lowFrontLimit, hc, wc, pixelCellX, pixelCellY, outSize } = inputs
  const flat = (x: Value): Value => op('Reshape', [x, i64([-1])])
  // The points nearer than the front limit at their own cell (the cell whose centre is nearest).
  const u = flat(inputs.u)
  const v = flat(inputs.v)
  const ownCell = op(
    'Cast',
    [
      add(
        mul(op('Clip', [op('Round', [v]), f(0), sub(hc, f(1))]), wc),
        op('Clip', [op('Round', [u]), f(0), sub(wc, f(1))])
      )
    ],
    { to: 7 }
  )
  const limit = take(flat(lowFrontLimit), ownCell)
  const front = flat(op('NonZero', [op('Less', [flat(inputs.pz), limit])])) // [K]
  const column = (x: Value): Value => op('Reshape', [op('Gather', [x, front], { axis: 0 }), i64([-1, 1, 1])])
  // Each front point's output position (px, pixel centres at integers) and the block of pixels around it.
  const outF = op('Cast', [outSize], { to: 1 })
  const outH = slice(outF, 0, 1, 0)
  const outW = slice(outF, 1, 2, 0)
  const pointX = div(sub(column(u), pixelCellX.a), pixelCellX.b) // [K, 1, 1]
  const pointY = div(sub(column(v), pixelCellY.a), pixelCellY.b)
  const half = op('Min', [
    op('Ceil', [div(f(BLOCK_CELLS), op('Min', [pixelCellX.b, pixelCellY.b]))]),
    f(MAX_BLOCK_PX)
  ])
  const steps = op('Range', [squeeze(op('Neg', [half])), squeeze(add(half, f(1))), oneScalar()])
  const ox = add(op('Round', [pointX]), op('Reshape', [steps, i64([1, 1, -1])])) // [K, 1, S]
  const oy = add(op('Round', [pointY]), op('Reshape', [steps, i64([1, -1, 1])])) // [K, S, 1]
  // Offsets in output cells, then source cells through J^-1 = [[a, b], [c, d]].
  const ex = mul(sub(ox, pointX), pixelCellX.b)
  const ey = mul(sub(oy, pointY), pixelCellY.b)
  const inverse = (i: number): Value =>
    column(flat(op('Slice', [pointRows, i64([i]), i64([i + 1]), i64([1])])))
  const [ia, ib, ic, id] = [6, 7, 8, 9].map(inverse) as [Value, Value, Value, Value]
  const sx = add(mul(ia, ex), mul(ib, ey))
  const sy = add(mul(ic, ex), mul(id, ey)) // [K, S, S]
  // A Gaussian bump per point (source cells, SIGMA_CELLS): summed, the points of a surface make a field whose
  // level set runs straight past a row of points (a max of discs would scallop between them by a fifth of a cell).
  const bump = op('Exp', [mul(add(mul(sx, sx), mul(sy, sy)), f(-0.5 / (SIGMA_CELLS * SIGMA_CELLS)))])
  // Its gradient in output cells: -bump / sigma^2 * (J^-1)^T (sx, sy).
  const slope = mul(bump, f(-1 / (SIGMA_CELLS * SIGMA_CELLS)))
  const gradX = mul(slope, add(mul(ia, sx), mul(ic, sy)))
  const gradY = mul(slope, add(mul(ib, sx), mul(id, sy)))
  const onScreen = op('And', [
    op('And', [op('GreaterOrEqual', [ox, f(0)]), op('Less', [ox, outW])]),
    op('And', [op('GreaterOrEqual', [oy, f(0)]), op('Less', [oy, outH])])
  ])
  const pixels = mul(outH, outW)
  const target = op('Cast', [op('Where', [onScreen, add(mul(oy, outW), ox), pixels])], { to: 7 }) // P: dump slot
  const canvas = g.op(
    'ConstantOfShape',
    [op('Concat', [i64([3]), op('Cast', [add(pixels, f(1))], { to: 7 })], { axis: 0 })],
    { value: tensorAttr('float32', [1], [0]) }
  )
  const row = (x: Value): Value => op('Reshape', [x, i64([1, -1])])
  const targets = op('Expand', [row(target), i64([3, 1])])
  const updates = op('Concat', [row(bump), row(gradX), row(gradY)], { axis: 0 })
  // Not sliced back to [3, P]: the reads (frontInsideAt) are at pixels, below P, and the copy cost about 0.2 ms
  // of a 512² frame under profiling.
  return op('ScatterElements', [canvas, targets, updates], { axis: 1, reduction: 'add' })
}

/**
 * The signed distance inside the front's outline (output px) at the output pixels `at` ([1, E], flat indices),
 * from the field frontCoverage wrote: (field - level) / |gradient|, the level the field takes EDGE_REACH_CELLS past a
 * straight row of points; NOT_COVERED where no front point is near. `cellsPerPx` [1]: ring cells per output px.
 */
export function frontInsideAt(
  g: GraphBuilder,
  inputs: { frontCover: Value; at: Value; cellsPerPx: Value }
): Value {
  const { f, i64, op, sub, mul, div, add } = graphOps(g)
  const { frontCover, at, cellsPerPx } = inputs
  const read = op('Gather', [frontCover, op('Reshape', [at, i64([-1])])], { axis: 1 }) // [3, E]
  const [field, gradX, gradY] = g.opMulti('Split', [read, i64([1, 1, 1])], 3, { axis: 0 }) as [
    Value,
    Value,
    Value
  ]
  const slope = mul(op('Sqrt', [add(mul(gradX, gradX), mul(gradY, gradY))]), cellsPerPx) // per output px
  const inside = div(sub(field, f(EDGE_LEVEL)), op('Max', [slope, f(1e-4)]))
  return op('Where', [op('Greater', [field, f(MIN_FIELD)]), inside, f(NOT_COVERED)])
}
