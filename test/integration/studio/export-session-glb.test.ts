// The studio's animated 3D face through the export session: the save dialog's name gets .glb, the file is granted,
// written and validated; as an OBJ sequence the dialog names a folder, granted as a folder, replaced only when the
// user agreed; the face is analysed once at the texture's size (no second avatar), and a changed portrait analyses
// again.
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDocument, packDocument, seconds, setKey, type AnimationDocument } from '@shared/timeline'
import type { JobProgress } from '@shared/ipc/contract'
import { exportRequestSchema } from '@shared/ipc/contract'
import { createFileLogger } from '../../../src/main/core/app/logger'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { FileGrants } from '../../../src/main/core/ipc/file-grants'
import type { DialogPort, EventSink } from '../../../src/main/core/ipc/ports'
import { createAvatarSession } from '../../../src/main/core/studio/avatar-session'
import { createExportSession } from '../../../src/main/core/studio/export-session'
import { issueLines, readGlb, validateGlb } from '../../support/validate-glb'

const resourcesDir = resolveResourcesDir()
const fixture = resolve(__dirname, '../../fixtures/astronaut.png')
const ready = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

describe.skipIf(!ready)('studio export of the 3D face', () => {
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
  let avatars: ReturnType<typeof createAvatarSession>
  let document: AnimationDocument

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-export-glb-'))
    avatars = createAvatarSession({ resourcesDir, threads: 2 })
    const info = await avatars.build(fixture, 0)
    const base = createDocument({
      expressionNames: info.directions.map((d) => d.name),
      settings: { fps: 24, durationSec: seconds(2), width: 512, height: 512 }
    })
    const smile = base.tracks.find((t) => t.name === 'smile')!
    document = setKey(setKey(base, smile.id, seconds(0), 0).document, smile.id, seconds(1), 1).document
  }, 60_000)

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('saves a .glb through the dialog-granted file, with progress; the validator passes it', async () => {
    const exports = createExportSession({
      avatars,
      grants,
      dialogs,
      events,
      logger: createFileLogger(join(dir, 'logs'))
    })
    dialogAnswers.push(join(dir, 'face'))
    const file = await exports.chooseFile('scene.mimesis', 'glb')
    expect(file?.name).toBe('face.glb')
    expect(dialogTitles.at(-1)).toBe('Export the 3D face')
    progress.length = 0
    const request = exportRequestSchema.parse({
      outputToken: file!.token,
      document: packDocument(document),
      width: 512,
      height: 512,
      fps: 24,
      range: 'all',
      format: 'glb'
    })
    const result = await exports.start(request)
    expect(result).toMatchObject({ frameCount: 48, file: { name: 'face.glb' } })
    expect(progress.at(-1)).toMatchObject({ kind: 'export', fraction: 1 })
    const out = join(dir, 'face.glb')
    expect(issueLines(await validateGlb(out), 0)).toEqual([])
    const gltf = await readGlb(out)
    expect(gltf.getRoot().listMeshes()[0]!.listPrimitives()[0]!.listTargets()).toHaveLength(
      document.tracks.filter((t) => t.kind === 'expression').length
    )
    expect((await readdir(dir)).filter((f) => f.endsWith('.glb'))).toEqual(['face.glb'])
  }, 60_000)

  it('saves an OBJ sequence into a dialog-named folder, and replaces it only when the user agreed', async () => {
    const exports = createExportSession({
      avatars,
      grants,
      dialogs,
      events,
      logger: createFileLogger(join(dir, 'logs'))
    })
    dialogAnswers.push(join(dir, 'faces.obj'))
    const folder = await exports.chooseFile('scene.mimesis', 'obj-seq')
    expect(folder?.name).toBe('faces')
    expect(dialogTitles.at(-1)).toBe('Export the 3D face as OBJ: name its folder')
    const request = exportRequestSchema.parse({
      outputToken: folder!.token,
      document: packDocument(document),
      width: 512,
      height: 512,
      fps: 12,
      range: 'all',
      format: 'obj-seq'
    })
    const result = await exports.start(request)
    expect(result).toMatchObject({ frameCount: 24, files: 28, file: { name: 'faces' } })
    const files = await readdir(join(dir, 'faces'))
    expect(files.filter((f) => f.endsWith('.obj'))).toHaveLength(24)
    expect(files).toEqual(
      expect.arrayContaining(['faces.mtl', 'faces_face.png', 'faces_eyes.png', 'faces_teeth.png'])
    )
    await expect(exports.start(request)).rejects.toMatchObject({ code: 'output-exists' })
    await expect(exports.start({ ...request, replaceExisting: true })).resolves.toMatchObject({ files: 28 })
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([])
  }, 60_000)

  it('analyses the face once per portrait, at the texture size', async () => {
    const first = await avatars.faceModelForExport()
    expect(await avatars.faceModelForExport()).toBe(first)
    // The fixture is 512 px: decoding never enlarges, so the texture comes from the picture at its own size.
    expect(Math.max(first.picture.width, first.picture.height)).toBe(512)
    await avatars.build(fixture, 0)
    expect(await avatars.faceModelForExport()).not.toBe(first)
  }, 60_000)
})
