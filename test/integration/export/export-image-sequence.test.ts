// The PNG sequence exporter on real files with made-up frames: names, bit depths, the depth pass and its sidecar,
// the temporary folder renamed into place, an existing folder (refused, replaced, or someone else's), stale
// temporaries, cancel, a failed render, a missing or read-only folder and a full disk.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readPngSamples } from '../../support/read-png'
import { DiskFullError } from '../../../src/main/core/export/disk-full-error'
import { ExportCancelledError } from '../../../src/main/core/export/export-cancelled-error'
import { ExportFailedError } from '../../../src/main/core/export/export-failed-error'
import {
  exportImageSequence,
  type ExportImageSequenceOptions,
  type SequenceFrame
} from '../../../src/main/core/export/export-image-sequence'
import { OutputExistsError } from '../../../src/main/core/export/output-exists-error'
import { OutputNotWritableError } from '../../../src/main/core/export/output-not-writable-error'
import type { ExportProgress } from '../../../src/main/core/export/progress-reporter'
import { tinyDiskMountPoint } from './full-disk'

const W = 8
const H = 4
const RANGE = { nearPx: 0, farPx: 100, sourceWidth: 512, sourceHeight: 512 }
const roots: string[] = []

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-seq-'))
  roots.push(dir)
  return dir
}

afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true })
})

/** Frame i: red = x * 30, green = y * 60, blue = i, alpha = 0 in the left column, else 255; depth levels i + x. */
function frame(index: number, width = W, height = H): SequenceFrame {
  const rgba = new Uint8Array(width * height * 4)
  const depthLevels = new Uint16Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x
      rgba.set([(x * 30) % 256, (y * 60) % 256, index, x === 0 ? 0 : 255], p * 4)
      depthLevels[p] = x === 0 ? 0 : 1000 * (index + 1) + x
    }
  }
  return { rgba, depthLevels }
}

function options(
  outDir: string,
  extra: Partial<ExportImageSequenceOptions> = {}
): ExportImageSequenceOptions {
  return { width: W, height: H, fps: 24, frameCount: 3, renderFrame: async (i) => frame(i), outDir, ...extra }
}

