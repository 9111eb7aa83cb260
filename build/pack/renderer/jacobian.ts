import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/**
 * Smallest determinant of a point's forward Jacobian used for its inverse (stronger compression is clamped). A
 * folded point (determinant 0 or below) reads through the identity instead: clamped, its inverse kept the fold's
 * mirrored orientation at five times the scale, and the cells around it read the source the wrong way, far past
 * it. The lower lip folds at the corners when the jaw opens; the cavity's cells beside it, which read through the
 * lip's map to place its edge (lipReads), read five cells into the lip and showed pink blobs of lip floating in the
 * cavity (sad_people0, lp_s42, lp_drv12 from jawOpen 0.3).
 */
export const MIN_JACOBIAN_DET = 0.2

export interface JacobianValues {
  /** [1, N]: each point's source x and y (pointAttrs channels 0, 1), source px. */
  readonly srcX: Value
  readonly srcY: Value
  /** [4, N]: the inverse Jacobian d(source px) / d(output px), row-major (a, b; c, d). */
  readonly inverse: Value
}

/**
 * The forward map's local inverse Jacobian (used by the splat's lip test and the backward map).
 *
 * Local inverse Jacobian of the forward map source px -> output px at every point, from its neighbours'
 * moved positions (central differences where both exist): a surface turned away from the camera is
 * compressed, and a cell that is up to a cell away from its winning point must read the texture that much
 * further away in the source, not the same distance (that slid the far side of a turned face outward).
 */
export function inverseJacobian(
  g: GraphBuilder,
  inputs: { moved: Value; pointAttrs: Value; pointNeighbours: Value; one: Value }
): JacobianValues {
  const { f, i64, op, sub, mul, div, neg, slice } = graphOps(g)
  const { moved, pointAttrs: attrs, pointNeighbours: neighbours, one } = inputs
  const movedXY = op('Reshape', [slice(moved, 0, 2, 1), i64([2, -1])]) // [2, N]
  const srcX = op('Reshape', [slice(attrs, 0, 1, 1), i64([1, -1])])
  const srcY = op('Reshape', [slice(attrs, 1, 2, 1), i64([1, -1])])
  // Each point's four neighbours' moved x, y and source x, y: one Gather of contiguous [N, 4] rows for all
  // four neighbour sets (gathering columns of [2, N] and [1, N], eight times, cost about 2 ms at 25 k points).
  const nbTable = op('Transpose', [op('Concat', [movedXY, srcX, srcY], { axis: 0 })], { perm: [1, 0] }) // [N, 4]
  const nbRows = op('Reshape', [
    op('Transpose', [op('Gather', [nbTable, op('Reshape', [neighbours, i64([-1])])], { axis: 0 })], {
      perm: [1, 0]
    }),
    i64([4, 4, -1])
  ]) // [value (moved x, moved y, src x, src y), neighbour (left, right, up, down), N]
  const nbOf = g
    .opMulti('Split', [nbRows, i64([1, 1, 1, 1])], 4, { axis: 1 })
    .map((v) => op('Reshape', [v, i64([4, -1])])) // 4 x [4, N]
  const column = (lo: Value, hi: Value, srcRow: 2 | 3, fallback: [number, number]): Value => {
    const d = sub(hi, lo) // [4, N]
    const dp = slice(d, 0, 2, 0)
    const ds = slice(d, srcRow, srcRow + 1, 0) // [1, N]
    const has = op('Greater', [op('Abs', [ds]), f(1e-3)])
    const safe = op('Where', [has, ds, one])
    const fb = g.constant('float32', [2, 1], fallback, 'jacobian_fallback')
    return op('Where', [has, div(dp, safe), fb]) // [2, N]: d(output x, y) / d(source coordinate)
  }
  const jx = column(nbOf[0]!, nbOf[1]!, 2, [1, 0])
  const jy = column(nbOf[2]!, nbOf[3]!, 3, [0, 1])
  const [ja, jc] = g.opMulti('Split', [jx, i64([1, 1])], 2, { axis: 0 })
  const [jb, jd] = g.opMulti('Split', [jy, i64([1, 1])], 2, { axis: 0 })
  // An extreme compression reads at most 1/MIN_DET further than the identity map; a fold (det <= 0) reads
  // through the identity.
  const rawDet = sub(mul(ja!, jd!), mul(jb!, jc!))
  const det = op('Max', [rawDet, f(MIN_JACOBIAN_DET)])
  const clamped = div(op('Concat', [jd!, neg(jb!), neg(jc!), ja!], { axis: 0 }), det) // [4, N] row-major
  const identity = g.constant('float32', [4, 1], [1, 0, 0, 1], 'jacobian_identity')
  const inverse = op('Where', [op('Greater', [rawDet, f(0)]), clamped, identity])
  return { srcX, srcY, inverse }
}
