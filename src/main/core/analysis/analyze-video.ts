import type { FaceAnalysis, VideoAnalysis, VideoFrameAnalysis } from '@shared/face/face-analysis'
import { decodeVideoFrames, type DecodeProgress } from '../media/decode-video-frames'
import { analyzeFaceInRoi } from './analyze-face-in-roi'
import { detectFaces, type DetectFacesOptions } from './detect-faces'
import { estimateNeutral } from './estimate-neutral'
import { expressionResidual } from './expression-residual'
import { roiFromDetection, roiFromLandmarks } from './face-roi'
import { LANDMARK_INPUT_SIZE } from './run-face-landmarks'
import { loadFaceModels, type FaceModelOptions } from './load-face-models'

/** One decoded RGB24 frame: `rgb` is width * height * 3 bytes, top row first. */
export interface VideoFrame {
  readonly index: number
  /** Presentation time from the decoder, seconds. */
  readonly timeSec: number
  readonly rgb: Uint8Array
  readonly width: number
  readonly height: number
}

/** Where frames come from: the media module's ffmpeg decoder by default; tests may inject their own. */
export type VideoFrameSource = (
  path: string,
  options: { maxSide: number; signal?: AbortSignal; onProgress?: (progress: DecodeProgress) => void }
) => AsyncIterable<VideoFrame>

export interface TrackVideoOptions extends FaceModelOptions, DetectFacesOptions {
  /** Longest side of the analysed frames, px (default 640; never upscales). */
  readonly maxSide?: number
  readonly signal?: AbortSignal
  readonly onProgress?: (progress: DecodeProgress) => void
  /** Presence below which tracking is lost and the detector runs again (default 0.5). */
  readonly minPresence?: number
  readonly frameSource?: VideoFrameSource
  /**
   * Which face to follow, 0 = the largest where the first face is detected (default 0). When it is lost,
   * the face nearest to where it was last seen is taken up again.
   */
  readonly faceIndex?: number
}

export const DEFAULT_VIDEO_MAX_SIDE = 640

const defaultFrameSource: VideoFrameSource = (path, options) =>
  decodeVideoFrames(path, { ...options, reuseBuffers: true })

/**
 * Tracks one face (the largest) through a video as MediaPipe's face mesh does: the previous frame's
 * landmarks give the next ROI; the detector runs on the first frame and whenever the landmark model's
 * presence falls below `minPresence`. Yields every frame with `face: null` when no face was found in it
 * (a previous result is never repeated). Residuals here are against the canonical mesh; analyzeVideo
 * re-bases them on the driver's own neutral.
 */
export async function* trackVideoFaces(
  path: string,
  options: TrackVideoOptions = {}
): AsyncGenerator<
  VideoFrameAnalysis & {
    readonly width: number
    readonly height: number
    /** Faces the detector found when it ran on this frame; null when the face was tracked instead. */
    readonly detectedFaces: number | null
  },
  void,
  undefined
> {
  const models = await loadFaceModels(options)
  const minPresence = options.minPresence ?? 0.5
  const source = options.frameSource ?? defaultFrameSource
  const scratch = new Float32Array(LANDMARK_INPUT_SIZE * LANDMARK_INPUT_SIZE * 3)
  let previous: Float32Array | null = null
  let lastCenter: { x: number; y: number } | null = null
  const faceIndex = options.faceIndex ?? 0
  for await (const frame of source(path, {
    maxSide: options.maxSide ?? DEFAULT_VIDEO_MAX_SIDE,
    signal: options.signal,
    onProgress: options.onProgress
  })) {
    const image = { data: frame.rgb, width: frame.width, height: frame.height }
    let face: FaceAnalysis | null = null
    let detectedFaces: number | null = null
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
      if (tracked.presence >= minPresence) face = tracked
    }
    if (face == null) {
      const t0 = performance.now()
      const detections = await detectFaces(image, models.detector, options)
      const detectionMs = performance.now() - t0
      const bySize = detections.sort((a, b) => b.width * b.height - a.width * a.height)
      detectedFaces = bySize.length
      // The first time: the chosen face by size. After a loss: the face nearest to where it was last
      // seen, so another person walking into the frame does not take over the track.
      const largest =
        lastCenter == null
          ? bySize[Math.min(faceIndex, bySize.length - 1)]
          : [...bySize].sort(
              (a, b) =>
                Math.hypot(a.xMin + a.width / 2 - lastCenter!.x, a.yMin + a.height / 2 - lastCenter!.y) -
                Math.hypot(b.xMin + b.width / 2 - lastCenter!.x, b.yMin + b.height / 2 - lastCenter!.y)
            )[0]
      if (largest != null && (lastCenter != null || faceIndex < bySize.length)) {
        const keypoints = []
        for (let k = 0; k < largest.keypoints.length; k += 2) {
          keypoints.push({ x: largest.keypoints[k], y: largest.keypoints[k + 1] })
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
        if (detected.presence >= minPresence) {
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
          face =
            settled.presence >= minPresence
              ? { ...settled, box: detected.box, score: detected.score, keypoints: detected.keypoints }
              : detected
        }
      }
    }
    previous = face?.landmarks ?? null
    if (face != null) lastCenter = { x: face.box.x + face.box.width / 2, y: face.box.y + face.box.height / 2 }
    yield {
      index: frame.index,
      timeSec: frame.timeSec,
      face,
      width: frame.width,
      height: frame.height,
      detectedFaces
    }
  }
}

/**
 * Analyses a whole driving video: tracks the face in every frame, estimates the driver's neutral shape
 * as the per-vertex median of the canonical landmarks over all frames with a face, and expresses every
 * residual against that neutral.
 */
export async function analyzeVideo(path: string, options: TrackVideoOptions = {}): Promise<VideoAnalysis> {
  const frames: VideoFrameAnalysis[] = []
  let width = 0
  let height = 0
  for await (const { width: w, height: h, detectedFaces: _detected, ...frame } of trackVideoFaces(
    path,
    options
  )) {
    width = w
    height = h
    frames.push(frame)
  }
  const withFace = frames.flatMap((f) => (f.face != null ? [f.face.canonicalLandmarks] : []))
  const neutral = withFace.length > 0 ? estimateNeutral(withFace) : null
  return {
    width,
    height,
    neutral,
    frames: frames.map((f) =>
      f.face == null || neutral == null
        ? f
        : { ...f, face: { ...f.face, residual: expressionResidual(f.face.canonicalLandmarks, neutral) } }
    )
  }
}
