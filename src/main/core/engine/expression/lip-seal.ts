// The lips' seal for directions that move the mouth sideways (canonical cm, x toward the subject's left, y up, z toward
// the camera; see author-directions.ts).
import { type CanonicalMesh } from './author-directions'
import { authoringGeometry } from './authoring-geometry'
import { INNER_LIP_LOWER, INNER_LIP_UPPER } from './face-regions'
import { invertSymmetric } from './fit-directions'

/**
 * Directions that neither part nor press the lips: the mouth drawn wide or narrow keeps a closed mouth closed. The
 * orthonormalisation takes from mouthStretch what it shares with the directions that open the mouth (jawOpen and
 * upperLipRaise, which part the inner lips by 2.6 and 1.1 cm at +1; cos 0.17 and 0.3 with its field), so its +1
 * pressed the inner lips 0.43 cm into each other and its −1 parted them by as much: a narrowed mouth opened onto a
 * flat slab of teeth (hallo_ref6, dt_uncut, sad_people0, lp_drv8).
 */
export const LIP_SEALED: readonly string[] = ['mouthStretch']

/** The inner lip contours' pairs, upper over lower (corners left out: they are one point). */
const INNER_PAIRS = INNER_LIP_UPPER.slice(1, -1).map((u, k) => [u, INNER_LIP_LOWER[k + 1]!] as const)

/** How far a field parts the lips at each inner pair, cm: the inner upper lip's rise less the inner lower lip's. */
export function innerLipParting(field: ArrayLike<number>): number[] {
  return INNER_PAIRS.map(([u, l]) => field[3 * u + 1]! - field[3 * l + 1]!)
}

/**
 * Centres (|x|, cm) of the parting fields: the middle, and each side's pair at mid-lip and near the corner. Three
 * mirror-symmetric fields fit the parting along the whole lip; one, a Gaussian over the mouth, took out the mean
 * but left the middle pressed 0.2 cm and parted the lips 0.3 cm beside the corners.
 */
const PARTING_CENTRES_CM = [0, 1, 2]

/**
 * The lips parting, and nothing else: per PARTING_CENTRES_CM, the upper lip up and the lower lip down over a
 * Gaussian 0.7 cm wide about that x (both sides alike) and fading 1.2 cm above and below the mouth, 1 cm apart at its
 * centre.
 */
export function lipPartingFields(mesh: CanonicalMesh): Float64Array[] {
  const g = authoringGeometry(mesh)
  return PARTING_CENTRES_CM.map((cx) => {
    const field = new Float64Array(g.n * 3)
    for (let i = 0; i < g.n; i++) {
      const p = g.V(i)
      const across = Math.exp(-0.5 * ((Math.abs(p[0]) - cx) / 0.7) ** 2)
      const rows = Math.exp(-0.5 * ((p[1] - g.mouthCenter[1]) / 1.2) ** 2)
      field[3 * i + 1] = (0.5 - g.lowerWeight(p)) * across * rows
    }
    return field
  })
}

/**
 * `field` with its lips' parting taken out: less the combination of `partings` (lipPartingFields) whose parting at
 * the inner pairs is closest to its own (least squares).
 */
export function sealLips(field: ArrayLike<number>, partings: readonly Float64Array[]): Float64Array {
  const target = innerLipParting(field)
  const columns = partings.map(innerLipParting)
  // Normal equations: (CᵀC) c = Cᵀt over the inner pairs.
  const inverse = invertSymmetric(
    columns.map((a) => columns.map((b) => a.reduce((s, x, k) => s + x * b[k]!, 0)))
  )
  const rhs = columns.map((a) => a.reduce((s, x, k) => s + x * target[k]!, 0))
  const coef = inverse.map((row) => row.reduce((s, x, k) => s + x * rhs[k]!, 0))
  return Float64Array.from(field, (x, j) => x - partings.reduce((s, p, k) => s + coef[k]! * p[j]!, 0))
}
