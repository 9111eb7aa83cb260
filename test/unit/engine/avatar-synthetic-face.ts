// Hand-built inputs for the avatar stage tests: landmarks with the mouth and eye rings placed where a test
// wants them, and a head proxy with a flat, round silhouette.
import { type HeadProxy } from '../../../src/main/core/engine/avatar/head-proxy'
import {
  eyeRing,
  INNER_LIP_RING,
  INNER_LIP_UPPER,
  LEFT_EYE,
  MOUTH_CORNER_LEFT,
  MOUTH_CORNER_RIGHT,
  RIGHT_EYE,
  type EyeContours
} from '../../../src/main/core/engine/expression/face-regions'

/** 468 landmarks, every one far outside the portrait (x = y = -1000 px, depth 0): no opening shows. */
export function blankLandmarks(): Float32Array {
  const lm = new Float32Array(468 * 3)
  for (let i = 0; i < 468; i++) {
    lm[3 * i] = -1000
    lm[3 * i + 1] = -1000
  }
  return lm
}

export function setLandmark(lm: Float32Array, i: number, x: number, y: number, z: number): void {
  lm[3 * i] = x
  lm[3 * i + 1] = y
  lm[3 * i + 2] = z
}

/**
 * Places a closed landmark ring on an ellipse (centre and radii in px, all at depth z): its first `upperCount`
 * entries from the left end over the top to the right end (ends included), the rest back along the bottom.
 */
export function placeRing(
  lm: Float32Array,
  ring: readonly number[],
  upperCount: number,
  centre: readonly [number, number],
  radii: readonly [number, number],
  z: number
): void {
  const lower = ring.length - upperCount
  ring.forEach((index, k) => {
    const angle =
      k < upperCount
        ? Math.PI - (Math.PI * k) / (upperCount - 1)
        : (-Math.PI * (k - upperCount + 1)) / (lower + 1)
    setLandmark(lm, index, centre[0] + radii[0] * Math.cos(angle), centre[1] - radii[1] * Math.sin(angle), z)
  })
}

/**
 * The inner lips as an ellipse `halfWidth` x `halfOpening` px around `centre` (0 opening: closed lips), the
 * outer mouth corners 1 px beyond the inner ones; everything at depth z.
 */
export function placeMouth(
  lm: Float32Array,
  centre: readonly [number, number],
  halfWidth: number,
  halfOpening: number,
  z: number
): void {
  placeRing(lm, INNER_LIP_RING, INNER_LIP_UPPER.length, centre, [halfWidth, halfOpening], z)
  setLandmark(lm, MOUTH_CORNER_RIGHT, centre[0] - halfWidth - 1, centre[1], z)
  setLandmark(lm, MOUTH_CORNER_LEFT, centre[0] + halfWidth + 1, centre[1], z)
}

/** An eye's lid margins as an ellipse around `centre` (px), at depth z. */
export function placeEye(
  lm: Float32Array,
  eye: EyeContours,
  centre: readonly [number, number],
  radii: readonly [number, number],
  z: number
): void {
  placeRing(lm, eyeRing(eye), eye.upper.length, centre, radii, z)
}

/**
 * Two eyes on a 200 x 100 px portrait at 10 px per cm (the eye-region stage tests' scene): eyes 30 px wide and
 * 12 px tall at depth 5, centred at (60, 50) (the right eye) and (140, 50), so the upper margins' middle is at
 * y = 44 and the lower margins' at y = 56; each brow's lower edge runs at y = 24 from 20 px left of its eye's
 * centre, 10 px per landmark.
 */
export function twoEyeLandmarks(): Float32Array {
  const lm = blankLandmarks()
  placeEye(lm, RIGHT_EYE, [60, 50], [15, 6], 5)
  placeEye(lm, LEFT_EYE, [140, 50], [-15, 6], 5)
  for (const [eye, cx] of [
    [RIGHT_EYE, 60],
    [LEFT_EYE, 140]
  ] as const) {
    eye.browLower.forEach((v, j) => setLandmark(lm, v, cx - 20 + 10 * j, 24, 0))
  }
  return lm
}

/**
 * A head proxy for stage tests: the ellipsoid seen as a disc of `radius` px around the pivot at one front
 * `depth`, a pose of `scale` px per cm without rotation, and the given rigidity (default 1 everywhere).
 */
export function flatHead(options: {
  pivot: [number, number, number]
  scale: number
  radius: number
  depth: number
  rigidityAt?: (x: number, y: number, z: number) => number
}): HeadProxy {
  const { pivot, scale, radius, depth } = options
  return {
    pivot,
    dirToImage: (d) => [d[0]! * scale, -d[1]! * scale, -d[2]! * scale],
    ellipsoidDepth: (x, y) => (Math.hypot(x - pivot[0], y - pivot[1]) <= radius ? depth : null),
    rigidityAt: options.rigidityAt ?? (() => 1)
  }
}
