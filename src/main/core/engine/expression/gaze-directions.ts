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
 * radius × sin 30°; the shared driving clips' 95th percentile of iris travel, read by the analysis, is about
 * 0.55 cm); up and down the lids follow the eye in real faces and cover most of its travel, so the iris
 * moves less within the opening (0.3 cm: the eyeball reaches under the lids, which cover the iris's top or
 * bottom as it moves; at 0.2 the read-back was about a third of real footage's). The avatar lowers both where a
 * person's eyes are narrower.
 */
export const GAZE_DIRECTIONS: readonly GazeDirection[] = [
  { name: 'gazeHorizontal', travel: [0.6, 0] },
  { name: 'gazeVertical', travel: [0, 0.3] }
]

export const GAZE_INNER_PRODUCT =
  'plus the eyeball term: iris travel (cm) of the gaze directions, dot product'
