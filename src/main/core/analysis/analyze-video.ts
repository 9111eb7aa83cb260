import type { VideoAnalysis, VideoFrameAnalysis } from '@shared/face/face-analysis'
import { decodeVideoFrames, type DecodeProgress } from '../media/decode-video-frames'
import type { DetectFacesOptions } from './detect-faces'
import { estimateNeutral } from './estimate-neutral'
import { expressionResidual } from './expression-residual'
import { createFaceTracker } from './face-tracker'
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
  const tracker = createFaceTracker(models, options)
  const source = options.frameSource ?? defaultFrameSource
  for await (const frame of source(path, {
    maxSide: options.maxSide ?? DEFAULT_VIDEO_MAX_SIDE,
    signal: options.signal,
    onProgress: options.onProgress
  })) {
    const { face, detectedFaces } = await tracker.next({
      data: frame.rgb,
      width: frame.width,
      height: frame.height
    })
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
