/**
 * A face detection in a normalised frame (x right, y down, [0, 1] over the frame it was decoded in).
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
