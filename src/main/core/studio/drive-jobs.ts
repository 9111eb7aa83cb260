// The two long jobs of the studio's driving session, without the session's state: tracking a clip, and
// retargeting a tracked clip onto an avatar. Each reports progress through `emit` and stops on `signal`.
import { basename } from 'node:path'
import type { DriveRequest, DriveResult, DriverSummary } from '@shared/ipc/contract'
import type { Logger } from '../app/logger'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { AvatarCalibration } from '../drive/calibrate-avatar'
import { driveAvatar } from '../drive/drive-avatar'
import { findGaps } from '../drive/fill-gaps'
import { pickReferenceFrame } from '../drive/pick-reference'
import { trackDriver, type DriverTrack } from '../drive/track-driver'
import { describeMissingFrames } from '../analysis/describe-missing-frames'
import type { Avatar } from '../engine/engine'
import { probeVideo } from '../media/probe-video'
import type { VideoInfo } from '../media/video-info'
import type { DriveJobProgress } from './drive-job-progress'
import { nearestFrameIndex } from './driver-frames'

/** The tracked driving clip the studio holds. */
export interface TrackedDriver {
  readonly path: string
  readonly track: DriverTrack
  readonly summary: DriverSummary
}

export interface DriveJobContext {
  readonly signal: AbortSignal
  readonly emit: DriveJobProgress['emit']
  readonly logger: Logger
  /** The face models folder (`resources/models`). */
  readonly modelsDir: string
}

/** Tracks the face through `path`, following its `faceIndex`-th largest face (0 = the largest). */
export async function trackClip(
  path: string,
  faceIndex: number,
  job: DriveJobContext
): Promise<TrackedDriver> {
  const { signal, emit } = job
  const name = basename(path)
  const started = performance.now()
  emit(0, `Reading ${name}…`, null)
  const info = await probeVideo(path, { signal })
  if (isStillPicture(info)) {
    throw new MimesisError(
      'driver-not-video',
      `"${name}" is a still picture, not a video. Choose an MP4, MOV, WebM, MKV or AVI file that shows a face.`
    )
  }
  const total = info.frameCountEstimate
  const track = await trackDriver(path, {
    signal,
    modelsDir: job.modelsDir,
    faceIndex,
    onProgress: (p) => {
      const of = total != null && total >= p.framesDone ? ` of ${total}` : ''
      emit(Math.min(p.fraction ?? 0, 0.999), `Tracking frame ${p.framesDone}${of}`, p.etaMs, false)
    }
  })
  if (signal.aborted) throw new MimesisError('drive-cancelled', 'Cancelled. Nothing was changed.')
  const summary = summarize(track)
  emit(1, `Tracked ${track.faces.length} frames`, 0)
  job.logger.info('Driver tracked', {
    frames: summary.frames,
    withFace: summary.framesWithFace,
    ms: Math.round(performance.now() - started)
  })
  return { path, track, summary }
}

/** Retargets a tracked clip onto `avatar` with `request`'s options; returns the result and the calibration. */
export async function retargetClip(
  driver: TrackedDriver,
  avatar: Avatar,
  request: DriveRequest,
  calibration: AvatarCalibration | undefined,
  job: DriveJobContext
): Promise<{ result: DriveResult; calibration: AvatarCalibration }> {
  const { signal, emit } = job
  const referenceIndex = nearestFrameIndex(driver.track, request.referenceSec, { withFace: true })
  emit(0, calibration ? 'Retargeting the motion…' : 'Calibrating the head…', null)
  const driven = await driveAvatar(driver.track, avatar, {
    mode: request.mode,
    intensity: request.intensity,
    gains: request.gains,
    regions: request.regions,
    referenceIndex,
    smoothing: request.smoothing ? 'offline' : 'off',
    reduction: request.dense ? 'dense' : undefined,
    calibration,
    modelsDir: job.modelsDir,
    signal,
    onProgress: (fraction) => emit(fraction * 0.9, 'Calibrating the head…', null, false)
  })
  if (signal.aborted) throw new MimesisError('drive-cancelled', 'Cancelled. Nothing was changed.')
  emit(1, `${driven.keys} keys`, 0)
  return {
    calibration: driven.calibration,
    result: {
      performance: driven.performance,
      keys: driven.keys,
      denseKeys: driven.denseKeys,
      referenceSec: driver.track.times[driven.referenceIndex] ?? 0
    }
  }
}

/** Codecs of single pictures, which ffmpeg also reads as one-frame "videos". */
const STILL_CODECS = new Set(['png', 'bmp', 'tiff', 'webp', 'jpeg2000', 'jpegls', 'ppm', 'pgm', 'pam', 'qoi'])

/** True for a picture file (a PNG or JPEG read as a one-frame video), which cannot drive anything. */
export function isStillPicture(info: Pick<VideoInfo, 'codec' | 'durationSec'>): boolean {
  return STILL_CODECS.has(info.codec) || (info.codec === 'mjpeg' && info.durationSec === null)
}

/** What the drive dialog shows of a tracked clip. */
export function summarize(track: DriverTrack): DriverSummary {
  const withFace = track.faces.reduce((n, face) => n + (face ? 1 : 0), 0)
  const reference = pickReferenceFrame(track.faces)
  return {
    name: track.sourceName,
    frames: track.faces.length,
    framesWithFace: withFace,
    fps: track.fps,
    durationSec: track.durationSec,
    width: track.video.width,
    height: track.video.height,
    gaps: findGaps(track.times, (i) => track.faces[i] != null, track.durationSec).map((g) => ({
      start: g.start,
      end: g.end
    })),
    referenceSec: track.times[reference] ?? 0,
    hasAudio: track.video.hasAudio,
    facesAtStart: track.facesAtStart,
    faceIndex: track.faceIndex,
    // A file cut short whose index is at the start still declares its full length and decodes fewer frames.
    warning: describeMissingFrames(track.sourceName, track.faces.length, track.video.frameCountEstimate)
  }
}
