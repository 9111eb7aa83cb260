// The studio's rig-curve export through the export session: the save dialog's name gets .csv / .json, the file is
// granted, written and read back; no avatar is built; progress, cancel and a missing folder as for a video.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobProgress } from '@shared/ipc/contract'
import { exportRequestSchema } from '@shared/ipc/contract'
import { type RigCurvesJson } from '@shared/export/rig-curves-json'
import { packDocument, seconds } from '@shared/timeline'
import { createFileLogger } from '../../../src/main/core/app/logger'
import { FileGrants } from '../../../src/main/core/ipc/file-grants'
import type { DialogPort, EventSink } from '../../../src/main/core/ipc/ports'
import { createExportSession } from '../../../src/main/core/studio/export-session'
import { rigCurveDocument } from '../../support/rig-curve-document'

describe('studio export of rig curves', () => {
  let dir: string
  const dialogAnswers: (string | null)[] = []
  const dialogTitles: string[] = []
  const progress: JobProgress[] = []
  const grants = new FileGrants()
  const dialogs: DialogPort = {
    openFile: async () => dialogAnswers.shift() ?? null,
    saveFile: async (options) => {
      dialogTitles.push(options.title ?? '')
      return dialogAnswers.shift() ?? null
    }
  }
  const events: EventSink = {
    emit(method, payload) {
      if (method === 'onJobProgress') progress.push(payload as JobProgress)
    }
  }
  const avatars = {
    avatarForExport: () => Promise.reject(new Error('rig curves must not build an avatar')),
    faceModelForExport: () => Promise.reject(new Error('rig curves need no face'))
  }
  const document = rigCurveDocument()

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-export-curves-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const session = () =>
    createExportSession({ avatars, grants, dialogs, events, logger: createFileLogger(join(dir, 'logs')) })

  it('saves a CSV through the dialog-granted file, with progress, and no avatar', async () => {
    dialogAnswers.push(join(dir, 'take'))
    const exports = session()
    const file = await exports.chooseFile('scene.mp4', 'arkit-csv')
    expect(file?.name).toBe('take.csv')
    expect(dialogTitles.at(-1)).toBe('Export rig curves')
    progress.length = 0
    const request = exportRequestSchema.parse({
      outputToken: file!.token,
      document: packDocument(document),
      width: 512,
      height: 512,
      fps: 4,
      range: 'all',
      format: 'arkit-csv'
    })
    const result = await exports.start(request)
    expect(result.frameCount).toBe(4)
    expect(result.file.name).toBe('take.csv')
    const lines = (await readFile(join(dir, 'take.csv'), 'utf8')).trimEnd().split('\n')
    expect(lines).toHaveLength(5)
    expect(lines[0]!.startsWith('Timecode,BlendShapeCount,EyeBlinkLeft,')).toBe(true)
    expect(progress.at(-1)).toMatchObject({ kind: 'export', fraction: 1 })
  })

  it('saves the JSON of the work area', async () => {
    dialogAnswers.push(join(dir, 'take.json'))
    const exports = session()
    const file = await exports.chooseFile('scene', 'arkit-json')
    expect(file?.name).toBe('take.json')
    await exports.start({
      outputToken: file!.token,
      document: {
        ...document,
        settings: { ...document.settings, workArea: { in: seconds(0.5), out: seconds(1) } }
      },
      width: 512,
      height: 512,
      fps: 8,
      range: 'work-area',
      format: 'arkit-json'
    })
    const json = JSON.parse(await readFile(join(dir, 'take.json'), 'utf8')) as RigCurvesJson
    expect(json.startSec).toBe(0.5)
    expect(json.frameCount).toBe(4)
  })

  it('refuses a folder that does not exist when it is chosen', async () => {
    dialogAnswers.push(join(dir, 'missing', 'x.csv'))
    await expect(session().chooseFile('scene', 'arkit-csv')).rejects.toThrow(/does not exist/)
    expect(await readdir(dir)).not.toContain('missing')
  })
})
