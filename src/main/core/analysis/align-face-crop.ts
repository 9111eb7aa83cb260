/**
 * A rotated rectangle in image px (x right, y down). `rotation` is in radians, positive = clockwise as
 * seen on screen (because y points down), and is the angle of the rectangle's x axis in the image.
 */
export interface RotatedRect {
  readonly xCenter: number
  readonly yCenter: number
  readonly width: number
  readonly height: number
  readonly rotation: number
}

/**
 * Row-major 2x3 affine [a, b, c, d, e, f] mapping continuous crop coordinates (u, v) (crop px, origin at
 * the crop's top-left corner) to continuous image coordinates (x, y) (image px, origin at the image's
 * top-left corner): x = a u + b v + c, y = d u + e v + f.
 */
export type Affine2x3 = readonly [number, number, number, number, number, number]

/**
 * The affine that maps an output crop of `cropWidth` x `cropHeight` px onto `rect`: the crop's centre is
 * the rect centre, the crop's x axis follows the rect rotation, and the crop spans the whole rect.
 */
export function cropToImageAffine(rect: RotatedRect, cropWidth: number, cropHeight: number): Affine2x3 {
  const cos = Math.cos(rect.rotation)
  const sin = Math.sin(rect.rotation)
  const sx = rect.width / cropWidth
  const sy = rect.height / cropHeight
  // (u, v) -> centred, scaled -> rotated -> translated.
  const a = cos * sx
  const b = -sin * sy
  const d = sin * sx
  const e = cos * sy
  const c = rect.xCenter - a * (cropWidth / 2) - b * (cropHeight / 2)
  const f = rect.yCenter - d * (cropWidth / 2) - e * (cropHeight / 2)
  return [a, b, c, d, e, f]
}

/** Letterbox: the whole image fitted into a `size` x `size` crop keeping aspect ratio, centred, padded. */
export function letterboxToImageAffine(imageWidth: number, imageHeight: number, size: number): Affine2x3 {
  const side = Math.max(imageWidth, imageHeight)
  const s = side / size
  return [s, 0, (imageWidth - side) / 2, 0, s, (imageHeight - side) / 2]
}

/** Applies an affine to a point. */
export function applyAffine(m: Affine2x3, u: number, v: number): [number, number] {
  return [m[0] * u + m[1] * v + m[2], m[3] * u + m[4] * v + m[5]]
}

/** Wraps an angle to [-pi, pi). */
export function normalizeRadians(angle: number): number {
  return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI))
}
