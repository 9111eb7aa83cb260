import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LocatedFfmpeg, locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import { locateFfprobe } from '../../../src/main/core/media/locate-ffprobe'
import { type ProbeVideoOptions, probeVideo } from '../../../src/main/core/media/probe-video'
import { VideoInputError } from '../../../src/main/core/media/video-input-error'
import {
  makeAudioOnlyFile,
  makeConstantRateClip,
  makeRotatedClip,
  makeTextFile,
  makeTruncatedClip,
  makeVariableRateClip
} from './make-test-videos'

describe('probeVideo', () => {
  let dir: string
  let bundled: LocatedFfmpeg
  let system: LocatedFfmpeg
  const variants: Array<[string, () => ProbeVideoOptions]> = [
    ['ffprobe', () => ({})],
    ['the bundled ffmpeg -i (no ffprobe)', () => ({ ffprobe: null, ffmpeg: bundled })],
    ['the system ffmpeg -i (no ffprobe)', () => ({ ffprobe: null, ffmpeg: system })]
  ]
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mimesis-probe-'))
    bundled = await locateFfmpeg()
    system = await locateFfmpeg({ bundledPath: null })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('locates ffprobe on PATH when the bundled ffmpeg has none beside it', async () => {
    const logs: string[] = []
    const located = await locateFfprobe({ ffmpegPath: bundled.path, log: (m) => logs.push(m) })
    expect(located.source).toBe('system')
    expect(located.version).not.toBe('')
  })

  describe.each(variants)('through %s', (_name, options) => {
    it('describes a constant-rate clip', async () => {
      expect(await probeVideo(makeConstantRateClip(dir), options())).toEqual({
        width: 64,
        height: 48,
        durationSec: 0.48,
        frameCountEstimate: 12,
        avgFps: 25,
        isVariableFrameRate: false,
        hasAudio: false,
        codec: 'h264',
        rotation: 0
      })
    })

    it('flags a variable-frame-rate clip', async () => {
      const info = await probeVideo(makeVariableRateClip(dir), options())
      expect(info.isVariableFrameRate).toBe(true)
      expect(info.frameCountEstimate).toBeGreaterThanOrEqual(10)
    })

    it('reports rotation and the upright size', async (ctx) => {
      const path = makeRotatedClip(dir, [bundled.path, 'ffmpeg'])
      if (path == null) return ctx.skip()
      expect(await probeVideo(path, options())).toMatchObject({ width: 48, height: 64, rotation: 90 })
    })

    it.each([
      ['a missing file', (d: string) => join(d, 'missing.mp4'), 'not-found'],
      ['a text file', makeTextFile, 'not-video'],
      ['an audio-only file', makeAudioOnlyFile, 'not-video'],
      ['a truncated MP4', makeTruncatedClip, 'corrupt']
    ] as const)('explains %s', async (_what, make, problem) => {
      const error: unknown = await probeVideo(make(dir), options()).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(VideoInputError)
      expect((error as VideoInputError).problem).toBe(problem)
    })
  })
})
