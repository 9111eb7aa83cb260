import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDocument, seconds, setKey, type AnimationDocument } from '@shared/timeline'
import type { JobProgress } from '@shared/ipc/contract'
import { MimesisError } from '@shared/errors/mimesis-error'
import { createFileLogger } from '../../../src/main/core/app/logger'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { FileGrants } from '../../../src/main/core/ipc/file-grants'
import type { DialogPort, EventSink } from '../../../src/main/core/ipc/ports'
import { FfmpegNotFoundError } from '../../../src/main/core/media/ffmpeg-not-found-error'
import { createAvatarSession } from '../../../src/main/core/studio/avatar-session'
import { createExportSession, toExportError } from '../../../src/main/core/studio/export-session'
import { DiskFullError } from '../../../src/main/core/export/disk-full-error'
import { analyzeImage } from '../../../src/main/core/analysis/analyze-image'
import { decodeVideoFrames } from '../../../src/main/core/media/decode-video-frames'
import { expectWholeFaceFramed, FRAMING_CROPS, writeCrop } from '../../support/face-framing'
import { probeVideoFile } from '../../support/probe-video-file'

const resourcesDir = resolveResourcesDir()
const fixture = resolve(__dirname, '../../fixtures/astronaut.png')
const ready = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

describe.skipIf(!ready)('studio export session (real engine, real ffmpeg)', () => {
  let dir: string
  const dialogAnswers: (string | null)[] = []
  const progress: JobProgress[] = []
  const grants = new FileGrants()
  const dialogs: DialogPort = {
    openFile: async () => dialogAnswers.shift() ?? null,
    saveFile: async () => dialogAnswers.shift() ?? null
  }
  const events: EventSink = {
    emit(method, payload) {
      if (method === 'onJobProgress') progress.push(payload as JobProgress)
    }
  }
  let avatars: ReturnType<typeof createAvatarSession>
  let document: AnimationDocument

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-export-session-'))
    avatars = createAvatarSession({ resourcesDir, threads: 2 })
    const info = await avatars.build(fixture, 0)
    const base = createDocument({
      expressionNames: info.directions.map((d) => d.name),
      settings: { fps: 24, durationSec: seconds(2), width: 512, height: 512 }
    })
    const smile = base.tracks.find((t) => t.name === 'smile')!
    const yaw = base.tracks.find((t) => t.name === 'yaw')!
    let doc = setKey(base, smile.id, seconds(0), 0).document
    doc = setKey(doc, smile.id, seconds(1), 1).document
    doc = setKey(doc, yaw.id, seconds(1), 20).document
    document = { ...doc, settings: { ...doc.settings, workArea: { in: seconds(0.5), out: seconds(1) } } }
  }, 60_000)

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const session = () =>
    createExportSession({ avatars, grants, dialogs, events, logger: createFileLogger(join(dir, 'logs')) })

  it('exports the work area through a dialog-granted file and reports progress with an ETA', async () => {
    dialogAnswers.push(join(dir, 'clip'))
    const exports = session()
    const file = await exports.chooseFile('astronaut')
    expect(file?.name).toBe('clip.mp4')
    progress.length = 0
    const result = await exports.start({
      outputToken: file!.token,
      document,
      width: 128,
      height: 128,
      fps: 24,
      range: 'work-area'
    })
    expect(result.frameCount).toBe(12)
    expect(result.file.name).toBe('clip.mp4')
    expect(probeVideoFile(join(dir, 'clip.mp4'))).toMatchObject({ codec: 'h264', frames: 12, width: 128 })
    expect(progress.length).toBeGreaterThan(1)
    expect(progress.every((p) => p.kind === 'export')).toBe(true)
    expect(progress.at(-1)).toMatchObject({ fraction: 1 })
    expect(progress.some((p) => p.etaMs !== null && p.fraction > 0 && p.fraction < 1)).toBe(true)
    expect(exports.busy).toBe(false)
  }, 60_000)

  it('cancels halfway and leaves no file under the final name', async () => {
    dialogAnswers.push(join(dir, 'cancelled.mp4'))
    const exports = session()
    const file = await exports.chooseFile('x')
    progress.length = 0
    const started = exports.start({
      outputToken: file!.token,
      document,
      width: 256,
      height: 256,
      fps: 30,
      range: 'all'
    })
    const failure = started.catch((error: unknown) => error)
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        if (progress.some((p) => p.fraction > 0.2)) {
          clearInterval(timer)
          done()
        }
      }, 5)
    })
    await expect(
      exports.start({ outputToken: file!.token, document, width: 64, height: 64, fps: 24, range: 'all' })
    ).rejects.toMatchObject({ code: 'export-busy' })
    expect(exports.cancel()).toBe(true)
    expect(await failure).toMatchObject({ code: 'export-cancelled' })
    const left = await readdir(dir)
    expect(left.filter((name) => name.includes('cancelled'))).toEqual([])
    expect(exports.cancel()).toBe(false)
  }, 60_000)

  it('says so when ffmpeg is missing, and leaves an existing file alone', async () => {
    const existing = join(dir, 'keep.mp4')
    await writeFile(existing, 'earlier export')
    dialogAnswers.push(existing)
    const exports = createExportSession({
      avatars,
      grants,
      dialogs,
      events,
      logger: createFileLogger(join(dir, 'logs')),
      locateFfmpeg: async () => {
        throw new FfmpegNotFoundError('ffmpeg', [
          { source: 'system', path: '-', reason: 'ffmpeg is not on PATH' }
        ])
      }
    })
    const file = await exports.chooseFile('keep')
    const error = await exports
      .start({ outputToken: file!.token, document, width: 64, height: 64, fps: 24, range: 'all' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MimesisError)
    expect(error).toMatchObject({ code: 'ffmpeg-missing' })
    expect((error as Error).message).toMatch(/No usable ffmpeg was found\. Install ffmpeg/)
    expect(await readFile(existing, 'utf8')).toBe('earlier export')
  }, 60_000)

  it('exports a document with a track for a direction this pack does not have, leaving it out', async () => {
    const names = [...document.tracks.filter((t) => t.kind === 'expression').map((t) => t.name), 'tongueOut']
    const base = createDocument({
      expressionNames: names,
      settings: { fps: 8, durationSec: seconds(0.5), width: 64, height: 64 }
    })
    const extra = base.tracks.find((t) => t.name === 'tongueOut')!
    const foreign = setKey(base, extra.id, seconds(0), 1).document
    dialogAnswers.push(join(dir, 'foreign.mp4'))
    const exports = session()
    const file = await exports.chooseFile('foreign')
    const result = await exports.start({
      outputToken: file!.token,
      document: foreign,
      width: 64,
      height: 64,
      fps: 8,
      range: 'all'
    })
    expect(result.frameCount).toBe(4)
  }, 60_000)

  it('exports a PNG sequence into a dialog-named folder, asks before replacing it, then replaces it', async () => {
    dialogAnswers.push(join(dir, 'frames.png'))
    const exports = session()
    const folder = await exports.chooseFile('astronaut.mp4', 'png-seq')
    expect(folder?.name).toBe('frames')
    const request = {
      outputToken: folder!.token,
      document,
      width: 64,
      height: 64,
      fps: 24,
      range: 'work-area',
      format: 'png-seq',
      transparent: true,
      pngBitDepth: 16,
      depthPass: true
    } as const
    const result = await exports.start(request)
    expect(result).toMatchObject({ frameCount: 12, files: 25, file: { name: 'frames' } })
    const names = (await readdir(join(dir, 'frames'))).sort()
    expect(names[0]).toBe('frames_00001.png')
    expect(names).toContain('frames_depth_00012.png')
    expect(names).toContain('frames_depth.json')

    // The renderer asks the user on 'output-exists' and starts again with replaceExisting.
    await expect(exports.start({ ...request, depthPass: false })).rejects.toMatchObject({
      code: 'output-exists',
      message: /already holds 25 files\. Replace them with this export, or choose another name\?/
    })
    expect(await readdir(join(dir, 'frames'))).toHaveLength(25)
    const replaced = await exports.start({ ...request, depthPass: false, replaceExisting: true })
    expect(replaced.files).toBe(12)
    expect(await readdir(join(dir, 'frames'))).toHaveLength(12)
    expect((await readdir(dir)).filter((name) => name.includes('frames'))).toEqual(['frames'])
  }, 60_000)

  it('a cancelled save dialog grants nothing', async () => {
    dialogAnswers.push(null)
    expect(await session().chooseFile('x')).toBeNull()
  })

  it('refuses an output folder that does not exist', async () => {
    dialogAnswers.push(join(dir, 'missing-folder', 'clip.mp4'))
    await expect(session().chooseFile('x')).rejects.toMatchObject({ code: 'folder-not-found' })
  })

  it('maps a full disk to its own code with the reason', () => {
    const mapped = toExportError(new DiskFullError('/v/clip.mp4', 1_000_000, 10_000))
    expect(mapped.code).toBe('disk-full')
    expect(mapped.message).toMatch(/The disk is full.*Free up space/)
  })
})

