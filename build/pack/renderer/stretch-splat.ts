import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'
import { viewField } from './view-fields'

/**
 * Rows (cells) below its 2x2 footprint that a vertically stretched skin point may also write: a gap of up to
 * STRETCH_ROWS + 2 cells between a point and the point below it in the same surface stays closed.
 */
export const STRETCH_ROWS = 10

/** The extra writes of the M stretched points: cell indices [2 STRETCH_ROWS, M] (cellsF: none) and their keys. */
export interface StretchCandidates {
  readonly candidatesIdx: Value[]
  readonly candidateKeys: Value[]
}

/**
 * Stretch-aware footprints. Each point writes the 2x2 cells around it (splatKeys), so a surface stretched past
 * twice its rest spacing opens holes that the gap fill only closes one cell wide (a crack); wider, the farthest
 * point around wins, which over an eye is the eyeball behind a closing lid: a blink's upper lid, whose skin
 * between the crease and the lash line stretches to cover the whole opening, showed the iris through it on large
 * eyes. So a skin point whose neighbour below (in the source grid) lands more than two cells further down writes
 * the rows between them too, two cells wide, each at the column interpolated toward that neighbour, with its own
 * key: its backward map reads the texture there through its Jacobian, stretched like the surface.
 * Only where the surface is continuous: both points in the skin layer off the lips (the lip test owns the lips'
 * keys, and the lips part) and the neighbour less than the view's leakDepth deeper or nearer (across a depth step,
 * a chin over the neck, the gap is an opening that the gap fill and the occlusion edges handle), and on the head
 * (rigidity over 0.5: the frame margin's sparse points, two cells apart at rest, went past the rule's threshold
 * under a turn by the hundreds, and cost the astronaut a quarter of its frame time). At rest the rows are one cell
 * apart, so nothing changes at zero code.
 */
export function stretchCandidates(
  g: GraphBuilder,
  inputs: {
    px: Value
    py: Value
    pz: Value
    u: Value
    v: Value
    fv: Value
    pointAttrs: Value
    pointNeighbours: Value
    view: Value
    originX: Value
    originY: Value
    cell: Value
    hc: Value
    wc: Value
    cellsF: Value
    flatKey: Value
    zero: Value
  }
): StretchCandidates {
  const { f, i64, op, add, sub, mul, div, slice } = graphOps(g)
  const { px, py, pz, u, v, fv, pointAttrs, pointNeighbours, view, originX, originY, cell } = inputs
  const { hc, wc, cellsF, flatKey, zero } = inputs
  const row = (x: Value): Value => op('Reshape', [x, i64([1, -1])]) // [1, N]
  // The neighbour below each point: its moved x, y and depth (one Gather of [N, 3] rows).
  const table = op('Transpose', [op('Concat', [px, py, pz].map(row), { axis: 0 })], { perm: [1, 0] }) // [N, 3]
  const down = op('Reshape', [slice(pointNeighbours, 3, 4, 0), i64([-1])])
  const below = op('Transpose', [op('Gather', [table, down], { axis: 0 })], { perm: [1, 0] }) // [3, N]
  const [belowX, belowY, belowZ] = [0, 1, 2].map((k) =>
    op('Reshape', [slice(below, k, k + 1, 0), i64([1, 1, -1])])
  )
  const belowU = add(div(sub(belowX!, originX), cell), f(0.5))
  const belowV = add(div(sub(belowY!, originY), cell), f(0.5))
  // The last row the neighbour's own 2x2 footprint does not reach.
  const lastRow = sub(op('Floor', [belowV]), f(2))
  const layer = slice(pointAttrs, 3, 4, 1)
  const lipSide = slice(pointAttrs, 4, 5, 1)
  const continuous = op('Less', [op('Abs', [sub(belowZ!, pz)]), viewField(g, view, 'leakDepth')])
  const rigidity = slice(pointAttrs, 2, 3, 1)
  const stretched = op('And', [
    op('And', [op('Less', [layer, f(0.5)]), op('Less', [op('Abs', [lipSide]), f(0.5)])]),
    op('And', [
      op('And', [continuous, op('Greater', [rigidity, f(0.5)])]),
      op('LessOrEqual', [add(fv, f(1)), lastRow])
    ])
  ])
  // The few stretched points (M: a closing lid's crease, some hundreds) are worked on alone.
  const flat = (x: Value): Value => op('Reshape', [x, i64([-1])])
  const at = flat(op('NonZero', [flat(stretched)]))
  const pick = (x: Value): Value => op('Reshape', [op('Gather', [flat(x), at], { axis: 0 }), i64([1, -1])]) // [1, M]
  const [uS, vS, fvS, belowUS, belowVS, lastRowS, keyS] = [u, v, fv, belowU, belowV, lastRow, flatKey].map(
    pick
  )
  // Row k = 1..STRETCH_ROWS below the footprint, at the column interpolated toward the neighbour: [rows, M].
  const k = g.constant(
    'float32',
    [STRETCH_ROWS, 1],
    Array.from({ length: STRETCH_ROWS }, (_, i) => i + 1),
    'rows'
  )
  const span = op('Max', [sub(belowVS!, vS!), f(1)])
  const cv = add(fvS!, k) // ring rows: the footprint's own rows are fv - 1 and fv
  const left = sub(op('Floor', [add(uS!, mul(sub(belowUS!, uS!), div(k, span)))]), f(1))
  const cu = op('Concat', [left, add(left, f(1))], { axis: 0 }) // [2 rows, M]: two cells wide
  const cv2 = op('Concat', [cv, cv], { axis: 0 })
  const inside = op('And', [
    op('And', [op('GreaterOrEqual', [cu, zero]), op('Less', [cu, wc])]),
    op('And', [op('GreaterOrEqual', [cv2, zero]), op('Less', [cv2, hc])])
  ])
  const writes = op('And', [op('LessOrEqual', [cv2, lastRowS!]), inside])
  const index = op('Where', [writes, add(mul(cv2, wc), cu), cellsF])
  return { candidatesIdx: [index], candidateKeys: [op('Expand', [keyS!, op('Shape', [index])])] }
}
