// Import curves… in the core: the open dialog's file (a CSV written by the rig-curve exporter, then a malformed one)
// read back as a performance that bakes, in one edit, the exported curves within the reduction bound.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CURVES_TOLERANCE } from '@shared/export/import-rig-curves'
import { applyPerformance } from '@shared/performance'
import { evaluate, seconds } from '@shared/timeline'
import { exportRigCurves } from '../../../src/main/core/export/export-rig-curves'
import { FileGrants } from '../../../src/main/core/ipc/file-grants'
import type { DialogPort } from '../../../src/main/core/ipc/ports'
import { createPerformanceFiles } from '../../../src/main/core/studio/performance-files'
import { rigCurveDocument } from '../../support/rig-curve-document'

describe('Import curves… through the open dialog', () => {
  let dir: string
  const answers: (string | null)[] = []
  const titles: string[] = []
  const dialogs: DialogPort = {
    openFile: async (options) => {
      titles.push(options.title ?? '')
      return answers.shift() ?? null
    },
    saveFile: async () => null
  }
  const files = () => createPerformanceFiles({ grants: new FileGrants(), dialogs })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-curve-import-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads an exported CSV back as a performance that bakes the same curves', async () => {
    // At the export's frame rate: a bake snaps keys to the document's frames.
    const base = rigCurveDocument()
    const document = { ...base, settings: { ...base.settings, fps: 24 } }
    const path = join(dir, 'take.csv')
    await exportRigCurves({
      document,
      startSec: 0,
      fps: 24,
      frameCount: 24,
      format: 'arkit-csv',
      outPath: path
    })
    answers.push(path)
    const opened = await files().importCurves()
    expect(titles.at(-1)).toBe('Import curves')
    expect(opened?.file.name).toBe('take.csv')
    const blank = { ...document, tracks: document.tracks.map((t) => ({ ...t, keys: [] })) }
    const baked = applyPerformance(blank, opened!.performance, { at: seconds(0) }).document
    for (let i = 0; i < 24; i++) {
      const [a, b] = [evaluate(document, seconds(i / 24)), evaluate(baked, seconds(i / 24))]
      for (const name of ['smile', 'lipsPress', 'blinkL']) {
        expect(Math.abs(a.expression[name]! - b.expression[name]!)).toBeLessThanOrEqual(0.0102)
      }
      expect(Math.abs(a.camera.yaw - b.camera.yaw)).toBeLessThanOrEqual(CURVES_TOLERANCE.camera + 1e-3)
    }
  })

  it('a cancelled dialog is null; a malformed file is refused with the row and column', async () => {
    answers.push(null)
    expect(await files().importCurves()).toBeNull()
    const bad = join(dir, 'bad.csv')
    await writeFile(bad, 'Timecode,BlendShapeCount,JawOpen\n00:00:00:00.000,61,0.5\n00:00:00:02.000,61,x\n')
    answers.push(bad)
    await expect(files().importCurves()).rejects.toMatchObject({
      code: 'curves-invalid',
      message: expect.stringMatching(/row 2 \(line 3\), column 3 "JawOpen": "x" is not a number/)
    })
  })
})
