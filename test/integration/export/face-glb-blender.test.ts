// The animated 3D face (.glb) opens in Blender (issue 17): the fixture portrait's export is imported by Blender's own
// glTF importer (io_scene_gltf2, headless, `test/tools/blender-import-glb.py`), which reports what arrived: one face
// mesh with a shape key per direction, the animation over the project's frames with the head turning, the photo as
// a packed texture. Then one frame is rendered with Cycles on the CPU, smiling and at rest, to
// test-results/screens/ for a person to look at; the smile changes the mouth. A frame of the OBJ sequence imports
// through Blender's OBJ importer with its materials and textures. Blender is not part of CI: without
// `blender` on PATH the suite is skipped, and says so. (Debian's blender 3.4.1 also needs python3-numpy; the script
// gives that importer back the `np.bool` that NumPy 1.24 removed.)
import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seconds, type AnimationDocument } from '../../../src/shared/timeline'
import { createEngine, type Engine } from '../../../src/main/core/engine/engine'
import { exportFaceGlb, type FaceModelSource } from '../../../src/main/core/export/export-face-glb'
import { exportFaceObjSequence } from '../../../src/main/core/export/export-face-obj-sequence'
import { analysedFaceFromFile } from '../../../src/main/core/render/avatar-from-file'
import { rigCurveDocument } from '../../support/rig-curve-document'

const ROOT = resolve(__dirname, '../../..')
const MODELS = join(ROOT, 'resources/models/canonical_face_mesh.json')
const SCRIPT = join(ROOT, 'test/tools/blender-import-glb.py')
const SCREENS = join(ROOT, 'test-results/screens')
const MARKER = 'MIMESIS_GLB_SUMMARY '

/** The `blender` executable on PATH, or null. */
function blenderOnPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, process.platform === 'win32' ? 'blender.exe' : 'blender')
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this folder
    }
  }
  return null
}

interface BlenderSummary {
  blender: string
  fps: number
  objects: string[]
  meshes: {
    name: string
    vertices: number
    uvLayers: number
    materials: string[]
    images: string[]
    shapeKeys: string[]
  }[]
  actions: {
    name: string
    frameStart: number
    frameEnd: number
    keys: number
    paths: string[]
    varying: string[]
  }[]
  images: { name: string; size: [number, number]; packed: boolean }[]
  headRotationAnimated: boolean
}

/** Runs the import script on `glb` with `args`; returns its summary (and fails with Blender's output if it failed). */
function blenderImport(blender: string, glb: string, args: readonly string[]): BlenderSummary {
  const run = spawnSync(
    blender,
    ['-b', '--factory-startup', '--python-exit-code', '1', '--python', SCRIPT, '--', glb, ...args],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }
  )
  const output = `${run.stdout}\n${run.stderr}`
  expect(run.status, output.slice(-4000)).toBe(0)
  const line = run.stdout.split('\n').find((l) => l.startsWith(MARKER))
  expect(line, output.slice(-4000)).toBeDefined()
  return JSON.parse(line!.slice(MARKER.length)) as BlenderSummary
}

const BLENDER = blenderOnPath()
const ready = BLENDER !== null && existsSync(MODELS)
const title = ready
  ? 'the exported .glb in Blender'
  : `the exported .glb in Blender (skipped: ${BLENDER ? 'the face models are not built' : '`blender` is not on PATH'})`

