import { applyAffine, type Affine2x3 } from './align-face-crop'

/**
 * A detection (a face, a palm) in a normalised frame (x right, y down, [0, 1] over the frame it was decoded in).
 * Keypoints are the six BlazeFace points, see FaceDetectionKeypoint.
 */
export interface RawDetection {
  readonly xMin: number
  readonly yMin: number
  readonly width: number
  readonly height: number
  readonly score: number
  /** Flat [x0, y0, x1, y1, ...] in the same normalised frame. */
  readonly keypoints: readonly number[]
}

/**
 * A detection decoded in a letterboxed `size` x `size` input, in image px: `toImage` maps input px to image px
 * (letterboxToImageAffine, scale only), so box and keypoints go through it.
 */
export function detectionToImage(d: RawDetection, toImage: Affine2x3, size: number): RawDetection {
  const [xMin, yMin] = applyAffine(toImage, d.xMin * size, d.yMin * size)
  const keypoints: number[] = []
  for (let k = 0; k < d.keypoints.length; k += 2) {
    keypoints.push(...applyAffine(toImage, d.keypoints[k]! * size, d.keypoints[k + 1]! * size))
  }
  return {
    xMin,
    yMin,
    width: d.width * size * toImage[0],
    height: d.height * size * toImage[4],
    score: d.score,
    keypoints
  }
}
