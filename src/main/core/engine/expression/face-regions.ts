/**
 * Landmark index sets of the 468-vertex MediaPipe face mesh used to author expression directions.
 * "Right"/"left" are the subject's: the subject's right eye is on the image's left in a frontal photo and
 * has negative canonical x. Each contour is ordered from the subject's right to left (increasing canonical x)
 * or, for eyes, from the outer to the inner corner as noted.
 */

/** Inner lip contour, upper half, right corner to left corner (the mouth opening's top edge). */
export const INNER_LIP_UPPER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308] as const
/** Inner lip contour, lower half, right corner to left corner (the mouth opening's bottom edge). */
export const INNER_LIP_LOWER = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308] as const
/** Outer lip contour, upper half, right corner (61) to left corner (291). */
export const OUTER_LIP_UPPER = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291] as const
/** Outer lip contour, lower half, right corner to left corner. */
export const OUTER_LIP_LOWER = [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291] as const
/**
 * Landmark pairs across the middle of the red lips, each (higher point, lower point): the upper lip's outer over its
 * inner border (37/82, 0/13, 267/312), then the lower lip's inner over its outer border (87/84, 14/17, 317/314).
 */
export const RED_LIP_PAIRS = [
  [37, 82],
  [0, 13],
  [267, 312],
  [87, 84],
  [14, 17],
  [317, 314]
] as const
export const MOUTH_CORNER_RIGHT = 61
export const MOUTH_CORNER_LEFT = 291

export interface EyeContours {
  /** Upper eyelid margin, outer corner to inner corner (corners included). */
  readonly upper: readonly number[]
  /** Lower eyelid margin, outer corner to inner corner (corners included). */
  readonly lower: readonly number[]
  /** Lower edge of the eyebrow above this eye, outer to inner. */
  readonly browLower: readonly number[]
  /** Upper edge of the eyebrow, outer to inner. */
  readonly browUpper: readonly number[]
}

export const RIGHT_EYE: EyeContours = {
  upper: [33, 246, 161, 160, 159, 158, 157, 173, 133],
  lower: [33, 7, 163, 144, 145, 153, 154, 155, 133],
  browLower: [46, 53, 52, 65, 55],
  browUpper: [70, 63, 105, 66, 107]
}

export const LEFT_EYE: EyeContours = {
  upper: [263, 466, 388, 387, 386, 385, 384, 398, 362],
  lower: [263, 249, 390, 373, 374, 380, 381, 382, 362],
  browLower: [276, 283, 282, 295, 285],
  browUpper: [300, 293, 334, 296, 336]
}

/** Nose wings (alae), subject's right and left. */
export const NOSE_WING_RIGHT = 129
export const NOSE_WING_LEFT = 358
export const NOSE_TIP = 1
export const CHIN = 152

/** Face outline (jaw contour and forehead), clockwise from the forehead centre as seen in the image. */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149,
  150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109
] as const

/** The inner-lip ring as a closed polygon (upper right-to-left, then lower left-to-right). */
export const INNER_LIP_RING: readonly number[] = [
  ...INNER_LIP_UPPER,
  ...[...INNER_LIP_LOWER].reverse().slice(1, -1)
]

/** The eye opening as a closed polygon. */
export function eyeRing(eye: EyeContours): number[] {
  return [...eye.upper, ...[...eye.lower].reverse().slice(1, -1)]
}
