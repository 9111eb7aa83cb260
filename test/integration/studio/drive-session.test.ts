import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobProgress } from '@shared/ipc/contract'
import { presetDocument } from '@shared/timeline/presets'
import { createFileLogger } from '../../../src/main/core/app/logger'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import type { EventSink } from '../../../src/main/core/ipc/ports'
import { decodeVideoFrames } from '../../../src/main/core/media/decode-video-frames'
import { exportDocument } from '../../../src/main/core/render/export-document'
import { createAvatarSession } from '../../../src/main/core/studio/avatar-session'
import { createDriveSession } from '../../../src/main/core/studio/drive-session'

const resourcesDir = resolveResourcesDir()
const fixture = resolve(__dirname, '../../fixtures/astronaut.png')
const ready = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

const SIZE = 192
const FPS = 10
const SECONDS = 2

function ffmpeg(args: string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
}

/** Byte offset and size of each video packet of `path`, in file order. */
function videoPackets(path: string): { pos: number; size: number }[] {
  return execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'packet=pos,size',
    '-of',
    'compact=p=0',
    path
  ])
    .toString()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      // "size=16876|pos=1084": ffprobe writes the fields in its own order.
      const fields = Object.fromEntries(line.split('|').map((kv) => kv.split('=')))
      return { pos: Number(fields['pos']), size: Number(fields['size']) }
    })
}

function streamTypes(path: string): string[] {
  return execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type',
    '-of',
    'csv=p=0',
    path
  ])
    .toString()
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

