// The animated 3D face as an OBJ sequence (issue 17, for tools without morph targets): the fixture portrait's face
// mesh deformed and turned frame by frame, one OBJ a frame with a shared MTL and PNG textures, written into a hidden
// folder and renamed into place when complete; and the sequence exporter's guarantees (cancel, an earlier sequence
// replaced only when asked, someone else's folder never).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createDocument,
  seconds,
  setKey,
  trackIdFor,
  type AnimationDocument
} from '../../../src/shared/timeline'
import { createEngine, type Engine } from '../../../src/main/core/engine/engine'
import { ExportCancelledError } from '../../../src/main/core/export/export-cancelled-error'
import { type FaceModelSource } from '../../../src/main/core/export/export-face-glb'
import { exportFaceObjSequence } from '../../../src/main/core/export/export-face-obj-sequence'
import { OutputExistsError } from '../../../src/main/core/export/output-exists-error'
import { OutputNotWritableError } from '../../../src/main/core/export/output-not-writable-error'
import { analysedFaceFromFile } from '../../../src/main/core/render/avatar-from-file'

const ROOT = resolve(__dirname, '../../..')
const MODELS = join(ROOT, 'resources/models/canonical_face_mesh.json')
/** The face mesh's 468 vertices, the two eye sheets' 12 × 8 each and the mouth's 96 (cavity and teeth). */
const VERTICES = 468 + 2 * 96 + 96

const roots: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-obj-'))
  roots.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true })
})

/** One OBJ's lines by their first word. */
function readObj(path: string): { v: number[][]; vt: number; vn: number; f: number; text: string } {
  const text = readFileSync(path, 'utf8')
  const lines = text.split('\n')
  const rows = (kind: string) => lines.filter((l) => l.startsWith(`${kind} `))
  return {
    v: rows('v').map((l) => l.split(' ').slice(1).map(Number)),
    vt: rows('vt').length,
    vn: rows('vn').length,
    f: rows('f').length,
    text
  }
}

