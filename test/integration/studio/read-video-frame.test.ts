import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DecodeCancelledError } from '../../../src/main/core/media/decode-cancelled-error'
import { buildReadFrameArgs, readVideoFrame } from '../../../src/main/core/media/read-video-frame'
import { VideoInputError } from '../../../src/main/core/media/video-input-error'

describe('buildReadFrameArgs', () => {
  it('seeks before the input and writes one RGBA frame of the asked size to stdout', () => {
    const args = buildReadFrameArgs({ inputPath: '/v/clip.mov', seekSec: 1.25, width: 160, height: 90 })
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-ss') + 4)).toEqual([
      '-ss',
      '1.250000',
      '-i',
      'file:/v/clip.mov'
    ])
    expect(args).toContain('-nostdin')
    expect(args.slice(args.indexOf('-frames:v'), args.indexOf('-frames:v') + 2)).toEqual(['-frames:v', '1'])
    expect(args[args.indexOf('-vf') + 1]).toBe('scale=w=160:h=90:flags=bilinear,format=rgba')
    expect(args.slice(-5)).toEqual(['-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'])
    expect(args).toContain('-an')
  })

  it('refuses sizes and times ffmpeg would not honour', () => {
    const ok = { inputPath: 'a.mp4', seekSec: 0, width: 2, height: 2 }
    expect(() => buildReadFrameArgs({ ...ok, seekSec: -1 })).toThrow(RangeError)
    expect(() => buildReadFrameArgs({ ...ok, seekSec: Number.NaN })).toThrow(RangeError)
    expect(() => buildReadFrameArgs({ ...ok, width: 0 })).toThrow(RangeError)
    expect(() => buildReadFrameArgs({ ...ok, height: 1.5 })).toThrow(RangeError)
  })
})

describe('readVideoFrame (real ffmpeg)', () => {
  let dir: string
  let clip: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-read-frame-'))
    clip = join(dir, 'count.mp4')
    // 2 s at 10 fps; frame n is filled with grey level 20 + 10 n (exact in yuv420p's luma).
    const filter = "geq=lum='20+10*N':cb=128:cr=128"
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'color=c=black:size=64x48:rate=10',
      '-frames:v',
      '20',
      '-vf',
      filter,
      '-pix_fmt',
      'yuv420p',
      '-g',
      '8',
      clip
    ])
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const greyOf = (rgba: Uint8Array): number => rgba[(24 * 64 + 32) * 4]!

  it('reads the frame at a time, at any size, past keyframes', async () => {
    const levels: number[] = []
    for (const n of [0, 3, 9, 13, 19]) {
      const rgba = await readVideoFrame({
        inputPath: clip,
        seekSec: Math.max(0, n / 10 - 0.05),
        width: 64,
        height: 48
      })
      expect(rgba).not.toBeNull()
      expect(rgba!.length).toBe(64 * 48 * 4)
      expect(rgba![3]).toBe(255)
      levels.push(greyOf(rgba!))
    }
    // Full-range grey from limited-range luma: about (Y - 16) * 255 / 219.
    const expected = [0, 3, 9, 13, 19].map((n) => Math.round(((20 + 10 * n - 16) * 255) / 219))
    levels.forEach((level, i) => expect(Math.abs(level - expected[i]!)).toBeLessThanOrEqual(3))
    const small = await readVideoFrame({ inputPath: clip, seekSec: 0, width: 16, height: 12 })
    expect(small!.length).toBe(16 * 12 * 4)
  })

  it('answers null past the end, and throws for what is not a video or when cancelled', async () => {
    expect(await readVideoFrame({ inputPath: clip, seekSec: 30, width: 8, height: 6 })).toBeNull()
    const text = join(dir, 'notes.mp4')
    await writeFile(text, 'hello\n')
    await expect(readVideoFrame({ inputPath: text, seekSec: 0, width: 8, height: 6 })).rejects.toBeInstanceOf(
      VideoInputError
    )
    const controller = new AbortController()
    controller.abort()
    await expect(
      readVideoFrame({ inputPath: clip, seekSec: 0, width: 8, height: 6, signal: controller.signal })
    ).rejects.toBeInstanceOf(DecodeCancelledError)
  })
})
