import { type GraphBuilder, type Value } from '../../onnx'
import { MAX_EXTRAPOLATION } from './backward-map'
import { graphOps } from './graph-ops'
import { PHOTO_TEETH_MIN_SIDE, upperSurfaceDistance } from './lip-distance'
import { samplePlanes } from './plane-sample'
import { CANDIDATES } from './splat'

/** A lip point reading less than this (cells) past its lip's inner edge at a cell still counts as there. */
export const LIP_TEST_TOLERANCE = 0.25
/**
 * Lips are only cut once the expression has parted them by this much on average (cells): a smile or a pucker
 * shifts the lips against each other a little, which would otherwise cut dotted gaps along the seam.
 */
export const LIP_PARTING_MIN = 1
/** Lip points within this many cells of their lip's inner edge measure the parting. */
export const LIP_EDGE_BAND = 1.5

export interface LipTestValues {
  /** 4 x [1, N]: each point's key at each of its CANDIDATES cells, lip points past their lip pushed back. */
  readonly candidateKeys: Value[]
  /** [1] bool: the expression parts the lips (the lip cut runs). */
  readonly lipsParted: Value
}

/**
 * The splat's lip test. A lip point (pointAttrs channel 4: +1 upper, -1 lower) whose texture read at one of its
 * candidate cells lies past its own lip's inner edge gets a key from the upper half of the key range there, so
 * that any surface actually there wins that cell (the other lip where the lips touch or overlap, the mouth's
 * back layer where they part).
 */
