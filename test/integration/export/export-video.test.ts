import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { firstFrameRgba } from '../../support/first-frame-rgba'
import { DiskFullError } from '../../../src/main/core/export/disk-full-error'
import { ExportCancelledError } from '../../../src/main/core/export/export-cancelled-error'
import { ExportFailedError } from '../../../src/main/core/export/export-failed-error'
import { type ExportProgress, exportVideo } from '../../../src/main/core/export/export-video'
import { OutputNotWritableError } from '../../../src/main/core/export/output-not-writable-error'
import { decodeVideoFrames } from '../../../src/main/core/media/decode-video-frames'
import { type LocatedFfmpeg, locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'

const SIZE = 128

function gradientFrame(index: number): Uint8Array {
  const rgba = new Uint8Array(SIZE * SIZE * 4)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const o = (y * SIZE + x) * 4
      rgba[o] = x * 2
      rgba[o + 1] = y * 2
      rgba[o + 2] = (index * 5) % 256
      rgba[o + 3] = 255
    }
  }
  return rgba
}

function probeFrames(path: string): {
  codec: string
  pixFmt: string
  frames: number
  width: number
  height: number
} {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-count_frames',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,pix_fmt,nb_read_frames,width,height',
    '-of',
    'json',
    path
  ]).toString()
  const stream = (JSON.parse(out) as { streams: Array<Record<string, string | number>> }).streams[0] ?? {}
  return {
    codec: String(stream.codec_name),
    pixFmt: String(stream.pix_fmt),
    frames: Number(stream.nb_read_frames),
    width: Number(stream.width),
    height: Number(stream.height)
  }
}

function findProcessWithArgument(fragment: string): number {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(fragment)) return Number(pid)
    } catch {
      // the process ended meanwhile
    }
  }
  throw new Error(`no process has ${fragment} in its arguments`)
}

