// Pure data types of the face analysis, shared by the main process and the renderer.
//
// Coordinate frames:
// - "image px": pixels of the EXIF-oriented original image, x to the right, y down, origin at the
//   top-left corner of the top-left pixel (pixel centres at i + 0.5).
// - landmark z: MediaPipe's relative depth scaled like x (image px); smaller z is closer to the camera.
// - "canonical": the canonical face mesh frame (centimetres, x toward the subject's left = image
//   right for a frontal face, y up, z out of the face toward the camera).

import type { Degrees } from '../timeline/units'

/** Angle in degrees: the one branded unit of the project (see `timeline/units.ts`). */
export type { Degrees }

/** Axis-aligned box in image px. */
export interface FaceBox {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** A 2-D point in image px. */
export interface Point2 {
  readonly x: number
  readonly y: number
}

/**
 * Rigid head pose from a weighted similarity (Procrustes) fit of the canonical mesh to the landmarks.
 *
 * The camera frame is x right, y up, z toward the viewer (the image frame with y and z flipped).
 * `matrix` maps canonical cm to that camera frame in image px: p_cam = scale * R * p_canonical + t.
 * The rotation is R = Ry(yaw) * Rx(-pitch) * Rz(roll):
 * - yaw > 0: the subject turns toward their own left, i.e. the nose moves to the image's right;
 * - pitch > 0: the subject looks up (nose moves up in the image);
 * - roll > 0: the head tilts counter-clockwise as seen in the image, i.e. toward the subject's
 *   right shoulder (image left).
 */
export interface HeadPose {
  readonly yaw: Degrees
  readonly pitch: Degrees
  readonly roll: Degrees
  /** Image px per canonical cm. */
  readonly scale: number
  /** Translation in the camera frame (x right, y up, z toward viewer), image px. */
  readonly translation: readonly [number, number, number]
  /** Row-major 3x4 [s*R | t]: canonical cm -> camera frame px (y up; image y = -camera y). */
  readonly matrix: readonly number[]
  /** Weighted RMS residual of the fit, in canonical cm. */
  readonly rmsError: number
}

/** Milliseconds spent per stage for one analysis. */
export interface AnalysisTimings {
  readonly detectionMs: number
  readonly landmarksMs: number
  readonly poseMs: number
}

export interface FaceAnalysis {
  /** Axis-aligned face box in image px (from the detector, or from the landmarks when tracking). */
  readonly box: FaceBox
  /** Detector score in [0, 1] (sigmoid of the logit); the presence score when tracking. */
  readonly score: number
  /** The six BlazeFace keypoints in image px (empty when tracking without a detection). */
  readonly keypoints: readonly Point2[]
  /** 468 x (x, y, z) in image px, z scaled like x. */
  readonly landmarks: Float32Array
  /** Face presence probability from the landmark model, in [0, 1]. */
  readonly presence: number
  readonly pose: HeadPose
  /** Landmarks mapped into the canonical frame by the inverse pose: 468 x (x, y, z), cm. */
  readonly canonicalLandmarks: Float32Array
  /** canonicalLandmarks minus the neutral shape estimate: 468 x (dx, dy, dz), cm. */
  readonly residual: Float32Array
  /**
   * The irises (landmark model with attention only; absent with the plain mesh model): 2 x 5 x (x, y, z) image
   * px, the subject's right iris first, each its centre then four points on its rim.
   */
  readonly irises?: Float32Array
  /** The irises mapped into the canonical frame like the landmarks: 2 x 5 x (x, y, z), cm. */
  readonly canonicalIrises?: Float32Array
  readonly timings: AnalysisTimings
}

/** One frame of a video analysis; `face` is null when no face was found in that frame. */
export interface VideoFrameAnalysis {
  readonly index: number
  /** Presentation time from the decoder, seconds. */
  readonly timeSec: number
  readonly face: FaceAnalysis | null
}

/**
 * A whole driving video analysed: coordinates are px of the analysed frames (`width` x `height`, the
 * decoded size after any downscale); every face's residual is against `neutral`, the driver's own
 * neutral shape estimated from the clip (identity-free expression).
 */
export interface VideoAnalysis {
  readonly width: number
  readonly height: number
  readonly frames: readonly VideoFrameAnalysis[]
  /** 468 x 3 canonical cm, or null when no frame had a face. */
  readonly neutral: Float32Array | null
}
