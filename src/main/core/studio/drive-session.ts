import { randomBytes } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { DriveRequest, DriveResult, DriverFrame, DriverSummary } from '@shared/ipc/contract'
import type { Logger } from '../app/logger'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { AvatarCalibration } from '../drive/calibrate-avatar'
import type { Avatar } from '../engine/engine'
import type { EventSink } from '../ipc/ports'
import { defaultFfmpeg } from '../media/default-ffmpeg'
import type { LocatedFfmpeg } from '../media/locate-ffmpeg'
import { extractAudio } from '../media/extract-audio'
import type { AvatarSession } from './avatar-session'
import { toDriveError } from './drive-errors'
import { driveJobProgress } from './drive-job-progress'
import { nearestFrameIndex } from './driver-frames'
import { retargetClip, trackClip, type TrackedDriver } from './drive-jobs'
import { readDriverPicture } from './driver-picture'

export interface DriveSessionDeps {
  avatars: Pick<AvatarSession, 'requireAvatar'>
  events: EventSink
  logger: Logger
  /** The face models folder (`resources/models`). */
  modelsDir: string
  /** Where the drivers' sound is extracted to (one .m4a per driver, in a folder of its own). */
  audioDir: string
  /** How ffmpeg is found; the default lookup unless a test injects another. */
  locateFfmpeg?: () => Promise<LocatedFfmpeg>
  /** Least time between two progress events of one job, ms (default 100). */
  progressIntervalMs?: number
  /** Calibrations per avatar, shared with Live mode (default: the session's own). */
  calibrations?: WeakMap<Avatar, AvatarCalibration>
}

/** Driver pictures kept for scrubbing and playback (a few MB at PiP sizes). */
const FRAME_CACHE_SIZE = 48

/**
 * The studio's driving clip: tracked once (a long job with progress events and cancel), then retargeted
 * onto the current avatar as often as the user changes the options. The avatar's calibration (about
 * 1.5 s of renders) is kept per avatar, so it is made again only when the avatar changes. Pictures of
 * the driver are decoded on demand, one frame per request, and the last few are kept.
 */
export function createDriveSession(deps: DriveSessionDeps) {
  let driver: TrackedDriver | null = null
  let running: { controller: AbortController } | null = null
  const calibrations = deps.calibrations ?? new WeakMap<Avatar, AvatarCalibration>()
  const frames = new Map<string, DriverFrame>()
  const sounds = new WeakMap<TrackedDriver, Promise<{ path: string; durationSec: number } | null>>()
  const interval = deps.progressIntervalMs ?? 100

  const begin = () => {
    if (running) {
      throw new MimesisError(
        'drive-busy',
        'A driving video is already being tracked or retargeted. Wait for it or cancel it first.'
      )
    }
    const controller = new AbortController()
    running = { controller }
    return { signal: controller.signal, emit: driveJobProgress(deps.events, interval).emit }
  }

  const requireDriver = (): TrackedDriver => {
    if (!driver)
      throw new MimesisError('no-driver', 'Choose a driving video first (File › Drive from video…).')
    return driver
  }

  return {
    /**
     * Tracks the face through `path`, following its `faceIndex`-th largest face (0 = the largest); the
     * tracked clip replaces the current one only on success.
     */
    async track(path: string, faceIndex = 0): Promise<DriverSummary> {
      const { signal, emit } = begin()
      try {
        const tracked = await trackClip(path, faceIndex, {
          signal,
          emit,
          logger: deps.logger,
          modelsDir: deps.modelsDir
        })
        driver = tracked
        frames.clear()
        return tracked.summary
      } catch (error) {
        const mapped = toDriveError(error, basename(path), signal.aborted)
        deps.logger.warn('Driver not tracked', { code: mapped.code, reason: mapped.message })
        throw mapped
      } finally {
        running = null
      }
    },

    /** Retargets the tracked driver onto the current avatar. */
    async drive(request: DriveRequest): Promise<DriveResult> {
      const current = requireDriver()
      const avatar = deps.avatars.requireAvatar()
      const { signal, emit } = begin()
      try {
        const job = { signal, emit, logger: deps.logger, modelsDir: deps.modelsDir }
        const { result, calibration } = await retargetClip(
          current,
          avatar,
          request,
          calibrations.get(avatar),
          job
        )
        calibrations.set(avatar, calibration)
        return result
      } catch (error) {
        const mapped = toDriveError(error, current.summary.name, signal.aborted)
        deps.logger.warn('Drive did not finish', { code: mapped.code, reason: mapped.message })
        throw mapped
      } finally {
        running = null
      }
    },

    /** A picture of the driver at the tracked frame nearest `timeSec`, with that frame's mesh. */
    async frame(timeSec: number, maxSide: number): Promise<DriverFrame> {
      const current = requireDriver()
      const { track } = current
      const index = nearestFrameIndex(track, timeSec)
      const key = `${index}:${maxSide}`
      const cached = frames.get(key)
      if (cached) {
        frames.delete(key)
        frames.set(key, cached)
        return cached
      }
      const ffmpeg = await (deps.locateFfmpeg ?? defaultFfmpeg)()
      const frame = await readDriverPicture(
        { path: current.path, name: current.summary.name, track },
        index,
        maxSide,
        ffmpeg
      )
      if (driver === current) {
        frames.set(key, frame)
        if (frames.size > FRAME_CACHE_SIZE) frames.delete(frames.keys().next().value!)
      }
      return frame
    },

    /**
     * The tracked driver's sound as an .m4a whose time 0 is the clip's first frame, extracted once per
     * driver and named after the clip; null when the clip has no sound.
     */
    async audio(): Promise<{ path: string; durationSec: number } | null> {
      const current = requireDriver()
      if (!current.summary.hasAudio) return null
      let sound = sounds.get(current)
      if (!sound) {
        const folder = join(deps.audioDir, randomBytes(8).toString('hex'))
        const stem = basename(current.path, extname(current.path)) || 'driver'
        sound = mkdir(folder, { recursive: true })
          .then(() => extractAudio(current.path, join(folder, `${stem}.m4a`)))
          .then((written) => (written ? { path: written.path, durationSec: written.durationSec } : null))
        sound.catch(() => sounds.delete(current))
        sounds.set(current, sound)
      }
      return sound
    },

    /** Cancels the running tracking or drive; false when none was running. */
    cancel(): boolean {
      if (!running) return false
      running.controller.abort()
      return true
    },

    /** The tracked driver, or null before the first one. */
    get current(): TrackedDriver | null {
      return driver
    }
  }
}

export type DriveSession = ReturnType<typeof createDriveSession>
