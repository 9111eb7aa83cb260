import { basename } from 'node:path'
import { trackVideoFaces, type TrackVideoOptions } from '../analysis/analyze-video'
import { MimesisError } from '@shared/errors/mimesis-error'
import { probeVideo } from '../media/probe-video'
import type { VideoInfo } from '../media/video-info'
import { withIrises } from './face-measures'
import { poseRotation } from './head-rotation'

/** What the retargeting needs of one tracked frame; the frame's pixels are never kept. */
export interface DriverFace {
  /**
   * 468 × (x, y, z) landmarks in the canonical frame (cm): the pose and scale are factored out; followed by the
   * 2 × 5 iris points when the landmark model gives them (`withIrises`).
   */
  readonly canonical: Float32Array
  /** Head rotation, row-major 3×3, analysis camera frame (x right, y up, z toward the viewer). */
  readonly rotation: Float64Array
  /** Row-major 3×4 [s·R | t]: canonical cm → analysed-frame px with y up (for the mesh overlay). */
  readonly matrix: Float32Array
  /** Face box in analysed-frame px. */
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number }
}

/** A driving clip tracked frame by frame: one entry per decoded frame, `null` where no face was found. */
export interface DriverTrack {
  readonly sourceName: string
  /** Size of the analysed frames (after any downscale), px. */
  readonly width: number
  readonly height: number
  /** Presentation time of each frame, seconds from the clip's first frame. */
  readonly times: Float64Array
  readonly faces: readonly (DriverFace | null)[]
  /** Average frame rate, frames per second. */
  readonly fps: number
  /** Seconds, from the first frame to the end of the last. */
  readonly durationSec: number
  readonly video: VideoInfo
  /** Faces in the first frame where any was found: more than one means the user may pick another. */
  readonly facesAtStart: number
  /** The face followed, 0 = the largest (see `TrackDriverOptions.faceIndex`). */
  readonly faceIndex: number
}

export interface TrackDriverProgress {
  readonly framesDone: number
  /** 0..1, null while the clip's length is unknown. */
  readonly fraction: number | null
  /** Estimated time left, ms; null until it can be estimated. */
  readonly etaMs: number | null
}

export interface TrackDriverOptions extends Omit<TrackVideoOptions, 'onProgress'> {
  readonly onProgress?: (progress: TrackDriverProgress) => void
}

/**
 * Tracks the largest face of a driving video, streaming: each decoded frame is analysed and dropped, and
 * only its canonical landmarks and pose are kept (about 6 KB a frame). Throws a MimesisError with code
 * 'driver-no-face' when no frame has a face, and the media module's errors for unreadable files.
 */
export async function trackDriver(path: string, options: TrackDriverOptions = {}): Promise<DriverTrack> {
  const video = await probeVideo(path, { signal: options.signal })
  const times: number[] = []
  const faces: (DriverFace | null)[] = []
  let width = 0
  let height = 0
  let facesAtStart = 0
  const started = performance.now()
  for await (const frame of trackVideoFaces(path, {
    ...options,
    onProgress: (p) => {
      const fraction = p.fraction
      const elapsed = performance.now() - started
      options.onProgress?.({
        framesDone: p.framesDone,
        fraction,
        etaMs: fraction != null && fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : null
      })
    }
  })) {
    width = frame.width
    height = frame.height
    if (facesAtStart === 0 && frame.detectedFaces != null) facesAtStart = frame.detectedFaces
    times.push(frame.timeSec)
    const face = frame.face
    faces.push(
      face == null
        ? null
        : {
            canonical: withIrises(Float32Array.from(face.canonicalLandmarks), face.canonicalIrises),
            rotation: Float64Array.from(poseRotation(face.pose)),
            matrix: Float32Array.from(face.pose.matrix),
            box: { ...face.box }
          }
    )
  }
  const name = basename(path)
  if (faces.length === 0) {
    throw new MimesisError('driver-no-frames', `No video frames could be read from ${name}.`)
  }
  const faceIndex = options.faceIndex ?? 0
  if (faceIndex > 0 && facesAtStart > 0 && faceIndex >= facesAtStart) {
    throw new MimesisError(
      'driver-face-not-found',
      `Face ${faceIndex + 1} was not found in ${name}: its first frame with a face has ${facesAtStart}.`
    )
  }
  if (!faces.some((f) => f != null)) {
    throw new MimesisError(
      'driver-no-face',
      `No face was found in any frame of ${name}. Use a clip where one face is clearly visible, roughly frontal and well lit.`
    )
  }
  const t0 = times[0]!
  const rebased = Float64Array.from(times, (t) => t - t0)
  const frameSec = rebased.length > 1 ? rebased[rebased.length - 1]! / (rebased.length - 1) : 1 / 30
  const fps = video.avgFps != null && video.avgFps > 0 ? video.avgFps : 1 / frameSec
  return {
    sourceName: name,
    width,
    height,
    times: rebased,
    faces,
    fps,
    durationSec: rebased[rebased.length - 1]! + 1 / fps,
    video,
    facesAtStart,
    faceIndex
  }
}