export function lipTestKeys(
  g: GraphBuilder,
  inputs: {
    points: Value
    pointAttrs: Value
    backTexture: Value
    srcX: Value
    srcY: Value
    px: Value
    py: Value
    fu: Value
    fv: Value
    inverse: Value
    cell: Value
    originX: Value
    originY: Value
    srcW: Value
    srcH: Value
    bins: Value
    nPoints: Value
    flatKey: Value
    zero: Value
  }
): LipTestValues {
  const { f, i64, op, add, sub, mul, div, neg, slice } = graphOps(g)
  const { points, pointAttrs: attrs, backTexture, srcX, srcY, px, py, fu, fv, inverse, cell } = inputs
  const { originX, originY, srcW, srcH, bins, nPoints, flatKey, zero } = inputs
  // The lip test runs on the lip points alone (a few hundred of the N points), gathered by index.
  const lipSideAll = op('Reshape', [slice(attrs, 4, 5, 1), i64([1, -1])]) // [1, N]
  const lipIdx = op('Reshape', [
    op('NonZero', [op('Reshape', [op('Greater', [op('Abs', [lipSideAll]), f(0.5)]), i64([-1])])]),
    i64([-1])
  ]) // [M]
  const onLips = (x: Value): Value => op('Gather', [op('Reshape', [x, i64([1, -1])]), lipIdx], { axis: 1 }) // [1, M]
  const lipSide = onLips(lipSideAll)
  const [lipSrcX, lipSrcY, lipX, lipY, lipFu, lipFv] = [srcX, srcY, px, py, fu, fv].map(onLips) as [
    Value,
    Value,
    Value,
    Value,
    Value,
    Value
  ]
  const lipInv = [0, 1, 2, 3].map((k) => onLips(slice(inverse, k, k + 1, 0)))
  const limit = mul(cell, f(MAX_EXTRAPOLATION))
  const clampL = (x: Value): Value => op('Min', [op('Max', [x, neg(limit)]), limit])
  // Where each lip point's texture read at the centre of each of its candidate cells falls (as the backward map
  // computes it).
  const reads = CANDIDATES.map(([du, dv]) => {
    const ox = sub(add(originX, mul(sub(add(lipFu, f(du - 1)), f(0.5)), cell)), lipX)
    const oy = sub(add(originY, mul(sub(add(lipFv, f(dv - 1)), f(0.5)), cell)), lipY)
    return {
      x: add(lipSrcX, clampL(add(mul(lipInv[0]!, ox), mul(lipInv[1]!, oy)))),
      y: add(lipSrcY, clampL(add(mul(lipInv[2]!, ox), mul(lipInv[3]!, oy))))
    }
  })
  // Signed distances into the upper and the lower lip from the seam (backTexture channels 3, 4) and above the upper
  // lip's inner edge (11) at each lip point's own source px and at its four reads, in one GridSample; then how far
  // inside its own surface each lands (upperSurfaceDistance: the upper lip's skin ends at the seam and its inner
  // edge, the photo's upper teeth lie between them; the lower side ends at the seam).
  const x = op('Concat', [lipSrcX, ...reads.map((r) => r.x)], { axis: 1 }) // [1, 5M]
  const y = op('Concat', [lipSrcY, ...reads.map((r) => r.y)], { axis: 1 })
  const lipSampled = op('Reshape', [
    samplePlanes(g, {
      image: backTexture,
      reads: [3, 4, 11].map((plane) => ({ x, y, plane })),
      srcW,
      srcH
    }),
    i64([3, -1])
  ]) // [3, 5M]: seam upper, seam lower, upper edge
  const plane = (k: number): Value => slice(lipSampled, k, k + 1, 0)
  const side5 = op('Tile', [lipSide, i64([1, 5])]) // [1, 5M]: each read's point's side
  const inside = op('Concat', [upperSurfaceDistance(g, side5, plane(0), plane(2)), plane(1)], {
    axis: 0
  }) // [2, 5M]: into the upper side, into the lower side
  // 5 x [2, M] (Slice, not Split: M is 0 for a portrait whose lips are not cut)
  const lipCount = op('Shape', [lipIdx]) // [1], int64
  const part = (k: number): Value =>
    op('Slice', [inside, op('Mul', [lipCount, i64([k])]), op('Mul', [lipCount, i64([k + 1])]), i64([1])])
  const [ownDist, ...readDist] = [0, 1, 2, 3, 4].map(part)
  // The lip cut only runs while the lips part: the mean downward expression motion (source px) of the lower
  // lip's edge points minus that of the upper lip's (points within LIP_EDGE_BAND cells of their inner edge; a
  // smile lifts both lips and the cheeks above). At zero code, with the lips pressed together or closing an
  // open mouth, or under a head turn alone it is 0 or less: nothing is cut.
  const expressionDy = sub(onLips(slice(points, 1, 2, 1)), lipSrcY)
  const meanDy = (mask: Value): Value => {
    const m = op('Cast', [mask], { to: 1 })
    return div(
      op('ReduceSum', [mul(m, expressionDy)], { keepdims: 0 }),
      op('Max', [op('ReduceSum', [m], { keepdims: 0 }), f(1)])
    )
  }
  const nearEdge = (d: Value): Value => op('Less', [d, mul(cell, f(LIP_EDGE_BAND))])
  // The lips' skin only: the photo's teeth (|side| > PHOTO_TEETH_MIN_SIDE) stay with the skull or the jaw, and counted
  // with the upper lip they halved the parting an upper lip lifted off them makes.
  const skin = op('Less', [op('Abs', [lipSide]), f(PHOTO_TEETH_MIN_SIDE)])
  const parting = sub(
    meanDy(
      op('And', [op('And', [op('Less', [lipSide, f(-0.5)]), skin]), nearEdge(slice(ownDist!, 1, 2, 0))])
    ),
    meanDy(
      op('And', [op('And', [op('Greater', [lipSide, f(0.5)]), skin]), nearEdge(slice(ownDist!, 0, 1, 0))])
    )
  )
  const lipsParted = op('Greater', [parting, mul(cell, f(LIP_PARTING_MIN))])
  const upperSide = op('Greater', [lipSide, zero])
  const penaltyKey = mul(mul(bins, nPoints), op('Cast', [lipsParted], { to: 1 }))
  const noPenalty = mul(flatKey, zero) // [1, N] zeros
  const lipIdxRow = op('Reshape', [lipIdx, i64([1, -1])])
  const candidateKeys = readDist.map((d) => {
    const ownLip = op('Where', [upperSide, slice(d, 0, 1, 0), slice(d, 1, 2, 0)])
    const past = op('Cast', [op('Less', [ownLip, mul(cell, f(-LIP_TEST_TOLERANCE))])], { to: 1 })
    const penalty = op('ScatterElements', [noPenalty, lipIdxRow, mul(past, penaltyKey)], { axis: 1 })
    return add(flatKey, penalty)
  })
  return { candidateKeys, lipsParted }
}
