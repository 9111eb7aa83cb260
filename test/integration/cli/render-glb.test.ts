// `mimesis render … --out face.glb` in its own process: a project's animated 3D face (its embedded portrait analysed,
// no head built), checked by the Khronos glTF validator and read back; a preset's with --format glb; the same face
// as an OBJ sequence (--format obj-seq, --overwrite); a refused --size.
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProjectFile } from '@shared/project'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { readPortraitSource, saveProjectAtomic } from '../../../src/main/core/project'
import { rigCurveDocument } from '../../support/rig-curve-document'
import { issueLines, readGlb, validateGlb } from '../../support/validate-glb'
import { ROOT, runCli } from './run-cli'

const ASTRONAUT = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
const MODELS = join(ROOT, 'resources/models/canonical_face_mesh.json')

describe.skipIf(!existsSync(MODELS))('mimesis render to a .glb (its own process)', () => {
  let dir: string
  let project: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-glb-'))
    project = join(dir, 'scene.mimesis')
    await saveProjectAtomic(
      project,
      createProjectFile({
        appVersion: '0.1.0',
        portrait: await readPortraitSource(ASTRONAUT, { embed: true }),
        enginePack: { id: 'mimesis-builtin', version: '1' },
        document: rigCurveDocument(),
        selectedFaceIndex: 0,
        now: new Date()
      })
    )
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes a project’s 3D face that the validator passes, as long as the project at its frame rate', async () => {
    const out = join(dir, 'face.glb')
    const run = await runCli(['render', project, '--out', out, '--json'])
    expect(run.stderr).not.toMatch(/Error/)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'mesh',
      format: 'glb',
      frames: 4,
      fps: 4,
      targets: BUILTIN_EXPRESSION_DIRECTIONS.length,
      face: 1
    })
    const report = await validateGlb(out)
    expect(issueLines(report, 0)).toEqual([])
    const gltf = await readGlb(out)
    const [primitive] = gltf.getRoot().listMeshes()[0]!.listPrimitives()
    expect(primitive!.listTargets()).toHaveLength(BUILTIN_EXPRESSION_DIRECTIONS.length)
    const [channel] = gltf.getRoot().listAnimations()[0]!.listChannels()
    expect(channel!.getSampler()!.getInput()!.getCount()).toBe(4)
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['face.glb']))
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  }, 60_000)

  it('--format glb writes a preset’s face, and says so', async () => {
    const out = join(dir, 'preset.glb')
    const run = await runCli([
      'render',
      ASTRONAUT,
      '--preset',
      'expressions',
      '--seconds',
      '2',
      '--fps',
      '10',
      '--format',
      'glb',
      '--out',
      out
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^wrote .*preset\.glb: the 3D face of the expressions preset .*20 frames at 10 fps/
    )
    expect((await validateGlb(out)).issues.numErrors).toBe(0)
  }, 60_000)

  it('--format obj-seq writes a folder of OBJ frames with the MTL and textures, and --overwrite replaces it', async () => {
    const out = join(dir, 'faces')
    const run = await runCli(['render', project, '--format', 'obj-seq', '--out', out, '--json'])
    expect(run.stderr).not.toMatch(/Error/)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'mesh', format: 'obj-seq', frames: 4, files: 8 })
    expect((await readdir(out)).sort()).toEqual([
      'faces.mtl',
      'faces_00001.obj',
      'faces_00002.obj',
      'faces_00003.obj',
      'faces_00004.obj',
      'faces_eyes.png',
      'faces_face.png',
      'faces_teeth.png'
    ])
    const again = await runCli(['render', project, '--format', 'obj-seq', '--out', out])
    expect(again.code).toBe(73)
    expect(again.stderr).toMatch(/already holds 8 files\. Pass --overwrite/)
    const replaced = await runCli(['render', project, '--format', 'obj-seq', '--out', out, '--overwrite'])
    expect(replaced.code).toBe(0)
    expect(replaced.stdout).toMatch(/^wrote .*faces\/: the 3D face of .* as 4 OBJ frames \(8 files/)
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([])
  }, 60_000)

  it('refuses --size: the .glb holds no pictures', async () => {
    const run = await runCli(['render', project, '--out', join(dir, 'x.glb'), '--size', '512'])
    expect(run.code).toBe(64)
    expect(run.stderr).toMatch(/--size cannot be used with the 3D face/)
  })
})
