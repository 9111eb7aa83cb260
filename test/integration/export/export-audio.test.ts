import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDocument, seconds } from '@shared/timeline'
import { MimesisError } from '@shared/errors/mimesis-error'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { createEngine } from '../../../src/main/core/engine/engine'
import { ExportCancelledError } from '../../../src/main/core/export/export-cancelled-error'
import { type ExportFormat } from '../../../src/main/core/export/export-format'
import { exportVideo } from '../../../src/main/core/export/export-video'
import { type LocatedFfmpeg, locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import { avatarFromFile } from '../../../src/main/core/render/avatar-from-file'
import { audioOffsetForRange, exportDocument } from '../../../src/main/core/render/export-document'
import {
  decodeAudioMono,
  decodedDurationSec,
  ffmpegSync,
  probeAudioStream,
  TEST_SAMPLE_RATE,
  toneOnsetSec
} from '../../support/audio-test-files'
import { probeVideoFile } from '../../support/probe-video-file'

const SIZE = 64
const FPS = 24
const FRAMES = 48
const resourcesDir = resolveResourcesDir()
const engineReady = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

function grey(index: number): Uint8Array {
  return new Uint8Array(SIZE * SIZE * 4).fill(40 + index * 4)
}

/** Time of the last sample louder than half the tone's level, seconds. */
function toneEndSec(samples: Int16Array): number {
  for (let i = samples.length - 1; i >= 0; i--) if (Math.abs(samples[i]!) > 3000) return i / TEST_SAMPLE_RATE
  return 0
}

describe('exporting with a sound track (real ffmpeg)', () => {
  let root: string
  let n = 0
  /** 4 s of AAC in .m4a: silence, then from 1.5 s a 440 Hz tone at half scale. */
  let toneAt1_5: string
  /** 1 s of tone from 0, shorter than the 2 s videos. */
  let shortTone: string
  const freshDir = (): string => {
    const dir = join(root, `case-${n++}`)
    mkdirSync(dir)
    return dir
  }

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'mimesis-export-audio-'))
    const sources = join(root, 'sources')
    mkdirSync(sources)
    toneAt1_5 = join(sources, 'tone-at-1.5.m4a')
    ffmpegSync(['-f', 'lavfi', '-i', 'aevalsrc=0.5*sin(2*PI*440*t)*gte(t\\,1.5):s=48000:d=4', toneAt1_5])
    shortTone = join(sources, 'short.m4a')
    ffmpegSync(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=1,volume=4', shortTone])
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  describe.each([
    ['the bundled ffmpeg (2018)', { bundledPath: undefined }],
    ["Debian's ffmpeg", { bundledPath: null }]
  ] as const)('with %s', (_name, locate) => {
    let ffmpeg: LocatedFfmpeg
    beforeAll(async () => {
      ffmpeg = await locateFfmpeg(locate)
    })

    it.each([
      ['mp4-h264', 'aac', 'clip.mp4'],
      ['mov-prores4444', 'pcm_s16le', 'clip.mov'],
      ['webm-vp9', 'opus', 'clip.webm']
    ] as const)(
      '%s: the audio stream is %s, 48 kHz, as long as the video, and 1.0 s into the file plays at frame 0',
      async (format: ExportFormat, codec, name) => {
        const dir = freshDir()
        const out = join(dir, name)
        await exportVideo({
          width: SIZE,
          height: SIZE,
          fps: FPS,
          frameCount: FRAMES,
          renderFrame: async (i) => grey(i),
          outPath: out,
          format,
          quality: 'draft',
          ffmpeg,
          audio: { path: toneAt1_5, offsetSec: 1 }
        })
        expect(readdirSync(dir)).toEqual([name])
        expect(probeAudioStream(out)).toMatchObject({ codec, sampleRate: 48_000 })
        const frames = probeVideoFile(out).frames
        expect(frames).toBe(FRAMES)
        const samples = decodeAudioMono(out)
        expect(Math.abs(decodedDurationSec(samples) - frames / FPS)).toBeLessThanOrEqual(1 / FPS)
        // The tone starts 1.5 s into the file, so 0.5 s into the export; ignoring the offset puts it at 1.5.
        expect(Math.abs(toneOnsetSec(samples)! - 0.5)).toBeLessThan(0.01)
      }
    )
  })

  describe('placement, padding and failures', () => {
    let ffmpeg: LocatedFfmpeg
    beforeAll(async () => {
      ffmpeg = await locateFfmpeg()
    })
    const exportWith = (
      out: string,
      audio: { path: string; offsetSec: number },
      signal?: AbortSignal
    ): Promise<unknown> =>
      exportVideo({
        width: SIZE,
        height: SIZE,
        fps: FPS,
        frameCount: FRAMES,
        renderFrame: async (i) => grey(i),
        outPath: out,
        format: 'mov-prores4444',
        ffmpeg,
        signal,
        audio
      })

    it('a negative offset starts the audio after the first frame, with silence before it', async () => {
      const out = join(freshDir(), 'late.mov')
      await exportWith(out, { path: toneAt1_5, offsetSec: -0.25 })
      const samples = decodeAudioMono(out)
      expect(Math.abs(toneOnsetSec(samples)! - 1.75)).toBeLessThan(0.005)
      expect(decodedDurationSec(samples)).toBeCloseTo(2, 3)
    })

    it('pads audio shorter than the video with silence to the video length', async () => {
      const out = join(freshDir(), 'short.mov')
      await exportWith(out, { path: shortTone, offsetSec: 0 })
      const samples = decodeAudioMono(out)
      expect(decodedDurationSec(samples)).toBeCloseTo(2, 3)
      expect(toneOnsetSec(samples)).toBeLessThan(0.005)
      expect(Math.abs(toneEndSec(samples) - 1)).toBeLessThan(0.005)
    })

    it('a missing audio file is a MimesisError before anything is written', async () => {
      const dir = freshDir()
      const error = await exportWith(join(dir, 'x.mov'), { path: join(dir, 'gone.m4a'), offsetSec: 0 }).catch(
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(MimesisError)
      expect((error as MimesisError).code).toBe('audio-not-found')
      expect((error as Error).message).toContain('gone.m4a')
      expect(readdirSync(dir)).toEqual([])
    })

    it('cancelling an export with audio leaves no file', async () => {
      const dir = freshDir()
      const controller = new AbortController()
      const promise = exportVideo({
        width: SIZE,
        height: SIZE,
        fps: FPS,
        frameCount: FRAMES,
        renderFrame: async (i) => {
          if (i === 20) controller.abort()
          return grey(i)
        },
        outPath: join(dir, 'x.mp4'),
        ffmpeg,
        signal: controller.signal,
        audio: { path: toneAt1_5, offsetSec: 0 }
      })
      await expect(promise).rejects.toBeInstanceOf(ExportCancelledError)
      expect(readdirSync(dir)).toEqual([])
    })
  })

  it('audioOffsetForRange: the time in the audio at the range start', () => {
    expect(audioOffsetForRange({ start: seconds(1), end: seconds(3) }, 0.5)).toBe(0.5)
    expect(audioOffsetForRange({ start: seconds(0), end: seconds(3) }, 0.75)).toBe(-0.75)
    expect(audioOffsetForRange({ start: seconds(2), end: seconds(3) }, -1)).toBe(3)
  })

  describe.skipIf(!engineReady)('exportDocument (real engine)', () => {
    it('plays the audio at its document time: track at 0.5 s, range from 1.0 s, muted leaves it out', async () => {
      const engine = await createEngine({ threads: 2 })
      const avatar = await avatarFromFile(join(__dirname, '../../fixtures/astronaut.png'), {
        engine,
        resourcesDir,
        // Face analysis needs the face at least 64 px across.
        maxSide: 512
      })
      const ffmpeg = await locateFfmpeg()
      const document = createDocument({
        expressionNames: engine.directionNames,
        settings: { fps: 12, durationSec: seconds(3), width: 64, height: 64 }
      })
      const range = { start: seconds(1), end: seconds(3) }
      const out = join(freshDir(), 'doc.mp4')
      await exportDocument({
        avatar,
        document,
        width: 64,
        height: 64,
        fps: 12,
        range,
        outPath: out,
        quality: 'draft',
        ffmpeg,
        audio: { path: toneAt1_5, startSec: 0.5, muted: false }
      })
      // The tone is 1.5 s into the audio = document time 2.0 = 1.0 s into an export starting at 1.0.
      const samples = decodeAudioMono(out)
      expect(Math.abs(toneOnsetSec(samples)! - 1)).toBeLessThan(0.01)
      expect(probeVideoFile(out).frames).toBe(24)
      expect(Math.abs(decodedDurationSec(samples) - 2)).toBeLessThanOrEqual(1 / 12)

      const muted = join(freshDir(), 'muted.mp4')
      await exportDocument({
        avatar,
        document,
        width: 64,
        height: 64,
        fps: 12,
        range,
        outPath: muted,
        quality: 'draft',
        ffmpeg,
        audio: { path: toneAt1_5, startSec: 0.5, muted: true }
      })
      expect(probeAudioStream(muted)).toBeNull()
    })
  })
})
