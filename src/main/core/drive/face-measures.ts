import {
  INNER_LIP_LOWER,
  INNER_LIP_UPPER,
  LEFT_EYE,
  MOUTH_CORNER_LEFT,
  MOUTH_CORNER_RIGHT,
  NOSE_WING_LEFT,
  NOSE_WING_RIGHT,
  RIGHT_EYE
} from '../engine/expression/face-regions'

/**
 * Simple readings of a face in the canonical frame (468 × (x, y, z) cm, pose and scale factored out, then
 * the 2 × 5 iris points when the landmark model gives them: see `withIrises`): how open the mouth and eyes
 * are, how wide the mouth is, how high the corners and brows sit, where the irises look. They pick a
 * driver's reference frame and measure how well a driven render follows its driver.
 */
export interface FaceMeasures {
  /** Mean gap between the inner lips over their middle, cm. */
  readonly mouthOpen: number
  /** Corner-to-corner distance, cm. */
  readonly mouthWidth: number
  /** Height of the mouth corners over the inner lips' midline, cm (a smile raises it). */
  readonly cornerHeight: number
  /** Chin height below the nose tip, cm (the jaw drops it). */
  readonly jawDrop: number
  /** Lid gap of the subject's right / left eye, cm. */
  readonly eyeOpenR: number
  readonly eyeOpenL: number
  /** Height of the brow's upper edge over the eye's corners, subject's right / left, cm. */
  readonly browR: number
  readonly browL: number
  /** Distance between the brows' inner ends, cm (a furrow draws them together). */
  readonly browGap: number
  /** Height of the nostril wings over the eyes' inner corners, cm (negative; a sneer raises the wings). */
  readonly noseWings: number
  /**
   * Where the irises sit in their eyes: the iris centre's offset from the midpoint of its eye's corners, mean
   * of both eyes, cm (x toward the subject's left, y up); 0 without irises.
   */
  readonly gazeX: number
  readonly gazeY: number
}

export const FACE_MEASURE_NAMES = [
  'mouthOpen',
  'mouthWidth',
  'cornerHeight',
  'jawDrop',
  'eyeOpenR',
  'eyeOpenL',
  'browR',
  'browL',
  'browGap',
  'noseWings',
  'gazeX',
  'gazeY'
] as const satisfies readonly (keyof FaceMeasures)[]

export type FaceMeasureName = (typeof FACE_MEASURE_NAMES)[number]

const LID_PAIRS_R = [
  [160, 144],
  [159, 145],
  [158, 153]
] as const
const LID_PAIRS_L = [
  [387, 373],
  [386, 374],
  [385, 380]
] as const
const NOSE_TIP = 1
const CHIN = 152
/** The brows' inner ends, upper and lower contour (subject's right, then left). */
const BROW_INNER_RIGHT = [107, 55] as const
const BROW_INNER_LEFT = [336, 285] as const
/**
 * The eyes' inner corners, which a sneer pulls down toward the wings as it lifts them (the nose's bridge read a
 * sneer at less than half, and a smile's lifted wings as one).
 */
const EYE_INNER_RIGHT = 133
const EYE_INNER_LEFT = 362
/** Landmark count with the irises appended (468 mesh points, then 2 × 5 iris points, right eye first). */
const WITH_IRISES = 478

/** The canonical landmarks followed by the canonical irises, when there are irises. */
export function withIrises(canonical: Float32Array, irises: Float32Array | undefined): Float32Array {
  if (irises == null) return canonical
  const out = new Float32Array(canonical.length + irises.length)
  out.set(canonical)
  out.set(irises, canonical.length)
  return out
}

export function measureFace(c: ArrayLike<number>): FaceMeasures {
  const x = (i: number): number => c[3 * i]!
  const y = (i: number): number => c[3 * i + 1]!
  let gap = 0
  let mid = 0
  for (let k = 3; k <= 7; k++) {
    gap += y(INNER_LIP_UPPER[k]!) - y(INNER_LIP_LOWER[k]!)
    mid += (y(INNER_LIP_UPPER[k]!) + y(INNER_LIP_LOWER[k]!)) / 2
  }
  mid /= 5
  const lid = (pairs: readonly (readonly [number, number])[]): number =>
    pairs.reduce((s, [u, l]) => s + y(u) - y(l), 0) / pairs.length
  // Over the eye's corners, which the lids do not move: measured over the whole eye, a blink would
  // read as the brow rising.
  const brow = (eye: typeof RIGHT_EYE): number => {
    const browY = eye.browUpper.reduce((s, i) => s + y(i), 0) / eye.browUpper.length
    return browY - (y(eye.upper[0]!) + y(eye.upper[eye.upper.length - 1]!)) / 2
  }
  return {
    mouthOpen: gap / 5,
    mouthWidth: Math.hypot(
      x(MOUTH_CORNER_LEFT) - x(MOUTH_CORNER_RIGHT),
      y(MOUTH_CORNER_LEFT) - y(MOUTH_CORNER_RIGHT)
    ),
    cornerHeight: (y(MOUTH_CORNER_LEFT) + y(MOUTH_CORNER_RIGHT)) / 2 - mid,
    jawDrop: y(NOSE_TIP) - y(CHIN),
    eyeOpenR: lid(LID_PAIRS_R),
    eyeOpenL: lid(LID_PAIRS_L),
    browR: brow(RIGHT_EYE),
    browL: brow(LEFT_EYE),
    browGap:
      (BROW_INNER_LEFT.reduce((s, i) => s + x(i), 0) - BROW_INNER_RIGHT.reduce((s, i) => s + x(i), 0)) / 2,
    noseWings: (y(NOSE_WING_LEFT) + y(NOSE_WING_RIGHT) - y(EYE_INNER_LEFT) - y(EYE_INNER_RIGHT)) / 2,
    ...gaze(c)
  }
}

/** The irises' mean offset from their eyes' corner midpoints (cm), or 0 without irises. */
function gaze(c: ArrayLike<number>): { gazeX: number; gazeY: number } {
  if (c.length < WITH_IRISES * 3) return { gazeX: 0, gazeY: 0 }
  let gx = 0
  let gy = 0
  ;[RIGHT_EYE, LEFT_EYE].forEach((eye, side) => {
    const [a, b] = [eye.upper[0]!, eye.upper[eye.upper.length - 1]!]
    const centre = 3 * (468 + 5 * side)
    gx += c[centre]! - (c[3 * a]! + c[3 * b]!) / 2
    gy += c[centre + 1]! - (c[3 * a + 1]! + c[3 * b + 1]!) / 2
  })
  return { gazeX: gx / 2, gazeY: gy / 2 }
}
