/**
 * Gaze directions: they turn the eyeballs, not the skin. Their skin field is zero, so under the expression inner
 * product (vertex-area-weighted displacements of the canonical mesh) they are orthogonal to every skin
 * direction; the space's inner product adds an eyeball term, the iris travel (cm) of the two directions, under
 * which they are orthogonal to each other (one travels along the eye's axis, the other across it). The avatar turns the travel into motion of its eyeball points (`avatar/eye-gaze.ts`), limited so
 * the irises stay inside this person's eye openings.
 */
export interface GazeDirection {
  readonly name: string
  /**
   * Iris travel at slider +1, canonical cm: along the eye's axis toward the subject's left (the image's right in
   * a frontal photo), and up.
   */
  readonly travel: readonly [number, number]
}

/**
 * Travel at +1: an eye turned about 30 degrees sideways moves its iris centre about 0.6 cm (a 1.2 cm eyeball
 * radius × sin 30°; the shared driving clips' 95th percentile of iris travel outside blinks, read by the analysis,
 * is about 0.59 cm), and further to the corner when turned hard: 1 cm, which the avatar limits to this person's
 * eye (the iris's rim tucked just under the corner it moves toward, `avatar/eye-gaze.ts`; 0.5–0.65 cm on most
 * dev portraits), so that +1 is as far as the eye goes. Up and down the lids follow the eye in real faces and
 * cover part of its travel; 0.6 cm (the avatar limited it to the iris radius, about 0.55–0.7 cm) read back at 0.9
 * of real footage raised and 0.46 lowered (0.51 and 0.26 at 0.3 cm, median of 10 dev portraits); 0.78 cm (limited to
 * 1.3 iris radii, with the lower lid following, `avatar/eye-gaze.ts`) at 1.24 raised and 0.92 lowered.
 */
export const GAZE_DIRECTIONS: readonly GazeDirection[] = [
  { name: 'gazeHorizontal', travel: [1.0, 0] },
  { name: 'gazeVertical', travel: [0, 0.78] }
]

export const GAZE_INNER_PRODUCT =
  'plus the eyeball term: iris travel (cm) of the gaze directions, dot product'
