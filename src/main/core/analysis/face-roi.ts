import { FaceDetectionKeypoint, FaceMeshLandmark } from '@shared/face/face-landmark-constants'
import { normalizeRadians, type RotatedRect } from './align-face-crop'

/** MediaPipe's face-mesh ROI enlargement (RectTransformationCalculator scale_x = scale_y = 1.5). */
export const FACE_ROI_SCALE = 1.5

/** A box in image px with the two eye points that fix the roll of the crop. */
interface BoxWithEyes {
  readonly xMin: number
  readonly yMin: number
  readonly width: number
  readonly height: number
  /** Subject's right eye (image left in a frontal photo), image px. */
  readonly rightEye: readonly [number, number]
  /** Subject's left eye, image px. */
  readonly leftEye: readonly [number, number]
}

/**
 * MediaPipe's DetectionsToRectsCalculator (target angle 0 from the subject's right eye to the left eye)
 * followed by RectTransformationCalculator (square_long, scale 1.5), computed in image px so the ROI is
 * square in pixels.
 */
export function roiFromBoxAndEyes(box: BoxWithEyes, scale = FACE_ROI_SCALE): RotatedRect {
  const [x0, y0] = box.rightEye
  const [x1, y1] = box.leftEye
  const rotation = normalizeRadians(-Math.atan2(-(y1 - y0), x1 - x0))
  const side = Math.max(box.width, box.height) * scale
  return {
    xCenter: box.xMin + box.width / 2,
    yCenter: box.yMin + box.height / 2,
    width: side,
    height: side,
    rotation
  }
}

/** ROI from a detection whose box and 6 keypoints are in image px (keypoints flat x, y pairs). */
export function roiFromDetection(detection: {
  readonly xMin: number
  readonly yMin: number
  readonly width: number
  readonly height: number
  readonly keypoints: readonly number[]
}): RotatedRect {
  const r = FaceDetectionKeypoint.rightEye * 2
  const l = FaceDetectionKeypoint.leftEye * 2
  return roiFromBoxAndEyes({
    ...detection,
    rightEye: [detection.keypoints[r], detection.keypoints[r + 1]],
    leftEye: [detection.keypoints[l], detection.keypoints[l + 1]]
  })
}

/**
 * ROI from landmarks (468 x 3, image px) as MediaPipe's face_landmark_landmarks_to_roi tracking graph:
 * axis-aligned bounds of all landmarks, rotation from the outer eye corners 33 -> 263.
 */
export function roiFromLandmarks(landmarks: Float32Array): RotatedRect {
  let xMin = Infinity
  let yMin = Infinity
  let xMax = -Infinity
  let yMax = -Infinity
  for (let i = 0; i < landmarks.length; i += 3) {
    const x = landmarks[i]
    const y = landmarks[i + 1]
    if (x < xMin) xMin = x
    if (x > xMax) xMax = x
    if (y < yMin) yMin = y
    if (y > yMax) yMax = y
  }
  const r = FaceMeshLandmark.rightEyeOuterCorner * 3
  const l = FaceMeshLandmark.leftEyeOuterCorner * 3
  return roiFromBoxAndEyes({
    xMin,
    yMin,
    width: xMax - xMin,
    height: yMax - yMin,
    rightEye: [landmarks[r], landmarks[r + 1]],
    leftEye: [landmarks[l], landmarks[l + 1]]
  })
}