describe('exportImageSequence', () => {
  it('writes 8-bit RGBA frames named shot_00001.png … into the folder, and nothing else beside it', async () => {
    const parent = freshDir()
    const outDir = join(parent, 'shot')
    const progress: ExportProgress[] = []
    const result = await exportImageSequence(options(outDir, { onProgress: (p) => progress.push(p) }))
    expect(readdirSync(parent)).toEqual(['shot'])
    expect(readdirSync(outDir).sort()).toEqual(['shot_00001.png', 'shot_00002.png', 'shot_00003.png'])
    expect(result).toMatchObject({ outDir, frameCount: 3, files: 3 })
    const png = await readPngSamples(join(outDir, 'shot_00002.png'))
    expect(png).toMatchObject({ bitDepth: 8, channels: 4, width: W, height: H })
    expect(Array.from(png.samples)).toEqual(Array.from(frame(1).rgba))
    expect(progress.at(-1)).toMatchObject({ framesDone: 3, frameCount: 3, fraction: 1 })
  })

  it('writes 16-bit RGBA (v × 257) and the 16-bit depth pass with its sidecar', async () => {
    const outDir = join(freshDir(), 'shot')
    const result = await exportImageSequence(options(outDir, { bitDepth: 16, depth: RANGE }))
    expect(readdirSync(outDir).sort()).toEqual([
      'shot_00001.png',
      'shot_00002.png',
      'shot_00003.png',
      'shot_depth.json',
      'shot_depth_00001.png',
      'shot_depth_00002.png',
      'shot_depth_00003.png'
    ])
    expect(result.files).toBe(7)
    const colour = await readPngSamples(join(outDir, 'shot_00003.png'))
    expect(colour).toMatchObject({ bitDepth: 16, channels: 4 })
    expect(Array.from(colour.samples)).toEqual(Array.from(frame(2).rgba, (v) => v * 257))
    const depth = await readPngSamples(join(outDir, 'shot_depth_00003.png'))
    expect(depth).toMatchObject({ bitDepth: 16, channels: 1, width: W, height: H })
    expect(Array.from(depth.samples)).toEqual(Array.from(frame(2).depthLevels!))
    const sidecar = JSON.parse(readFileSync(join(outDir, 'shot_depth.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(sidecar).toMatchObject({
      frames: 'shot_depth_%05d.png',
      colourFrames: 'shot_%05d.png',
      frameCount: 3,
      fps: 24,
      nearPx: 0,
      farPx: 100
    })
  })

  it('ffmpeg reads the folder as a sequence by its pattern', async () => {
    const outDir = join(freshDir(), 'shot')
    await exportImageSequence(options(outDir, { frameCount: 4 }))
    const frames = execFileSync('ffprobe', [
      '-v',
      'error',
      '-count_frames',
      '-show_entries',
      'stream=nb_read_frames,pix_fmt',
      '-of',
      'csv=p=0',
      join(outDir, 'shot_%05d.png')
    ])
      .toString()
      .trim()
    expect(frames).toBe('rgba,4')
  })

  it('refuses a folder holding an earlier sequence unless asked to replace it, then replaces it whole', async () => {
    const outDir = join(freshDir(), 'shot')
    await exportImageSequence(options(outDir, { frameCount: 5, depth: RANGE }))
    const promise = exportImageSequence(options(outDir, { overwriteHint: 'Pass --overwrite.' }))
    await expect(promise).rejects.toBeInstanceOf(OutputExistsError)
    await expect(promise).rejects.toMatchObject({
      code: 'output-exists',
      message: /holds 11 files\. Pass --overwrite\./
    })
    expect(readdirSync(outDir)).toHaveLength(11)

    await exportImageSequence(options(outDir, { replace: true }))
    // Never two exports mixed in one folder: the 5-frame sequence and its depth pass are gone.
    expect(readdirSync(outDir).sort()).toEqual(['shot_00001.png', 'shot_00002.png', 'shot_00003.png'])
    expect(readdirSync(join(outDir, '..'))).toEqual(['shot'])
  })

  it('writes into an existing empty folder without asking', async () => {
    const outDir = join(freshDir(), 'shot')
    mkdirSync(outDir)
    await exportImageSequence(options(outDir))
    expect(readdirSync(outDir)).toHaveLength(3)
  })

  it('never replaces a folder that holds anything but PNG and JSON files', async () => {
    const outDir = join(freshDir(), 'work')
    mkdirSync(outDir)
    writeFileSync(join(outDir, 'notes.txt'), 'mine')
    writeFileSync(join(outDir, 'a.png'), 'x')
    const promise = exportImageSequence(options(outDir, { replace: true }))
    await expect(promise).rejects.toBeInstanceOf(OutputNotWritableError)
    await expect(promise).rejects.toThrow(/holds notes\.txt/)
    expect(readdirSync(outDir).sort()).toEqual(['a.png', 'notes.txt'])
  })

  it('refuses a name taken by a file, a missing parent folder and a name with a separator', async () => {
    const parent = freshDir()
    writeFileSync(join(parent, 'taken'), 'x')
    await expect(exportImageSequence(options(join(parent, 'taken')))).rejects.toThrow(/a file with that name/)
    await expect(exportImageSequence(options(join(parent, 'missing', 'shot')))).rejects.toThrow(
      /does not exist/
    )
    await expect(exportImageSequence(options(join(parent, 'taken', 'shot')))).rejects.toBeInstanceOf(
      OutputNotWritableError
    )
    expect(readdirSync(parent)).toEqual(['taken'])
  })

  it('removes stale temporary folders and files of earlier exports to the same name, and only those', async () => {
    const parent = freshDir()
    const stale = join(parent, '.shot.mimesis-partial-0123456789ab')
    const staleAside = join(parent, '.shot.mimesis-partial-aaaaaaaaaaaa-replaced')
    const recent = join(parent, '.shot.mimesis-partial-ba9876543210')
    const other = join(parent, '.other.mimesis-partial-0123456789ab')
    for (const dir of [stale, staleAside, recent, other]) {
      mkdirSync(dir)
      writeFileSync(join(dir, 'shot_00001.png'), 'partial')
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000)
    for (const dir of [stale, staleAside, other]) utimesSync(dir, twoHoursAgo, twoHoursAgo)
    await exportImageSequence(options(join(parent, 'shot')))
    expect(readdirSync(parent).sort()).toEqual(
      ['.other.mimesis-partial-0123456789ab', '.shot.mimesis-partial-ba9876543210', 'shot'].sort()
    )
  })

  it('cancelled mid-way, leaves nothing under the name nor beside it, and an earlier sequence intact', async () => {
    const parent = freshDir()
    const outDir = join(parent, 'shot')
    await exportImageSequence(options(outDir, { frameCount: 2 }))
    const controller = new AbortController()
    const promise = exportImageSequence(
      options(outDir, {
        frameCount: 50,
        replace: true,
        signal: controller.signal,
        renderFrame: async (i) => {
          if (i === 10) controller.abort()
          return frame(i)
        }
      })
    )
    await expect(promise).rejects.toBeInstanceOf(ExportCancelledError)
    expect(readdirSync(parent)).toEqual(['shot'])
    expect(readdirSync(outDir).sort()).toEqual(['shot_00001.png', 'shot_00002.png'])
  })

  it('a cancel does not wait for a render that ignores its signal', async () => {
    const parent = freshDir()
    const controller = new AbortController()
    const promise = exportImageSequence(
      options(join(parent, 'shot'), {
        signal: controller.signal,
        renderFrame: (i) => {
          if (i === 0) return Promise.resolve(frame(0))
          controller.abort()
          return new Promise<SequenceFrame>(() => undefined)
        }
      })
    )
    await expect(promise).rejects.toBeInstanceOf(ExportCancelledError)
    expect(readdirSync(parent)).toEqual([])
  })

  it('a failed render is an ExportFailedError that names the frame, and leaves nothing', async () => {
    const parent = freshDir()
    const promise = exportImageSequence(
      options(join(parent, 'shot'), {
        renderFrame: async (i) => {
          if (i === 2) throw new Error('engine broke')
          return frame(i)
        }
      })
    )
    await expect(promise).rejects.toBeInstanceOf(ExportFailedError)
    await expect(promise).rejects.toThrow(/Rendering frame 2 failed: engine broke/)
    expect(readdirSync(parent)).toEqual([])
  })

  it('a frame of the wrong size or without its depth pass fails clearly', async () => {
    const parent = freshDir()
    await expect(
      exportImageSequence(
        options(join(parent, 'a'), { renderFrame: async () => ({ rgba: new Uint8Array(4) }) })
      )
    ).rejects.toThrow(/Frame 0 has 4 bytes/)
    await expect(
      exportImageSequence(
        options(join(parent, 'b'), { depth: RANGE, renderFrame: async (i) => ({ rgba: frame(i).rgba }) })
      )
    ).rejects.toThrow(/no depth pass/)
    expect(readdirSync(parent)).toEqual([])
  })
})

describe('exportImageSequence on a read-only or full disk', () => {
  const mountPoint = tinyDiskMountPoint('the PNG sequence on a read-only and a full tmpfs')

  it.skipIf(mountPoint === null)(
    'a read-only folder is an OutputNotWritableError before any frame renders',
    async () => {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', mountPoint!])
      try {
        let rendered = 0
        const promise = exportImageSequence(
          options(join(mountPoint!, 'shot'), { renderFrame: async (i) => (rendered++, frame(i)) })
        )
        await expect(promise).rejects.toBeInstanceOf(OutputNotWritableError)
        await expect(promise).rejects.toThrow(/is not writable/)
        expect(rendered).toBe(0)
      } finally {
        execFileSync('umount', [mountPoint!])
      }
    }
  )

  it.skipIf(mountPoint === null)(
    'a disk that fills mid-sequence is a DiskFullError and leaves nothing',
    async () => {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint!])
      try {
        // Noise does not compress: each 64×64 16-bit RGBA frame is about 32 KB, so the third does not fit.
        const noise = (): SequenceFrame => ({ rgba: new Uint8Array(randomBytes(64 * 64 * 4)) })
        const promise = exportImageSequence({
          width: 64,
          height: 64,
          fps: 24,
          frameCount: 20,
          bitDepth: 16,
          renderFrame: async () => noise(),
          outDir: join(mountPoint!, 'shot')
        })
        await expect(promise).rejects.toBeInstanceOf(DiskFullError)
        await expect(promise).rejects.toMatchObject({ code: 'disk-full', message: /The disk is full/ })
        expect(readdirSync(mountPoint!)).toEqual([])
      } finally {
        execFileSync('umount', [mountPoint!])
      }
    }
  )

  it('the mount point is left empty', () => {
    if (!mountPoint) return
    expect(readdirSync(mountPoint)).toEqual([])
    rmSync(mountPoint, { recursive: true, force: true })
  })
})
