/** Number of face-mesh landmarks without irises (MediaPipe face_landmark model). */
export const FACE_LANDMARK_COUNT = 468

/** Number of canonical face mesh triangles. */
export const FACE_TRIANGLE_COUNT = 898

/** Number of BlazeFace detection keypoints. */
export const FACE_DETECTION_KEYPOINT_COUNT = 6

/**
 * BlazeFace keypoint order. "Right"/"left" are the subject's: the subject's right eye appears on
 * the image's left side in a non-mirrored photo.
 */
export const FaceDetectionKeypoint = {
  rightEye: 0,
  leftEye: 1,
  noseTip: 2,
  mouthCenter: 3,
  rightEarTragion: 4,
  leftEarTragion: 5
} as const

/** Face-mesh landmark indices used for normalisation and ROI tracking (subject's sides). */
export const FaceMeshLandmark = {
  /** Outer corner of the subject's right eye (image left in a frontal photo). */
  rightEyeOuterCorner: 33,
  /** Outer corner of the subject's left eye (image right in a frontal photo). */
  leftEyeOuterCorner: 263,
  noseTip: 1
} as const