describe.skipIf(!ready)('studio export of a portrait of another shape than its square frame', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-export-framing-'))
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('places the square on the head (the same rule as mimesis render), not in the middle of a tall portrait', async () => {
    const tall = join(dir, 'tall.png')
    await writeCrop(fixture, tall, FRAMING_CROPS.tall)
    const avatars = createAvatarSession({ resourcesDir, threads: 2 })
    const info = await avatars.build(tall, 0)
    expect(info.width / info.height).toBeCloseTo(3 / 5, 2)
    const grants = new FileGrants()
    const out = join(dir, 'tall.mp4')
    const exports = createExportSession({
      avatars,
      grants,
      dialogs: { openFile: async () => null, saveFile: async () => out },
      events: { emit: () => undefined },
      logger: createFileLogger(join(dir, 'logs'))
    })
    const file = await exports.chooseFile('tall')
    const document = createDocument({
      expressionNames: info.directions.map((d) => d.name),
      settings: { fps: 8, durationSec: seconds(0.25), width: 256, height: 256 }
    })
    await exports.start({ outputToken: file!.token, document, width: 256, height: 256, fps: 8, range: 'all' })
    for await (const frame of decodeVideoFrames(out)) {
      expect([frame.width, frame.height]).toEqual([256, 256])
      const [face] = await analyzeImage(
        { data: frame.rgb, width: 256, height: 256, originalWidth: 256, originalHeight: 256, scale: 1 },
        { modelsDir: join(resourcesDir, 'models'), maxFaces: 1 }
      )
      expectWholeFaceFramed(face!.landmarks, 256, 256)
      break
    }
  }, 60_000)
})
