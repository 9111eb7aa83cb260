// The brow raises' hold on the eyelids (canonical cm, x toward the subject's left, y up; see author-directions.ts).
import { type CanonicalMesh } from './author-directions'
import { LEFT_EYE, RIGHT_EYE } from './face-regions'
import { piecewiseLinearAt } from '../avatar/piecewise-linear'
import { smoothstep } from '../avatar/smoothstep'

/**
 * The directions that move the brows: they move the skin above the eyes, not the lids. The raises (and at −1
 * lowerings) and the furrow, whose brow heads come down as they gather: unheld, a lowered brow dropped onto the
 * eyes and crushed the upper lids (hallo_ref6, see the browFurrow reason in fitted-directions.json).
 */
export const BROW_MOVES: readonly string[] = ['browInnerUp', 'browOuterUp', 'browFurrow']
/**
 * Height (cm) above the upper lid's margin of the lid's stiff rim (the tarsal plate, where the lashes grow): a brow
 * raise leaves it, the margin and everything below where they are.
 */
export const BROW_HOLD_RIM_CM = 0.25
/** Width (cm) past each eye corner over which the hold fades out sideways (the skin beside the eye is free). */
export const BROW_HOLD_SIDE_CM = 0.6

/**
 * Per vertex, the share (0..1) of a brow's move (BROW_MOVES) it keeps: 0 on the upper lid's margin, its stiff rim
 * (BROW_HOLD_RIM_CM above the margin) and everything under them (the eye opening, the lower lid, the cheek below),
 * rising linearly from the rim to 1 at the brow's lower edge; 1 beyond BROW_HOLD_SIDE_CM past the eye's corners.
 * In real faces the brows lift the skin above the lid and the lid's fold unfolds, while the lid margin stays; the
 * fitted brow fields instead moved the margins with the brows, and separated into inner and outer raises (and kept
 * apart from eyesWide and squint) they lowered the outer upper margin 0.3 cm and raised the lower lid 0.2 cm: raised
 * brows narrowed the eyes, which looked heavy. The ramp spreads the brow's travel evenly over the skin between the
 * rim and the brow, so that lowered (−1) it compresses without folding: held over only the 0.35 cm above the rim,
 * the skin under the brow (the fitted field moves it about 0.7 of the brow) came down past the held rim and tore a
 * jagged seam over the lid (lp_s1, cf_solvay18), and raised it smeared the lid's shadow in one band (hallo_ref3).
 */
export function browLidHold(mesh: CanonicalMesh): Float64Array {
  const n = mesh.vertices.length / 3
  const V = (i: number, k: number): number => mesh.vertices[3 * i + k]!
  const byX = (ids: readonly number[]): (readonly [number, number])[] =>
    ids.map((i) => [V(i, 0), V(i, 1)] as const).sort((a, b) => a[0] - b[0])
  const eyes = [RIGHT_EYE, LEFT_EYE].map((eye) => {
    const margin = byX(eye.upper)
    return { margin, brow: byX(eye.browLower), x0: margin[0]![0], x1: margin[margin.length - 1]![0] }
  })
  const keep = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const x = V(i, 0)
    let hold = 0
    for (const eye of eyes) {
      const outside = Math.max(0, eye.x0 - x, x - eye.x1)
      const side = 1 - smoothstep(0, BROW_HOLD_SIDE_CM, outside)
      const margin = piecewiseLinearAt(eye.margin, x)
      // Height over the margin, as a share of the way from the rim to the brow's lower edge.
      const span = Math.max(1e-6, piecewiseLinearAt(eye.brow, x) - margin - BROW_HOLD_RIM_CM)
      const up = Math.min(1, Math.max(0, (V(i, 1) - margin - BROW_HOLD_RIM_CM) / span))
      hold = Math.max(hold, side * (1 - up))
    }
    keep[i] = 1 - hold
  }
  return keep
}

/** A copy of `field` (468 × (dx, dy, dz), cm) with each vertex's motion scaled by its share of `keep`. */
export function applyHold(field: ArrayLike<number>, keep: ArrayLike<number>): Float64Array {
  return Float64Array.from(field, (d, j) => d * keep[Math.floor(j / 3)]!)
}
