import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DecodeCancelledError } from '../../../src/main/core/media/decode-cancelled-error'
import {
  type DecodedFrame,
  type DecodeProgress,
  type DecodeVideoFramesOptions,
  decodeVideoFrames
} from '../../../src/main/core/media/decode-video-frames'
import { type LocatedFfmpeg, locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import { VideoInputError } from '../../../src/main/core/media/video-input-error'
import {
  ffprobeJson,
  makeAudioOnlyFile,
  makeConstantRateClip,
  makeRotatedClip,
  makeTextFile,
  makeTruncatedClip,
  makeVariableRateClip,
  VFR_TIMES
} from './make-test-videos'

async function collect(path: string, options: DecodeVideoFramesOptions): Promise<DecodedFrame[]> {
  const frames: DecodedFrame[] = []
  for await (const frame of decodeVideoFrames(path, options)) frames.push(frame)
  return frames
}

function pixel(frame: DecodedFrame, x: number, y: number): [number, number, number] {
  const o = (y * frame.width + x) * 3
  return [frame.rgb[o] ?? -1, frame.rgb[o + 1] ?? -1, frame.rgb[o + 2] ?? -1]
}

// Both ffmpeg builds the app may use: the bundled static one (old, `-vsync`) and Debian's 5.1 (`-fps_mode`).
describe.each(['bundled', 'system'] as const)('decodeVideoFrames with the %s ffmpeg', (source) => {
  let dir: string
  let ffmpeg: LocatedFfmpeg
  let bundled: LocatedFfmpeg
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mimesis-decode-'))
    bundled = await locateFfmpeg()
    ffmpeg = source === 'bundled' ? bundled : await locateFfmpeg({ bundledPath: null })
    expect(ffmpeg.source).toBe(source)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('decodes every frame of a constant-rate clip with its timestamp and size', async () => {
    const progress: DecodeProgress[] = []
    const frames = await collect(makeConstantRateClip(dir), { ffmpeg, onProgress: (p) => progress.push(p) })
    expect(frames).toHaveLength(12)
    frames.forEach((f, i) => {
      expect(f.index).toBe(i)
      expect(f.timeSec).toBeCloseTo(i * 0.04, 6)
      expect([f.width, f.height, f.rgb.length]).toEqual([64, 48, 64 * 48 * 3])
    })
    expect(new Set(frames.map((f) => f.rgb)).size).toBe(12)
    expect(progress.map((p) => p.framesDone)).toEqual(frames.map((_, i) => i + 1))
    expect(progress.at(-1)?.durationSec).toBeCloseTo(0.48, 2)
    expect(progress.at(-1)?.fraction).toBeGreaterThan(0.9)
  })

  it('scales to maxSide keeping the aspect, or to an exact size', async () => {
    const path = makeConstantRateClip(dir)
    const small = await collect(path, { ffmpeg, maxSide: 32 })
    expect([small[0]?.width, small[0]?.height, small[0]?.rgb.length]).toEqual([32, 24, 32 * 24 * 3])
    const notUpscaled = await collect(path, { ffmpeg, maxSide: 1000 })
    expect([notUpscaled[0]?.width, notUpscaled[0]?.height]).toEqual([64, 48])
    const exact = await collect(path, { ffmpeg, width: 21, height: 10 })
    expect([exact[0]?.width, exact[0]?.height, exact[0]?.rgb.length]).toEqual([21, 10, 21 * 10 * 3])
    expect(exact).toHaveLength(12)
  })

  it('keeps the real timestamps of a variable-frame-rate clip', async () => {
    const path = makeVariableRateClip(dir)
    const probed = (
      ffprobeJson(path, 'frame=pts_time') as { frames: Array<{ pts_time: string }> }
    ).frames.map((f) => Number(f.pts_time))
    expect(probed).toEqual(VFR_TIMES)
    const frames = await collect(path, { ffmpeg })
    expect(frames.map((f) => f.timeSec)).toEqual(VFR_TIMES)
  })

  it('applies rotation metadata, so frames come out upright', async (ctx) => {
    const path = makeRotatedClip(dir, [bundled.path, 'ffmpeg'])
    if (path == null) return ctx.skip()
    const frames = await collect(path, { ffmpeg })
    expect(frames).toHaveLength(3)
    const first = frames[0] as DecodedFrame
    expect([first.width, first.height]).toEqual([48, 64])
    // A 90 degree counterclockwise display rotation carries the top-left corner to the bottom-left.
    const isRed = ([r, g, b]: [number, number, number]): boolean => r > 200 && g < 60 && b < 60
    expect(isRed(pixel(first, 2, 61))).toBe(true)
    expect(isRed(pixel(first, 2, 2))).toBe(false)
    expect(isRed(pixel(first, 45, 2))).toBe(false)
  })

  it('reuses buffers only when asked', async () => {
    const frames: Uint8Array[] = []
    for await (const f of decodeVideoFrames(makeConstantRateClip(dir), { ffmpeg, reuseBuffers: true })) {
      frames.push(f.rgb)
    }
    expect(frames).toHaveLength(12)
    expect(new Set(frames).size).toBeLessThan(12)
  })

  it('stops ffmpeg when the consumer breaks out early', async () => {
    let seen = 0
    for await (const _frame of decodeVideoFrames(makeConstantRateClip(dir), { ffmpeg })) {
      if (++seen === 2) break
    }
    expect(seen).toBe(2)
  })

  it('rejects with DecodeCancelledError when aborted', async () => {
    const controller = new AbortController()
    const seen: number[] = []
    const run = async (): Promise<void> => {
      for await (const frame of decodeVideoFrames(makeConstantRateClip(dir), {
        ffmpeg,
        signal: controller.signal
      })) {
        seen.push(frame.index)
        if (frame.index === 3) controller.abort()
      }
    }
    await expect(run()).rejects.toBeInstanceOf(DecodeCancelledError)
    expect(seen).toEqual([0, 1, 2, 3])
  })

  it.each([
    ['a missing file', (d: string) => join(d, 'missing.mp4'), 'not-found', /Video file not found/],
    ['a text file', makeTextFile, 'not-video', /Not a video file/],
    ['an audio-only file', makeAudioOnlyFile, 'not-video', /Not a video file/],
    ['a truncated MP4', makeTruncatedClip, 'corrupt', /damaged.*\n.*moov atom not found/s]
  ] as const)('explains %s', async (_name, make, problem, message) => {
    const error: unknown = await collect(make(dir), { ffmpeg }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(VideoInputError)
    expect((error as VideoInputError).problem).toBe(problem)
    expect((error as Error).message).toMatch(message)
  })
})