describe.skipIf(!ready)(title, () => {
  let engine: Engine
  let source: FaceModelSource
  let dir: string
  let glb: string
  let document: AnimationDocument
  const fps = 24
  const frameCount = 60

  beforeAll(async () => {
    engine = await createEngine({ threads: 2 })
    const analysed = await analysedFaceFromFile(join(ROOT, 'test/fixtures/astronaut.png'), {
      resourcesDir: join(ROOT, 'resources'),
      maxSide: 512
    })
    source = { ...analysed, engine }
    dir = mkdtempSync(join(tmpdir(), 'mimesis-blender-'))
    glb = join(dir, 'face.glb')
    // rigCurveDocument: smile 0 → 1 over the first second, blinkL 0.5, lipsPress −1 → 0, yaw 0 → −20°; 2.5 s.
    const base = rigCurveDocument()
    document = { ...base, settings: { ...base.settings, fps, durationSec: seconds(frameCount / fps) } }
    await exportFaceGlb({ source, document, startSec: 0, fps, frameCount, outPath: glb })
  }, 120_000)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('imports one face mesh, a shape key per direction, the animation over the project and the photo', () => {
    const summary = blenderImport(BLENDER!, glb, ['--fps', String(fps)])
    console.log(`Blender ${summary.blender} imported:`, JSON.stringify(summary))
    expect(summary.fps).toBe(fps)
    expect(summary.meshes).toHaveLength(1)
    const [face] = summary.meshes
    expect(face!.name).toBe('face')
    // The importer keeps the morph targets' names: Basis, then one shape key per direction in the pack's order.
    expect(face!.shapeKeys).toEqual(['Basis', ...engine.directionNames])
    // The skin, the eye sheets and the mouth share their vertices (468 + 2 × 96 + 96); Blender merges the four
    // primitives into one mesh with four materials.
    expect(face!.vertices).toBe(468 + 2 * 96 + 96)
    expect(face!.uvLayers).toBe(1)
    expect(face!.materials).toEqual(['face', 'eyes', 'mouth', 'teeth'])
    expect(face!.images).toEqual(['eyes', 'face', 'teeth'])
    const textures = summary.images.filter((i) => face!.images.includes(i.name))
    expect(textures).toHaveLength(3)
    for (const texture of textures) {
      expect(texture.packed).toBe(true)
      expect(Math.min(...texture.size)).toBeGreaterThan(64)
    }
    // One action per animated target: the weights and the head, each keyed on every frame 0 … 59 at the project's fps.
    expect(summary.actions.map((a) => a.name).sort()).toEqual(['performance_face', 'performance_head'])
    for (const action of summary.actions) {
      expect(action).toMatchObject({ frameStart: 0, frameEnd: frameCount - 1, keys: frameCount })
    }
    const weights = summary.actions.find((a) => a.name === 'performance_face')!
    expect(weights.paths).toHaveLength(engine.directionNames.length)
    // The document moves the smile and lipsPress; blinkL holds at 0.5. The smile carries squint (the cheek raise) on
    // its positive side, as the renderer shows it.
    expect(weights.varying).toEqual([
      'key_blocks["lipsPress"].value[0]',
      'key_blocks["smile"].value[0]',
      'key_blocks["squint"].value[0]'
    ])
    expect(summary.headRotationAnimated).toBe(true)
    // The yaw turns about glTF's y, which the importer makes Blender's z: w and z of the quaternion vary.
    const head = summary.actions.find((a) => a.name === 'performance_head')!
    expect(head.varying).toEqual(['rotation_quaternion[0]', 'rotation_quaternion[3]'])
  }, 120_000)

  it('imports a frame of the OBJ sequence with its four materials and three textures, and renders it', async () => {
    const outDir = join(dir, 'objs')
    await exportFaceObjSequence({ source, document, startSec: 0, fps, frameCount: 2, outDir })
    const png = join(SCREENS, 'blender-obj-frame.png')
    const summary = blenderImport(BLENDER!, join(outDir, 'objs_00001.obj'), [
      '--size',
      '256',
      '--render',
      png
    ])
    console.log(`Blender ${summary.blender} imported the OBJ:`, JSON.stringify(summary.meshes))
    expect(summary.meshes).toHaveLength(1)
    expect(summary.meshes[0]).toMatchObject({
      vertices: 468 + 2 * 96 + 96,
      uvLayers: 1,
      materials: ['face', 'eyes', 'mouth', 'teeth'],
      images: ['objs_eyes.png', 'objs_face.png', 'objs_teeth.png']
    })
    const { data } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const centre = (128 * 256 + 128) * 3
    expect(data[centre]! + data[centre + 1]! + data[centre + 2]!).toBeGreaterThan(3 * 120)
  }, 120_000)

  it('renders the textured face headless with Cycles on the CPU; the smile shape key moves the mouth', async () => {
    mkdirSync(SCREENS, { recursive: true })
    const smilePng = join(SCREENS, 'blender-glb-smile.png')
    const restPng = join(SCREENS, 'blender-glb-rest.png')
    const render = ['--fps', String(fps), '--engine', 'CYCLES', '--size', '256']
    blenderImport(BLENDER!, glb, [...render, '--render', smilePng, '--shape', 'smile=1'])
    blenderImport(BLENDER!, glb, [...render, '--render', restPng])
    const read = async (path: string) =>
      (await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true })).data
    const [smile, rest] = [await read(smilePng), await read(restPng)]
    expect(smile.length).toBe(256 * 256 * 3)
    // The face fills the middle of the frame (its skin is lighter than the dark grey world behind it).
    const centre = (128 * 256 + 128) * 3
    expect(smile[centre]! + smile[centre + 1]! + smile[centre + 2]!).toBeGreaterThan(3 * 120)
    // The smile changes the lower half (the mouth) far more than the upper half (eyes and brows).
    let [upper, lower] = [0, 0]
    for (let i = 0; i < smile.length; i += 3) {
      const moved = Math.abs(smile[i]! - rest[i]!) + Math.abs(smile[i + 1]! - rest[i + 1]!) > 40
      if (moved && i / 3 < 128 * 256) upper++
      else if (moved) lower++
    }
    expect(lower).toBeGreaterThan(200)
    expect(lower).toBeGreaterThan(3 * upper)
  }, 120_000)
})