describe('exportVideo with real ffmpeg', () => {
  let ffmpeg: LocatedFfmpeg
  let root: string
  let dir: string
  let n = 0

  beforeAll(async () => {
    ffmpeg = await locateFfmpeg()
    root = mkdtempSync(join(tmpdir(), 'mimesis-export-'))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const freshDir = (): string => {
    dir = join(root, `case-${n++}`)
    mkdirSync(dir)
    return dir
  }

  it('exports 48 gradient frames at 128x128 24 fps as H.264 yuv420p and reports progress', async () => {
    const out = join(freshDir(), 'clip.mp4')
    const progress: ExportProgress[] = []
    const result = await exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 48,
      renderFrame: async (i) => gradientFrame(i),
      outPath: out,
      quality: 'draft',
      ffmpeg,
      onProgress: (p) => progress.push(p)
    })
    expect(result.outPath).toBe(out)
    expect(result.bytes).toBeGreaterThan(0)
    expect(probeFrames(out)).toEqual({
      codec: 'h264',
      pixFmt: 'yuv420p',
      frames: 48,
      width: 128,
      height: 128
    })
    expect(readdirSync(dir)).toEqual(['clip.mp4'])
    expect(progress.at(-1)).toMatchObject({ framesDone: 48, frameCount: 48, fraction: 1 })
    const done = progress.map((p) => p.framesDone)
    expect([...done].sort((a, b) => a - b)).toEqual(done)
  })

  it('cancelling halfway leaves neither the final nor a temporary file', async () => {
    const out = join(freshDir(), 'clip.mp4')
    const controller = new AbortController()
    const promise = exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 48,
      renderFrame: async (i) => {
        if (i === 24) controller.abort()
        return gradientFrame(i)
      },
      outPath: out,
      signal: controller.signal,
      ffmpeg
    })
    await expect(promise).rejects.toBeInstanceOf(ExportCancelledError)
    expect(readdirSync(dir)).toEqual([])
  })

  it('cancels even when renderFrame ignores the signal', async () => {
    const out = join(freshDir(), 'clip.mp4')
    const controller = new AbortController()
    const promise = exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 48,
      renderFrame: (i) => {
        if (i < 5) return Promise.resolve(gradientFrame(i))
        setTimeout(() => controller.abort(), 10)
        return new Promise<Uint8Array>(() => undefined)
      },
      outPath: out,
      signal: controller.signal,
      ffmpeg
    })
    await expect(promise).rejects.toBeInstanceOf(ExportCancelledError)
    expect(readdirSync(dir)).toEqual([])
  })

  it('rejects at once for an already aborted signal', async () => {
    const out = join(freshDir(), 'clip.mp4')
    const promise = exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 4,
      renderFrame: async (i) => gradientFrame(i),
      outPath: out,
      signal: AbortSignal.abort(),
      ffmpeg
    })
    await expect(promise).rejects.toBeInstanceOf(ExportCancelledError)
    expect(readdirSync(dir)).toEqual([])
  })

  it('a throwing renderFrame rejects with ExportFailedError, cleans up and keeps an existing file', async () => {
    const out = join(freshDir(), 'clip.mp4')
    writeFileSync(out, 'previous export')
    const promise = exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 48,
      renderFrame: async (i) => {
        if (i === 10) throw new Error('engine exploded')
        return gradientFrame(i)
      },
      outPath: out,
      ffmpeg
    })
    await expect(promise).rejects.toThrow(/Rendering frame 10 failed: engine exploded/)
    await expect(promise).rejects.toBeInstanceOf(ExportFailedError)
    expect(readdirSync(dir)).toEqual(['clip.mp4'])
    expect(readFileSync(out, 'utf8')).toBe('previous export')
  })

  it('ffmpeg dying mid-export rejects with ExportFailedError and keeps an existing file', async () => {
    const out = join(freshDir(), 'clip.mp4')
    writeFileSync(out, 'previous export')
    const promise = exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 48,
      renderFrame: async (i) => {
        // Stands in for the OOM killer: the real ffmpeg of this export, found by its temp path.
        if (i === 10) process.kill(findProcessWithArgument(dir), 'SIGKILL')
        return gradientFrame(i)
      },
      outPath: out,
      ffmpeg
    })
    const error: unknown = await promise.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ExportFailedError)
    expect((error as Error).message).toMatch(/ffmpeg was killed by SIGKILL/)
    expect(readdirSync(dir)).toEqual(['clip.mp4'])
    expect(readFileSync(out, 'utf8')).toBe('previous export')
  })

  it('replaces an existing file once the new export is complete', async () => {
    const out = join(freshDir(), 'clip.mp4')
    writeFileSync(out, 'previous export')
    await exportVideo({
      width: SIZE,
      height: SIZE,
      fps: { num: 30000, den: 1001 },
      frameCount: 6,
      renderFrame: async (i) => gradientFrame(i),
      outPath: out,
      quality: 'draft',
      ffmpeg
    })
    expect(probeFrames(out).frames).toBe(6)
    expect(readdirSync(dir)).toEqual(['clip.mp4'])
  })

  it('lets renderFrame reuse one buffer for every frame (round trip through decodeVideoFrames)', async () => {
    const out = join(freshDir(), 'reuse.mp4')
    // 32x32 RGBA is 4 KiB, below the pipe's high-water mark: write() alone would not wait.
    const shared = new Uint8Array(32 * 32 * 4)
    await exportVideo({
      width: 32,
      height: 32,
      fps: 25,
      frameCount: 10,
      renderFrame: async (i) => shared.fill(20 + i * 20),
      outPath: out,
      quality: { crf: 10 },
      ffmpeg
    })
    const means: number[] = []
    for await (const frame of decodeVideoFrames(out, { ffmpeg })) {
      means.push(Math.round(frame.rgb.reduce((sum, v) => sum + v, 0) / frame.rgb.length))
    }
    expect(means).toHaveLength(10)
    means.forEach((mean, i) => expect(Math.abs(mean - (20 + i * 20))).toBeLessThanOrEqual(3))
  })

  it('removes temp files that a crashed export left, but not recent ones', async () => {
    const out = join(freshDir(), 'clip.mp4')
    const stale = join(dir, '.clip.mp4.mimesis-partial-0123456789ab.mp4')
    const recent = join(dir, '.clip.mp4.mimesis-partial-ba9876543210.mp4')
    const other = join(dir, '.other.mp4.mimesis-partial-0123456789ab.mp4')
    for (const path of [stale, recent, other]) writeFileSync(path, 'partial')
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000)
    utimesSync(stale, twoHoursAgo, twoHoursAgo)
    utimesSync(other, twoHoursAgo, twoHoursAgo)
    await exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 2,
      renderFrame: async (i) => gradientFrame(i),
      outPath: out,
      quality: 'draft',
      ffmpeg
    })
    expect(readdirSync(dir).sort()).toEqual([recent, other, out].map((p) => basename(p)).sort())
  })

  it('says so when the ffmpeg in use lacks the encoder for the format', async () => {
    const out = join(freshDir(), 'clip.mov')
    const promise = exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 2,
      renderFrame: async (i) => gradientFrame(i),
      outPath: out,
      format: 'mov-prores4444',
      ffmpeg: { ...ffmpeg, encoders: new Set(['libx264']) }
    })
    await expect(promise).rejects.toThrow(/has no prores_ks encoder for mov-prores4444/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('rejects a frame of the wrong size', async () => {
    const out = join(freshDir(), 'clip.mp4')
    const promise = exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 4,
      renderFrame: async () => new Uint8Array(10),
      outPath: out,
      ffmpeg
    })
    await expect(promise).rejects.toThrow(/Frame 0 has 10 bytes/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('says clearly when the output folder does not exist', async () => {
    const out = join(root, 'missing-folder', 'clip.mp4')
    const promise = exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: 4,
      renderFrame: async (i) => gradientFrame(i),
      outPath: out,
      ffmpeg
    })
    await expect(promise).rejects.toBeInstanceOf(OutputNotWritableError)
    await expect(promise).rejects.toThrow(/does not exist/)
  })

  it('writes an alpha-capable WebM VP9', async () => {
    const out = join(freshDir(), 'clip.webm')
    await exportVideo({
      width: 64,
      height: 48,
      fps: 25,
      frameCount: 5,
      renderFrame: async () => new Uint8Array(64 * 48 * 4).fill(100),
      outPath: out,
      format: 'webm-vp9',
      quality: 'draft',
      ffmpeg
    })
    const tags = execFileSync('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_name:stream_tags',
      '-of',
      'json',
      out
    ])
    expect(tags.toString()).toMatch(/"vp9"/)
    expect(tags.toString()).toMatch(/"alpha_mode": "1"/i)
    expect(readdirSync(dir)).toEqual(['clip.webm'])
  })

  it('writes ProRes 4444 with an alpha channel, odd size kept', async () => {
    const out = join(freshDir(), 'clip.mov')
    await exportVideo({
      width: 33,
      height: 17,
      fps: 24,
      frameCount: 3,
      renderFrame: async () => new Uint8Array(33 * 17 * 4).fill(128),
      outPath: out,
      format: 'mov-prores4444',
      ffmpeg
    })
    const info = probeFrames(out)
    expect([info.codec, info.frames, info.width, info.height]).toEqual(['prores', 3, 33, 17])
    expect(info.pixFmt).toMatch(/^yuva444p/)
    expect(readdirSync(dir)).toEqual(['clip.mov'])
  })

  it("writes a looping GIF without the frames' alpha, and refuses one past its size and rate limits", async () => {
    const out = join(freshDir(), 'clip.gif')
    // Half the frame transparent: a GIF keeps the RGB (already over the background), never the alpha.
    const frame = new Uint8Array(40 * 30 * 4).fill(200)
    for (let i = 3; i < frame.length / 2; i += 4) frame[i] = 0
    await exportVideo({
      width: 40,
      height: 30,
      fps: 25,
      frameCount: 6,
      renderFrame: async () => frame,
      outPath: out,
      format: 'gif',
      ffmpeg,
      // No sound track in a GIF: a given one is left out rather than failing the export.
      audio: { path: join(freshDir(), 'missing.m4a'), offsetSec: 0 }
    })
    const info = probeFrames(out)
    expect([info.codec, info.frames, info.width, info.height]).toEqual(['gif', 6, 40, 30])
    const rgba = firstFrameRgba(out)
    expect([rgba[0], rgba[3]]).toEqual([200, 255])
    const tooBig = exportVideo({
      width: 700,
      height: 700,
      fps: 25,
      frameCount: 2,
      renderFrame: async () => new Uint8Array(700 * 700 * 4),
      outPath: join(freshDir(), 'big.gif'),
      format: 'gif',
      ffmpeg
    })
    await expect(tooBig).rejects.toThrow(/at most 640 px a side and 30 fps/)
  })

  describe('on a full disk (a 256 KiB tmpfs)', () => {
    let mnt: string | null = null
    beforeAll(() => {
      const target = join(root, 'tiny-disk')
      mkdirSync(target)
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', target], { stdio: 'ignore' })
        mnt = target
      } catch {
        console.warn('exportVideo disk-full test skipped: cannot mount a tmpfs here (needs root)')
      }
    })
    afterAll(() => {
      if (mnt != null) execFileSync('umount', [mnt])
    })

    it('rejects with DiskFullError and leaves nothing behind', async (ctx) => {
      if (mnt == null) return ctx.skip()
      const out = join(mnt, 'clip.mp4')
      let seed = 1
      const noise = (): Uint8Array => {
        const rgba = new Uint8Array(SIZE * SIZE * 4)
        for (let i = 0; i < rgba.length; i++) {
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
          rgba[i] = seed >>> 24
        }
        return rgba
      }
      const promise = exportVideo({
        width: SIZE,
        height: SIZE,
        fps: 24,
        frameCount: 48,
        renderFrame: async () => noise(),
        outPath: out,
        quality: { crf: 0 },
        ffmpeg
      })
      const error: unknown = await promise.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DiskFullError)
      expect((error as Error).message).toMatch(/disk is full/)
      expect(readdirSync(mnt)).toEqual([])
    })
  })
})
