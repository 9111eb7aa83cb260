// A disk that fills while ffmpeg writes the end of the file: ffmpeg prints "Error writing trailer …
// No space left on device" and still exits 0, leaving a truncated file. The exporter must not rename
// it into place. Without root a full disk is played by a wrapper ffmpeg (a shell script made here)
// that runs the real one, then cuts its output short and prints ffmpeg's trailer error, exiting 0;
// as root a tiny tmpfs fills for real.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DiskFullError } from '../../../src/main/core/export/disk-full-error'
import { ExportFailedError } from '../../../src/main/core/export/export-failed-error'
import { type ExportFormat } from '../../../src/main/core/export/export-format'
import { exportVideo } from '../../../src/main/core/export/export-video'
import { type LocatedFfmpeg, locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import { probeVideo } from '../../../src/main/core/media/probe-video'
import { toExportError } from '../../../src/main/core/studio/export-session'
import { tinyDiskMountPoint, writeDamagingFfmpeg } from './full-disk'

const SIZE = 64
const FRAMES = 24

/** Frames of noise (deterministic), so the file is big enough to cut and to fill a small disk. */
function noiseFrame(index: number): Uint8Array {
  const rgba = new Uint8Array(SIZE * SIZE * 4)
  let seed = index + 1
  for (let i = 0; i < rgba.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    rgba[i] = (i & 3) === 3 ? 255 : seed >>> 24
  }
  return rgba
}

const tinyDisk = tinyDiskMountPoint('the real full-disk export tests')

describe.skipIf(process.platform === 'win32')(
  'exportVideo checks the finished file before it is renamed',
  () => {
    let ffmpeg: LocatedFfmpeg
    let root: string
    let n = 0
    const freshDir = (): string => {
      const dir = join(root, `case-${n++}`)
      mkdirSync(dir)
      return dir
    }
    const exportWith = (path: string, outPath: string, format: ExportFormat): Promise<unknown> =>
      exportVideo({
        width: SIZE,
        height: SIZE,
        fps: 24,
        frameCount: FRAMES,
        renderFrame: async (i) => noiseFrame(i),
        outPath,
        format,
        quality: 'draft',
        ffmpeg: { ...ffmpeg, path }
      }).then(
        () => null,
        (error: unknown) => error
      )

    beforeAll(async () => {
      ffmpeg = await locateFfmpeg()
      root = mkdtempSync(join(tmpdir(), 'mimesis-export-incomplete-'))
    })
    afterAll(() => rmSync(root, { recursive: true, force: true }))

    it.each<[ExportFormat, string]>([
      ['mp4-h264', 'clip.mp4'],
      ['webm-vp9', 'clip.webm']
    ])(
      '%s: a trailer that hit a full disk (ffmpeg exits 0) is the disk-full error, and no file is left',
      async (format, name) => {
        const dir = freshDir()
        const error = await exportWith(
          writeDamagingFfmpeg(root, ffmpeg.path, 'disk-full'),
          join(dir, name),
          format
        )
        expect(error).toBeInstanceOf(DiskFullError)
        expect(toExportError(error).code).toBe('disk-full')
        expect((error as Error).message).toMatch(/disk is full.*Free up space/)
        expect(readdirSync(dir)).toEqual([])
      }
    )

    it('an existing file under the final name is kept when the new export is incomplete', async () => {
      const dir = freshDir()
      const out = join(dir, 'clip.mp4')
      writeFileSync(out, 'the previous export')
      const error = await exportWith(writeDamagingFfmpeg(root, ffmpeg.path, 'disk-full'), out, 'mp4-h264')
      expect(error).toBeInstanceOf(DiskFullError)
      expect(readdirSync(dir)).toEqual(['clip.mp4'])
    })

    it('an I/O error while writing, even with exit status 0, fails the export (export-failed)', async () => {
      const dir = freshDir()
      const error = await exportWith(
        writeDamagingFfmpeg(root, ffmpeg.path, 'io-error'),
        join(dir, 'c.mp4'),
        'mp4-h264'
      )
      expect(error).toBeInstanceOf(ExportFailedError)
      expect(toExportError(error).code).toBe('export-failed')
      expect((error as Error).message).toMatch(/I\/O error/)
      expect(readdirSync(dir)).toEqual([])
    })

    it.each<[ExportFormat, string]>([
      ['mp4-h264', 'clip.mp4'],
      ['webm-vp9', 'clip.webm'],
      ['mov-prores4444', 'clip.mov']
    ])(
      '%s: a file cut short without a word from ffmpeg is caught by reading it back',
      async (format, name) => {
        const dir = freshDir()
        const error = await exportWith(
          writeDamagingFfmpeg(root, ffmpeg.path, 'silent'),
          join(dir, name),
          format
        )
        expect(error).toBeInstanceOf(ExportFailedError)
        expect(toExportError(error).code).toBe('export-failed')
        expect((error as Error).message).toMatch(/incomplete/)
        expect(readdirSync(dir)).toEqual([])
      }
    )

    it('a WebM of noisy frames keeps every frame (older libvpx dropped packets of alpha video)', async () => {
      const out = join(freshDir(), 'noise.webm')
      expect(await exportWith(ffmpeg.path, out, 'webm-vp9')).toBeNull()
      expect(await probeVideo(out, { countPackets: true })).toMatchObject({ packetCount: FRAMES })
    })

    describe.skipIf(tinyDisk == null)(
      'on a real disk that fills while the file is finished (a small tmpfs)',
      () => {
        const mnt = tinyDisk ?? ''
        afterAll(() => rmSync(mnt, { recursive: true, force: true }))

        it.each<[ExportFormat, string]>([
          ['mp4-h264', 'clip.mp4'],
          ['webm-vp9', 'clip.webm']
        ])(
          '%s: a disk a little smaller than the file gives the disk-full error and leaves nothing',
          async (format, name) => {
            // The size of the whole file, exported where there is room; the tmpfs is made a page or two
            // smaller, so the frames fit and the end of the file does not.
            const reference = join(freshDir(), name)
            await exportWith(ffmpeg.path, reference, format)
            const bytes = Number(execFileSync('stat', ['-c', '%s', reference]).toString())
            const pages = Math.floor(bytes / 4096) - 1
            execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${pages * 4}k`, 'tmpfs', mnt])
            try {
              const error = await exportWith(ffmpeg.path, join(mnt, name), format)
              expect(error).toBeInstanceOf(DiskFullError)
              expect(readdirSync(mnt)).toEqual([])
            } finally {
              execFileSync('umount', [mnt])
            }
          }
        )
      }
    )
  }
)