describe.skipIf(!ready)('studio drive session (real analysis, engine and ffmpeg)', () => {
  let dir: string
  let clip: string
  let silentClip: string
  let noFace: string
  const progress: JobProgress[] = []
  const events: EventSink = {
    emit(method, payload) {
      if (method === 'onJobProgress') progress.push(payload as JobProgress)
    }
  }
  let avatars: ReturnType<typeof createAvatarSession>

  const session = () =>
    createDriveSession({
      avatars,
      events,
      logger: createFileLogger(join(dir, 'logs')),
      modelsDir: join(resourcesDir, 'models'),
      audioDir: join(dir, 'audio'),
      progressIntervalMs: 0
    })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-drive-session-'))
    avatars = createAvatarSession({ resourcesDir, threads: 2 })
    const info = await avatars.build(fixture, 0)
    // The driving clip: the fixture portrait making the expressions preset, 2 s at 10 fps, with a tone.
    silentClip = join(dir, 'silent.mp4')
    await exportDocument({
      avatar: avatars.requireAvatar(),
      document: presetDocument('expressions', {
        expressionNames: info.directions.map((d) => d.name),
        durationSec: SECONDS,
        fps: FPS,
        width: SIZE,
        height: SIZE
      }),
      width: SIZE,
      height: SIZE,
      fps: FPS,
      outPath: silentClip
    })
    clip = join(dir, 'actor.mp4')
    ffmpeg([
      '-i',
      silentClip,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${SECONDS}`,
      '-map',
      '0:v:0',
      '-map',
      '1:a:0',
      '-c:v',
      'copy',
      '-c:a',
      'aac',
      '-shortest',
      clip
    ])
    noFace = join(dir, 'pattern.mp4')
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=96x64:rate=10',
      '-frames:v',
      '8',
      '-pix_fmt',
      'yuv420p',
      noFace
    ])
  }, 120_000)

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('follows another face of a clip that shows several', async () => {
    // The fixture's face cropped large, beside a smaller mirrored copy: two faces the detector finds.
    const two = join(dir, 'two-faces.mp4')
    ffmpeg([
      '-i',
      silentClip,
      '-filter_complex',
      '[0:v]crop=96:96:48:0,scale=256:256,split[a][b];[b]hflip,scale=200:200,pad=256:256:28:28[c];[a][c]hstack',
      '-pix_fmt',
      'yuv420p',
      two
    ])
    const drives = session()
    const largest = await drives.track(two)
    expect(largest).toMatchObject({ facesAtStart: 2, faceIndex: 0 })
    const other = await drives.track(two, 1)
    expect(other).toMatchObject({ facesAtStart: 2, faceIndex: 1, framesWithFace: SECONDS * FPS })
  }, 120_000)

  it('tracks a clip with progress, then pictures it frame-exactly with its mesh', async () => {
    const drives = session()
    progress.length = 0
    const summary = await drives.track(clip)
    expect(summary).toMatchObject({
      name: 'actor.mp4',
      frames: SECONDS * FPS,
      framesWithFace: SECONDS * FPS,
      fps: FPS,
      width: SIZE,
      height: SIZE,
      gaps: [],
      hasAudio: true,
      facesAtStart: 1,
      faceIndex: 0,
      warning: null
    })
    expect(summary.durationSec).toBeCloseTo(SECONDS, 6)
    expect(summary.referenceSec).toBeGreaterThanOrEqual(0)
    expect(summary.referenceSec).toBeLessThan(SECONDS)
    expect(progress.every((p) => p.kind === 'drive')).toBe(true)
    expect(progress.some((p) => /^Tracking frame \d+ of 20$/.test(p.message))).toBe(true)
    expect(progress.at(-1)).toMatchObject({ fraction: 1, message: 'Tracked 20 frames' })
    expect(drives.current?.summary).toBe(summary)

    // The picture at 1.0 s is frame 10, exactly: the one-frame seek lands where the decoder says.
    const frame = await drives.frame(1.0, SIZE)
    expect(frame).toMatchObject({ width: SIZE, height: SIZE, timeSec: 1 })
    expect(frame.rgba.length).toBe(SIZE * SIZE * 4)
    const distances: number[] = []
    for await (const decoded of decodeVideoFrames(silentClip)) {
      let sum = 0
      for (let p = 0, q = 0; p < decoded.rgb.length; p += 3, q += 4) {
        sum +=
          Math.abs(decoded.rgb[p]! - frame.rgba[q]!) +
          Math.abs(decoded.rgb[p + 1]! - frame.rgba[q + 1]!) +
          Math.abs(decoded.rgb[p + 2]! - frame.rgba[q + 2]!)
      }
      distances.push(sum / decoded.rgb.length)
    }
    expect(distances.indexOf(Math.min(...distances))).toBe(10)
    expect(distances[10]).toBeLessThan(1)

    // Its mesh: 468 points in the picture, around the face; half the size halves them.
    const points = frame.landmarks!
    expect(points).toHaveLength(468 * 2)
    const xs = points.filter((_, i) => i % 2 === 0)
    const ys = points.filter((_, i) => i % 2 === 1)
    for (const v of [...xs, ...ys]) {
      expect(v).toBeGreaterThan(0)
      expect(v).toBeLessThan(SIZE)
    }
    const half = await drives.frame(1.0, SIZE / 2)
    expect(half).toMatchObject({ width: SIZE / 2, height: SIZE / 2 })
    expect(half.landmarks![0]).toBeCloseTo(points[0]! / 2, 3)
    // Any time between two frames shows the nearer one, and asking again is served from memory.
    expect((await drives.frame(1.04, SIZE / 2)).timeSec).toBe(1)
    expect(await drives.frame(1.0, SIZE / 2)).toBe(half)
    expect((await drives.frame(99, 64)).timeSec).toBeCloseTo(1.9, 6)
  }, 120_000)

  it('drives the avatar: a performance of expression and head keys, calibrated once per avatar', async () => {
    const drives = session()
    const summary = await drives.track(clip)
    const options = {
      mode: 'both' as const,
      intensity: 1,
      gains: {},
      regions: { eyes: true, gaze: true, brows: true, mouth: true, jaw: true, nose: true },
      referenceSec: summary.referenceSec,
      smoothing: true,
      dense: false
    }
    progress.length = 0
    const driven = await drives.drive(options)
    expect(progress[0]?.message).toBe('Calibrating the head…')
    expect(driven.referenceSec).toBeCloseTo(summary.referenceSec, 9)
    const { performance } = driven
    expect(performance.sourceName).toBe('actor.mp4')
    expect(performance.durationSec).toBeCloseTo(SECONDS, 6)
    expect(performance.tracks.some((t) => t.kind === 'expression' && t.keys.length > 0)).toBe(true)
    expect(performance.tracks.some((t) => t.kind === 'camera' && t.keys.length > 0)).toBe(true)
    expect(driven.keys).toBe(performance.tracks.reduce((n, t) => n + t.keys.length, 0))
    expect(driven.keys).toBeLessThan(driven.denseKeys)
    // A plain-JSON object: it crosses IPC and survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(performance))).toEqual(performance)

    progress.length = 0
    const dense = await drives.drive({ ...options, dense: true, mode: 'expression' })
    expect(progress[0]?.message).toBe('Retargeting the motion…')
    expect(dense.performance.tracks.every((t) => t.kind === 'expression')).toBe(true)
    expect(dense.keys).toBeGreaterThan(driven.keys / 2)

    // The reference follows the request (the nearest frame with a face).
    const late = await drives.drive({ ...options, referenceSec: 1.54 })
    expect(late.referenceSec).toBeCloseTo(1.5, 9)
  }, 120_000)

  it('extracts the clip’s sound once, named after the clip; a silent clip has none', async () => {
    const drives = session()
    await drives.track(clip)
    const sound = await drives.audio()
    expect(sound).not.toBeNull()
    expect(basename(sound!.path)).toBe('actor.m4a')
    expect(streamTypes(sound!.path)).toEqual(['audio'])
    expect(sound!.durationSec).toBeGreaterThan(SECONDS - 0.2)
    expect(await drives.audio()).toEqual(sound)
    await drives.track(silentClip)
    expect(await drives.audio()).toBeNull()
  }, 120_000)

  it('says when a clip is cut short (an MP4 with its index at the start decodes fewer frames than it declares)', async () => {
    const faststart = join(dir, 'faststart.mp4')
    ffmpeg(['-i', silentClip, '-c', 'copy', '-movflags', '+faststart', faststart])
    const whole = await readFile(faststart)
    const cut = join(dir, 'cut-short.mp4')
    // Cut in the middle of the packet half-way through the clip, so that the frames before it decode (a cut at a
    // share of the bytes can land inside the first keyframe, which leaves nothing to decode: a damaged file).
    const packets = videoPackets(faststart)
    const half = packets[Math.floor(packets.length / 2)]!
    await writeFile(cut, whole.subarray(0, half.pos + Math.floor(half.size / 2)))
    const summary = await session().track(cut)
    expect(summary.frames).toBeLessThan(SECONDS * FPS)
    expect(summary.warning).toMatch(
      new RegExp(
        `^only ${summary.frames} of the ${SECONDS * FPS} frames cut-short\\.mp4 declares could be decoded`
      )
    )
  })

  it('cancels tracking (keeping the driver it had), refuses a second job, and says what is wrong', async () => {
    const drives = session()
    await expect(drives.frame(0, 64)).rejects.toMatchObject({ code: 'no-driver' })
    await drives.track(silentClip)

    progress.length = 0
    const running = drives.track(clip).catch((error: unknown) => error)
    await expect(drives.track(clip)).rejects.toMatchObject({ code: 'drive-busy' })
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        if (progress.some((p) => p.message.startsWith('Tracking frame'))) {
          clearInterval(timer)
          done()
        }
      }, 2)
    })
    expect(drives.cancel()).toBe(true)
    expect(await running).toMatchObject({ code: 'drive-cancelled' })
    expect(drives.current?.summary.name).toBe('silent.mp4')
    expect(drives.cancel()).toBe(false)

    // Cancelling a drive while it calibrates the head.
    progress.length = 0
    const driving = drives
      .drive({
        mode: 'both',
        intensity: 1,
        gains: {},
        regions: { eyes: true, gaze: true, brows: true, mouth: true, jaw: true, nose: true },
        referenceSec: 0,
        smoothing: true,
        dense: false
      })
      .catch((e: unknown) => e)
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        if (progress.some((p) => p.message === 'Calibrating the head…' && p.fraction > 0)) {
          clearInterval(timer)
          done()
        }
      }, 2)
    })
    expect(drives.cancel()).toBe(true)
    expect(await driving).toMatchObject({ code: 'drive-cancelled' })

    await expect(drives.track(noFace)).rejects.toMatchObject({ code: 'driver-no-face' })
    await expect(drives.track(fixture)).rejects.toMatchObject({
      code: 'driver-not-video',
      message: expect.stringContaining('still picture') as unknown
    })
    const notes = join(dir, 'notes.mp4')
    await writeFile(notes, 'not a video at all\n')
    const error = await drives.track(notes).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: expect.stringMatching(/^driver-(not-video|damaged)$/) as unknown })
    expect((error as Error).message).toContain('notes.mp4')
    expect((error as Error).message).not.toContain(dir)
    expect(drives.current?.summary.name).toBe('silent.mp4')
  }, 120_000)
})
