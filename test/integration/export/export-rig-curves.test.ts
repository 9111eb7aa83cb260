// The rig-curve exporter on real files: CSV and JSON written and read back, the temporary file renamed into place,
// progress, cancel, a missing folder, a failed rename on a full disk (the seam), and a real full tmpfs where root.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ARKIT_BLENDSHAPES } from '../../../src/shared/export/arkit-mapping'
import { type RigCurvesJson } from '../../../src/shared/export/rig-curves-json'
import { DiskFullError } from '../../../src/main/core/export/disk-full-error'
import { ExportCancelledError } from '../../../src/main/core/export/export-cancelled-error'
import { exportRigCurves } from '../../../src/main/core/export/export-rig-curves'
import { OutputNotWritableError } from '../../../src/main/core/export/output-not-writable-error'
import type { ExportProgress } from '../../../src/main/core/export/progress-reporter'
import { seconds } from '../../../src/shared/timeline'
import { rigCurveDocument } from '../../support/rig-curve-document'
import { tinyDiskMountPoint } from './full-disk'

const roots: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-curves-'))
  roots.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true })
})

const document = rigCurveDocument()

describe('exportRigCurves', () => {
  it('writes the CSV, one row a frame, readable back, and nothing else in the folder', async () => {
    const dir = freshDir()
    const outPath = join(dir, 'take.csv')
    const progress: ExportProgress[] = []
    const result = await exportRigCurves({
      document,
      startSec: 0,
      fps: 4,
      frameCount: 4,
      format: 'arkit-csv',
      outPath,
      onProgress: (p) => progress.push(p)
    })
    const lines = readFileSync(outPath, 'utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(5)
    const header = lines[0]!.split(',')
    const rows = lines.slice(1).map((l) => l.split(','))
    expect(rows.every((r) => r.length === header.length)).toBe(true)
    const smile = header.indexOf('MouthSmileLeft')
    expect(rows.map((r) => Number(r[smile]))).toEqual([0, 0.25, 0.5, 0.75])
    expect(rows.map((r) => r[0])).toEqual([
      '00:00:00:00.000',
      '00:00:00:15.000',
      '00:00:00:30.000',
      '00:00:00:45.000'
    ])
    expect(result).toMatchObject({ outPath, frameCount: 4, bytes: readFileSync(outPath).byteLength })
    expect(progress.at(-1)).toMatchObject({ framesDone: 4, frameCount: 4, fraction: 1 })
    expect(readdirSync(dir)).toEqual(['take.csv'])
  })

  it('writes the JSON over a range, and replaces an earlier file', async () => {
    const dir = freshDir()
    const outPath = join(dir, 'take.json')
    writeFileSync(outPath, 'old')
    await exportRigCurves({
      document: { ...document, settings: { ...document.settings, durationSec: seconds(1) } },
      startSec: 0.5,
      fps: 8,
      frameCount: 4,
      format: 'arkit-json',
      outPath
    })
    const json = JSON.parse(readFileSync(outPath, 'utf8')) as RigCurvesJson
    expect(json.arkit.names).toEqual([...ARKIT_BLENDSHAPES])
    expect(json.frameCount).toBe(4)
    expect(json.startSec).toBe(0.5)
    const smile = json.directions.names.indexOf('smile')
    expect(json.directions.frames.map((f) => f[smile])).toEqual([0.5, 0.625, 0.75, 0.875])
    expect(readdirSync(dir)).toEqual(['take.json'])
  })

  it('reports progress through a long export and samples every frame', async () => {
    const progress: ExportProgress[] = []
    const outPath = join(freshDir(), 'long.csv')
    await exportRigCurves({
      document,
      startSec: 0,
      fps: 60,
      frameCount: 3600,
      format: 'arkit-csv',
      outPath,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p)
    })
    expect(readFileSync(outPath, 'utf8').trimEnd().split('\n')).toHaveLength(3601)
    expect(progress.length).toBeGreaterThan(2)
    expect(progress.map((p) => p.framesDone)).toEqual(
      [...progress.map((p) => p.framesDone)].sort((a, b) => a - b)
    )
  })

  it('cancels: an ExportCancelledError, and no file', async () => {
    const dir = freshDir()
    const controller = new AbortController()
    const promise = exportRigCurves({
      document,
      startSec: 0,
      fps: 60,
      frameCount: 3600,
      format: 'arkit-json',
      outPath: join(dir, 'c.json'),
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.framesDone > 0) controller.abort()
      }
    })
    await expect(promise).rejects.toBeInstanceOf(ExportCancelledError)
    expect(readdirSync(dir)).toEqual([])
  })

  it('refuses a folder that does not exist with OutputNotWritableError', async () => {
    const outPath = join(freshDir(), 'missing', 'c.csv')
    const promise = exportRigCurves({
      document,
      startSec: 0,
      fps: 4,
      frameCount: 4,
      format: 'arkit-csv',
      outPath
    })
    await expect(promise).rejects.toBeInstanceOf(OutputNotWritableError)
    await expect(promise).rejects.toMatchObject({ code: 'output-not-writable' })
  })

  it('a disk that fills when the file is renamed into place is a DiskFullError, and leaves nothing', async () => {
    const dir = freshDir()
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    const promise = exportRigCurves({
      document,
      startSec: 0,
      fps: 4,
      frameCount: 4,
      format: 'arkit-csv',
      outPath: join(dir, 'c.csv'),
      fs: { rename: () => Promise.reject(full) }
    })
    await expect(promise).rejects.toBeInstanceOf(DiskFullError)
    await expect(promise).rejects.toMatchObject({ code: 'disk-full', message: /The disk is full/ })
    expect(readdirSync(dir)).toEqual([])
  })

  describe('on a real full disk', () => {
    const mountPoint = tinyDiskMountPoint('the rig curves on a full tmpfs')
    it.skipIf(mountPoint === null)(
      'a CSV larger than the disk is a DiskFullError and leaves nothing',
      async () => {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint!])
        try {
          const promise = exportRigCurves({
            document,
            startSec: 0,
            fps: 60,
            frameCount: 3600,
            format: 'arkit-csv',
            outPath: join(mountPoint!, 'big.csv')
          })
          await expect(promise).rejects.toBeInstanceOf(DiskFullError)
          expect(readdirSync(mountPoint!)).toEqual([])
        } finally {
          execFileSync('umount', [mountPoint!])
          rmSync(mountPoint!, { recursive: true, force: true })
        }
      }
    )
  })
})
