import type { FaceAnalysis } from '@shared/face/face-analysis'
import type { RgbImage } from '../image/decode-image'
import { analyzeFaceInRoi } from './analyze-face-in-roi'
import { detectFaces, type DetectFacesOptions } from './detect-faces'
import { roiFromDetection, roiFromLandmarks } from './face-roi'
import type { FaceModels } from './load-face-models'
import { LANDMARK_INPUT_SIZE } from './run-face-landmarks'

export interface FaceTrackerOptions extends DetectFacesOptions {
  /** Presence below which tracking is lost and the detector runs again (default 0.5). */
  readonly minPresence?: number
  /**
   * Which face to follow, 0 = the largest where the first face is detected (default 0). When it is lost,
   * the face nearest to where it was last seen is taken up again.
   */
  readonly faceIndex?: number
}

export interface TrackedFrame {
  /** The followed face, or null when none was found in this frame. */
  readonly face: FaceAnalysis | null
  /** Faces the detector found when it ran on this frame; null when the face was tracked instead. */
  readonly detectedFaces: number | null
}

/** One face followed from frame to frame; `next` must not be called again before its promise settles. */
export interface FaceTracker {
  next(image: RgbImage): Promise<TrackedFrame>
  /** Forgets the followed face: the next frame runs the detector (a cut, a new camera). */
  reset(): void
}

/**
 * Tracks one face as MediaPipe's face mesh does: the previous frame's landmarks give the next ROI; the
 * detector runs on the first frame and whenever the landmark model's presence falls below `minPresence`.
 * A previous result is never repeated: a frame without a face gives `face: null`. Shared by the video
 * tracker (`trackVideoFaces`) and live capture, frame by frame.
 */
export function createFaceTracker(models: FaceModels, options: FaceTrackerOptions = {}): FaceTracker {
  const minPresence = options.minPresence ?? 0.5
  const faceIndex = options.faceIndex ?? 0
  const scratch = new Float32Array(LANDMARK_INPUT_SIZE * LANDMARK_INPUT_SIZE * 3)
  let previous: Float32Array | null = null
  let lastCenter: { x: number; y: number } | null = null

  const detect = async (image: RgbImage): Promise<TrackedFrame> => {
    const t0 = performance.now()
    const detections = await detectFaces(image, models.detector, options)
    const detectionMs = performance.now() - t0
    const bySize = detections.sort((a, b) => b.width * b.height - a.width * a.height)
    // The first time: the chosen face by size. After a loss: the face nearest to where it was last
    // seen, so another person walking into the frame does not take over the track.
    const seen = lastCenter
    const largest =
      seen == null
        ? bySize[Math.min(faceIndex, bySize.length - 1)]
        : [...bySize].sort(
            (a, b) =>
              Math.hypot(a.xMin + a.width / 2 - seen.x, a.yMin + a.height / 2 - seen.y) -
              Math.hypot(b.xMin + b.width / 2 - seen.x, b.yMin + b.height / 2 - seen.y)
          )[0]
    if (largest == null || (seen == null && faceIndex >= bySize.length)) {
      return { face: null, detectedFaces: bySize.length }
    }
    const keypoints = []
    for (let k = 0; k < largest.keypoints.length; k += 2) {
      keypoints.push({ x: largest.keypoints[k]!, y: largest.keypoints[k + 1]! })
    }
    const detected = await analyzeFaceInRoi(
      image,
      roiFromDetection(largest),
      models.landmarker,
      models.canonicalMesh,
      {
        score: largest.score,
        box: { x: largest.xMin, y: largest.yMin, width: largest.width, height: largest.height },
        keypoints
      },
      detectionMs,
      { scratch }
    )
    if (detected.presence < minPresence) return { face: null, detectedFaces: bySize.length }
    // Re-read the detected face from the ROI of its own landmarks, as every later frame is read: the
    // detector's ROI frames the face differently, and on a still clip that alone moved the landmarks
    // of detection frames against tracked ones by as much as a small expression.
    // Two passes: the ROI of the first pass's landmarks still differs from the tracking ROI.
    let settled = detected
    for (let pass = 0; pass < 2; pass++) {
      settled = await analyzeFaceInRoi(
        image,
        roiFromLandmarks(settled.landmarks),
        models.landmarker,
        models.canonicalMesh,
        null,
        detectionMs,
        { scratch }
      )
    }
    const face =
      settled.presence >= minPresence
        ? { ...settled, box: detected.box, score: detected.score, keypoints: detected.keypoints }
        : detected
    return { face, detectedFaces: bySize.length }
  }

  return {
    async next(image) {
      let result: TrackedFrame | null = null
      if (previous != null) {
        const tracked = await analyzeFaceInRoi(
          image,
          roiFromLandmarks(previous),
          models.landmarker,
          models.canonicalMesh,
          null,
          0,
          { scratch }
        )
        if (tracked.presence >= minPresence) result = { face: tracked, detectedFaces: null }
      }
      result ??= await detect(image)
      const face = result.face
      previous = face?.landmarks ?? null
      if (face != null)
        lastCenter = { x: face.box.x + face.box.width / 2, y: face.box.y + face.box.height / 2 }
      return result
    },
    reset() {
      previous = null
      lastCenter = null
    }
  }
}