describe.skipIf(!existsSync(MODELS))('exportFaceObjSequence', () => {
  let engine: Engine
  let source: FaceModelSource
  let document: AnimationDocument

  beforeAll(async () => {
    engine = await createEngine({ threads: 2 })
    const analysed = await analysedFaceFromFile(join(ROOT, 'test/fixtures/astronaut.png'), {
      resourcesDir: join(ROOT, 'resources'),
      maxSide: 512
    })
    source = { ...analysed, engine }
    // 2.5 s at 24 fps: the smile 0 → 1 over the first second, then the camera yaw 0 → −20° (the head turns 20°
    // toward the subject's left) over the next.
    let doc = createDocument({
      expressionNames: engine.directionNames,
      settings: { fps: 24, durationSec: seconds(2.5) }
    })
    doc = setKey(doc, trackIdFor('expression', 'smile'), seconds(0), 0).document
    doc = setKey(doc, trackIdFor('expression', 'smile'), seconds(1), 1).document
    doc = setKey(doc, trackIdFor('camera', 'yaw'), seconds(1), 0).document
    doc = setKey(doc, trackIdFor('camera', 'yaw'), seconds(2), -20).document
    document = doc
  }, 120_000)

  it('writes one OBJ a frame, the MTL and the textures into a folder renamed into place when complete', async () => {
    const parent = freshDir()
    const outDir = join(parent, 'face')
    const seen: string[][] = []
    const result = await exportFaceObjSequence({
      source,
      document,
      startSec: 0,
      fps: 24,
      frameCount: 60,
      outDir,
      progressIntervalMs: 0,
      // While it writes, only a hidden temporary folder stands beside the final name.
      onProgress: (p) => {
        if (p.framesDone > 0 && p.framesDone < 60) seen.push(readdirSync(parent))
      }
    })
    expect(seen.length).toBeGreaterThan(0)
    for (const names of seen) {
      expect(names).toHaveLength(1)
      expect(names[0]).toMatch(/^\.face\.mimesis-partial-/)
    }
    expect(readdirSync(parent)).toEqual(['face'])
    const files = readdirSync(outDir).sort()
    expect(files).toHaveLength(64)
    expect(result).toMatchObject({ outDir, frameCount: 60, files: 64, vertices: VERTICES })
    expect(files.slice(0, 2)).toEqual(['face.mtl', 'face_00001.obj'])
    expect(files.slice(-4)).toEqual(['face_00060.obj', 'face_eyes.png', 'face_face.png', 'face_teeth.png'])
    expect(readFileSync(join(outDir, 'face.mtl'), 'utf8')).toContain('map_Kd face_face.png')

    const first = readObj(join(outDir, 'face_00001.obj'))
    expect(first.text).toContain('mtllib face.mtl')
    expect(first.v).toHaveLength(VERTICES)
    expect(first.vt).toBe(VERTICES)
    expect(first.vn).toBe(VERTICES)
    // Every triangle of the skin and the eye sheets, as in the .glb.
    expect(first.f).toBeGreaterThan(1000)
    for (const name of files.filter((f) => f.endsWith('.obj'))) {
      expect(readObj(join(outDir, name)).v, name).toHaveLength(VERTICES)
    }

    // At rest (frame 1) the face sits as in the photo: its vertices project onto the portrait's landmarks.
    const { pose, landmarks } = source.face
    let worst = 0
    for (let v = 0; v < 468; v++) {
      const [x, y] = first.v[v]!
      const u = x! * 100 * pose.scale + pose.translation[0]
      const w = -(y! * 100 * pose.scale + pose.translation[1])
      worst = Math.max(worst, Math.hypot(u - landmarks[3 * v]!, w - landmarks[3 * v + 1]!))
    }
    expect(worst).toBeLessThan(0.05)

    // The smile (frame 25, at 1 s) moves the mouth corners by millimetres, and leaves the forehead where it was (to a
    // fifth of a millimetre: the cheek raise it carries, squint's fitted field, reaches it at about 0.1 mm).
    const smiling = readObj(join(outDir, 'face_00025.obj'))
    const moved = (a: number[][], b: number[][], v: number) =>
      Math.hypot(...a[v]!.map((c, i) => c - b[v]![i]!))
    expect(Math.max(moved(smiling.v, first.v, 61), moved(smiling.v, first.v, 291))).toBeGreaterThan(0.002)
    expect(moved(smiling.v, first.v, 10)).toBeLessThan(2e-4)
    // By 2 s the head has turned 20° toward the subject's left (+x): the nose tip (vertex 1) with it.
    const turned = readObj(join(outDir, 'face_00049.obj'))
    expect(turned.v[1]![0]! - smiling.v[1]![0]!).toBeGreaterThan(0.01)
  }, 120_000)

  it('cancels: an ExportCancelledError, and nothing left in the folder', async () => {
    const parent = freshDir()
    const controller = new AbortController()
    const promise = exportFaceObjSequence({
      source,
      document,
      startSec: 0,
      fps: 24,
      frameCount: 600,
      outDir: join(parent, 'face'),
      progressIntervalMs: 0,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.framesDone >= 3) controller.abort()
      }
    })
    await expect(promise).rejects.toBeInstanceOf(ExportCancelledError)
    expect(readdirSync(parent)).toEqual([])
  }, 60_000)

  it('replaces an earlier OBJ sequence only when asked, and never a folder holding other work', async () => {
    const parent = freshDir()
    const outDir = join(parent, 'face')
    const run = (replace: boolean) =>
      exportFaceObjSequence({ source, document, startSec: 0, fps: 24, frameCount: 2, outDir, replace })
    await run(false)
    await expect(run(false)).rejects.toBeInstanceOf(OutputExistsError)
    await expect(run(true)).resolves.toMatchObject({ files: 6 })
    expect(readdirSync(outDir)).toHaveLength(6)
    expect(readdirSync(parent)).toEqual(['face'])

    const other = join(parent, 'notes')
    mkdirSync(other)
    writeFileSync(join(other, 'notes.txt'), 'mine')
    const refused = exportFaceObjSequence({
      source,
      document,
      startSec: 0,
      fps: 24,
      frameCount: 2,
      outDir: other,
      replace: true
    })
    await expect(refused).rejects.toBeInstanceOf(OutputNotWritableError)
    expect(readdirSync(other)).toEqual(['notes.txt'])
  }, 60_000)
})
