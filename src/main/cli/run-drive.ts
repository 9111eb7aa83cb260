import { mkdir, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { createProjectFile } from '@shared/project'
import { APP_VERSION } from '../core/app/app-version'
import { extractAudio } from '../core/media/extract-audio'
import { readPortraitSource, saveProjectAtomic } from '../core/project'
import { MimesisError } from '@shared/errors/mimesis-error'
import { createEngine } from '../core/engine/engine'
import { checkOutputPath } from '../core/export/check-output-path'
import { defaultFfmpeg } from '../core/media/default-ffmpeg'
import { type LocatedFfmpeg } from '../core/media/locate-ffmpeg'
import {
  avatarSideFor,
  avatarWithFaceFromFile,
  headFramingFor,
  readPortraitSize
} from '../core/render/avatar-from-file'
import { exportDocument, exportFrameCount, exportRange } from '../core/render/export-document'
import { trackDriver, type DriverTrack } from '../core/drive/track-driver'
import { driveAvatar, performanceDocument } from '../core/drive/drive-avatar'
import type { DriveJob, DriveTarget } from './drive-job'
import { requireFile, toRenderError, type RenderDeps } from './run-render'
import { describeMissingFrames } from '../core/analysis/describe-missing-frames'
import { makeScratchDir } from './scratch-dirs'

/** The avatar size the studio previews at; larger outputs get a larger avatar (`avatarSideFor`). */
const PREVIEW_SIDE = 512

/** What a drive needs from its command: the same as a render. */
export type DriveDeps = RenderDeps

/** What `--json` prints for each portrait. Times in seconds or ms as named. */
export interface DriveSummary {
  driver: string
  frames: number
  framesWithFace: number
  gaps: { start: number; end: number }[]
  referenceSec: number
  trackingFps: number
  outputs: {
    portrait: string
    out: string
    project: string | null
    frames: number
    fps: number
    width: number
    height: number
    keys: number
    denseKeys: number
    bytes: number
    elapsedMs: number
  }[]
  elapsedMs: number
}

/**
 * Runs `mimesis drive`: tracks the driver once, then for each portrait builds its head, retargets the
 * driver's change onto it (identity-free), bakes reduced keys into a document and exports it. Each
 * output is written under a temporary name and renamed when complete.
 */
export async function runDrive(job: DriveJob, deps: DriveDeps): Promise<DriveSummary> {
  try {
    return await drive(job, deps)
  } catch (error) {
    throw toRenderError(error, deps.signal)
  }
}

async function drive(job: DriveJob, deps: DriveDeps): Promise<DriveSummary> {
  const started = performance.now()
  await requireFile(job.driver, 'driving video')
  for (const t of job.targets) {
    await requireFile(t.portrait, 'portrait')
    await mkdir(dirname(t.out), { recursive: true }).catch(() => undefined)
    await checkOutputPath(t.out)
    if (t.project) await checkOutputPath(t.project)
  }
  const ffmpeg = await (deps.locateFfmpeg ?? defaultFfmpeg)()
  const engine = await createEngine({ threads: deps.threads })
  deps.onStatus(`tracking ${job.driver}…`)
  const trackStarted = performance.now()
  const track = await trackDriver(job.driver, {
    signal: deps.signal,
    intraOpNumThreads: deps.threads,
    faceIndex: job.driverFace,
    onProgress: (p) =>
      deps.onStatus(
        `tracking ${job.driver}: frame ${p.framesDone}${p.fraction != null ? ` (${Math.floor(p.fraction * 100)}%)` : ''}`
      )
  })
  const trackingFps = track.faces.length / ((performance.now() - trackStarted) / 1000)
  const referenceIndex = job.reference === 'auto' ? undefined : nearestTrackedFrame(track, job.reference)
  if (track.facesAtStart > 1) {
    deps.onWarning(
      `${job.driver} shows ${track.facesAtStart} faces; following face ${job.driverFace + 1}` +
        `${job.driverFace === 0 ? ' (the largest)' : ''}. --driver-face <n> picks another.`
    )
  }
  const missing = describeMissingFrames(job.driver, track.faces.length, track.video.frameCountEstimate)
  if (missing) deps.onWarning(missing)
  const withFace = track.faces.filter((f) => f != null).length
  if (withFace < track.faces.length) {
    deps.onWarning(
      `no face in ${track.faces.length - withFace} of ${track.faces.length} frames of ${job.driver}; ` +
        'the motion eases back to the reference pose over those stretches.'
    )
  }
  const outputs: DriveSummary['outputs'] = []
  let reference = 0
  let gaps: DriveSummary['gaps'] = []
  const scratch = await makeScratchDir('drive')
  try {
    // The driver's sound, cut to start at its first video frame, muxed into every output.
    let audio: string | null = null
    if (job.audio && track.video.hasAudio) {
      deps.onStatus(`reading the sound of ${job.driver}…`)
      audio =
        (await extractAudio(job.driver, join(scratch, 'driver-audio.m4a'), { signal: deps.signal, ffmpeg }))
          ?.path ?? null
    }
    for (const target of job.targets) {
      const one = await driveOne(job, target, track, referenceIndex, audio, engine, ffmpeg, deps)
      outputs.push(one.output)
      reference = one.referenceSec
      gaps = one.gaps
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  return {
    driver: job.driver,
    frames: track.faces.length,
    framesWithFace: withFace,
    gaps,
    referenceSec: reference,
    trackingFps: Math.round(trackingFps * 10) / 10,
    outputs,
    elapsedMs: Math.round(performance.now() - started)
  }
}

async function driveOne(
  job: DriveJob,
  target: DriveTarget,
  track: DriverTrack,
  referenceIndex: number | undefined,
  audio: string | null,
  engine: Awaited<ReturnType<typeof createEngine>>,
  ffmpeg: LocatedFfmpeg,
  deps: DriveDeps
): Promise<{ output: DriveSummary['outputs'][number]; referenceSec: number; gaps: DriveSummary['gaps'] }> {
  const started = performance.now()
  deps.onStatus(`building the head from ${target.portrait}…`)
  const built = await avatarWithFaceFromFile(target.portrait, {
    engine,
    resourcesDir: deps.resourcesDir,
    // Large enough that the square the framing shows has the output's resolution where the portrait has it.
    maxSide: avatarSideFor(
      job.size,
      job.size,
      PREVIEW_SIDE,
      (await readPortraitSize(target.portrait)) ?? undefined
    )
  })
  const { avatar } = built
  deps.onStatus(`calibrating ${target.portrait}…`)
  const driven = await driveAvatar(track, avatar, {
    mode: job.mode,
    intensity: job.intensity,
    referenceIndex,
    smoothing: job.smoothing ? 'offline' : 'off',
    reduction: job.dense ? 'dense' : undefined,
    signal: deps.signal
  })
  const fps = job.fps ?? Math.round(track.fps * 1000) / 1000
  const size = fitSquareToAvatar(job.size)
  const document = performanceDocument(driven.performance, {
    expressionNames: engine.directionNames,
    fps,
    width: size,
    height: size
  })
  const range = exportRange(document, 'all')
  const result = await exportDocument({
    avatar,
    document,
    width: size,
    height: size,
    fps,
    range,
    outPath: target.out,
    format: target.format,
    quality: job.quality,
    audio: audio === null ? null : { path: audio, startSec: 0 },
    ffmpeg,
    signal: deps.signal,
    onProgress: (progress) => deps.onProgress(target.out, progress),
    // The square of a portrait of another shape is placed on the head, as `mimesis render` and the studio do.
    framing: headFramingFor(built, { width: size, height: size })
  })
  if (target.project) {
    await saveProjectAtomic(
      target.project,
      createProjectFile({
        appVersion: APP_VERSION,
        portrait: await readPortraitSource(target.portrait, { embed: true }),
        enginePack: { id: engine.pack.manifest.id, version: engine.pack.manifest.version },
        document,
        selectedFaceIndex: 0,
        now: new Date()
      }),
      {
        audio:
          audio === null
            ? null
            : { path: audio, fileName: `${basename(job.driver)}.m4a`, startSec: 0, muted: false }
      }
    )
  }
  const output = {
    portrait: target.portrait,
    out: result.outPath,
    project: target.project,
    frames: exportFrameCount(range, fps),
    fps,
    width: size,
    height: size,
    keys: driven.keys,
    denseKeys: driven.denseKeys,
    bytes: result.bytes,
    elapsedMs: Math.round(performance.now() - started)
  }
  return {
    output,
    referenceSec: round3(track.times[driven.referenceIndex]!),
    gaps: driven.performance.gaps.map((g) => ({ start: round3(g.start), end: round3(g.end) }))
  }
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000

/** Even sizes only: H.264 in yuv420p needs them. */
const fitSquareToAvatar = (size: number): number => size - (size % 2)

/** The tracked frame nearest to `timeSec`, for `--reference <seconds>`. */
function nearestTrackedFrame(track: DriverTrack, timeSec: number): number {
  if (timeSec > track.durationSec) {
    throw new MimesisError(
      'usage',
      `--reference ${timeSec}: the driver is only ${track.durationSec.toFixed(2)} s long.`
    )
  }
  let best = -1
  for (let i = 0; i < track.faces.length; i++) {
    if (track.faces[i] == null) continue
    if (best < 0 || Math.abs(track.times[i]! - timeSec) < Math.abs(track.times[best]! - timeSec)) best = i
  }
  if (best < 0 || Math.abs(track.times[best]! - timeSec) > 0.5) {
    throw new MimesisError(
      'usage',
      `--reference ${timeSec}: no face was tracked within 0.5 s of that time; pick another time or use auto.`
    )
  }
  return best
}
