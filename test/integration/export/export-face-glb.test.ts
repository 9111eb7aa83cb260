// The animated 3D face (.glb) of the fixture portrait, written and checked by the Khronos glTF validator (zero
// errors), then read back: one morph target per direction with the engine's displacement, an animation as long as
// the project with the weights and head rotation the document evaluates to, the photo as texture. Then the exporter's
// guarantees: cancel, a missing folder, a full disk at the rename (nothing left under the final name).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { headQuaternion } from '../../../src/shared/export/face-animation'
import { evaluate, seconds } from '../../../src/shared/timeline'
import { createEngine, personalGains, type Engine } from '../../../src/main/core/engine/engine'
import { DiskFullError } from '../../../src/main/core/export/disk-full-error'
import { ExportCancelledError } from '../../../src/main/core/export/export-cancelled-error'
import { exportFaceGlb, type FaceModelSource } from '../../../src/main/core/export/export-face-glb'
import { faceTextureBox } from '../../../src/main/core/export/face-mesh'
import { OutputNotWritableError } from '../../../src/main/core/export/output-not-writable-error'
import type { ExportProgress } from '../../../src/main/core/export/progress-reporter'
import { analysedFaceFromFile } from '../../../src/main/core/render/avatar-from-file'
import { exportFrameCount, exportRange } from '../../../src/main/core/render/export-document'
import { rigCurveDocument } from '../../support/rig-curve-document'
import { issueLines, readGlb, validateGlb } from '../../support/validate-glb'

const ROOT = resolve(__dirname, '../../..')
const MODELS = join(ROOT, 'resources/models/canonical_face_mesh.json')

const roots: string[] = []
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-glb-'))
  roots.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true })
})

/** rigCurveDocument (smile 0 → 1, lipsPress −1 → 0, blinkL 0.5, yaw 0 → −20°) stretched to 2.5 s at 24 fps. */
function takeDocument() {
  const base = rigCurveDocument()
  return { ...base, settings: { ...base.settings, fps: 24, durationSec: seconds(2.5) } }
}

describe.skipIf(!existsSync(MODELS))('exportFaceGlb', () => {
  let engine: Engine
  let source: FaceModelSource

  beforeAll(async () => {
    engine = await createEngine({ threads: 2 })
    const analysed = await analysedFaceFromFile(join(ROOT, 'test/fixtures/astronaut.png'), {
      resourcesDir: join(ROOT, 'resources'),
      maxSide: 512
    })
    source = { ...analysed, engine }
  }, 120_000)

  it('writes a .glb the Khronos validator passes, one morph target per direction, as long as the project', async () => {
    const document = takeDocument()
    const range = exportRange(document, 'all')
    const frameCount = exportFrameCount(range, document.settings.fps)
    const dir = freshDir()
    const outPath = join(dir, 'face.glb')
    const progress: ExportProgress[] = []
    const result = await exportFaceGlb({
      source,
      document,
      startSec: range.start,
      fps: document.settings.fps,
      frameCount,
      outPath,
      onProgress: (p) => progress.push(p)
    })
    expect(frameCount).toBe(60)
    expect(result).toMatchObject({ outPath, frameCount, targets: engine.directionNames.length })
    expect(readdirSync(dir)).toEqual(['face.glb'])
    expect(progress.at(-1)).toMatchObject({ framesDone: frameCount, fraction: 1 })

    const report = await validateGlb(outPath)
    expect(issueLines(report, 0)).toEqual([])
    expect(report.issues.numErrors).toBe(0)
    expect(issueLines(report, 1)).toEqual([])
    // Printed for the record: the infos and hints (a texture of non-power-of-two size is one).
    console.log('glTF validator:', JSON.stringify(report.issues.messages))

    const gltf = await readGlb(outPath)
    const [mesh] = gltf.getRoot().listMeshes()
    const [primitive] = mesh!.listPrimitives()
    expect(primitive!.listTargets().map((t) => t.getName())).toEqual([...engine.directionNames])
    // The face mesh's 468 vertices, then the two eye sheets (12 × 8 each), drawn by a second primitive that shares
    // the vertices and the targets, then the mouth's cavity (10 × 6) and teeth strips (2 × 9 × 2), drawn by a third
    // and a fourth; the skin leaves the eye and mouth openings to them.
    expect(primitive!.getAttribute('POSITION')!.getCount()).toBe(468 + 2 * 96 + 60 + 36)
    expect(mesh!.listPrimitives().map((p) => p.getMaterial()!.getName())).toEqual([
      'face',
      'eyes',
      'mouth',
      'teeth'
    ])
    expect(primitive!.getMaterial()!.getBaseColorTexture()!.getMimeType()).toBe('image/jpeg')
    const [, eyes] = mesh!.listPrimitives()
    expect(eyes!.getMaterial()!.getName()).toBe('eyes')
    expect(eyes!.getAttribute('POSITION')).toBe(primitive!.getAttribute('POSITION'))
    expect(eyes!.listTargets()).toHaveLength(engine.directionNames.length)
    expect(primitive!.getIndices()!.getCount()).toBeLessThan(engine.basis.triangles.length)

    const [animation] = gltf.getRoot().listAnimations()
    const channels = animation!.listChannels()
    expect(channels.map((c) => c.getTargetPath()).sort()).toEqual(['rotation', 'weights'])
    const input = channels[0]!.getSampler()!.getInput()!
    expect(input.getCount()).toBe(frameCount)
    // Frame i plays at i / fps: the last frame starts 1 / fps before the project's end.
    expect(input.getMax([0])[0]).toBeCloseTo(document.settings.durationSec - 1 / document.settings.fps, 5)
  }, 60_000)

  it('animates the weights and the head as the document evaluates, with the engine displacement', async () => {
    const document = takeDocument()
    const fps = document.settings.fps
    const outPath = join(freshDir(), 'face.glb')
    await exportFaceGlb({ source, document, startSec: 0, fps, frameCount: 60, outPath })
    const gltf = await readGlb(outPath)
    const [animation] = gltf.getRoot().listAnimations()
    const channel = (path: string) => animation!.listChannels().find((c) => c.getTargetPath() === path)!
    const weights = channel('weights').getSampler()!.getOutput()!.getArray() as Float32Array
    const rotations = channel('rotation').getSampler()!.getOutput()!.getArray() as Float32Array
    const k = engine.directionNames.length
    const smile = engine.directionNames.indexOf('smile')
    const blinkL = engine.directionNames.indexOf('blinkL')
    const lipsPress = engine.directionNames.indexOf('lipsPress')
    for (const frame of [0, 12, 23, 59]) {
      const params = evaluate(document, seconds(frame / fps))
      expect(weights[frame * k + smile]).toBeCloseTo(Math.min(1, params.expression.smile!), 5)
      expect(weights[frame * k + lipsPress]).toBeCloseTo(Math.min(0, params.expression.lipsPress!), 5)
      expect(weights[frame * k + blinkL]).toBeCloseTo(0.5, 5)
      const q = headQuaternion(params.camera)
      const got = Array.from(rotations.subarray(4 * frame, 4 * frame + 4))
      const sign = Math.sign(got[3]! * q[3] + got[1]! * q[1]) || 1
      got.forEach((v, i) => expect(v).toBeCloseTo(sign * q[i]!, 5))
    }
    // From 1 s on the yaw holds at −20°: the head has turned 20° (toward the subject's left, +20° about y).
    const last = rotations.subarray(4 * 59, 4 * 60)
    const angle = 2 * Math.atan2(Math.hypot(last[0]!, last[1]!, last[2]!), Math.abs(last[3]!))
    expect((angle * 180) / Math.PI).toBeCloseTo(20, 4)

    const [primitive] = gltf.getRoot().listMeshes()[0]!.listPrimitives()
    const target = primitive!.listTargets()[smile]!.getAttribute('POSITION')!.getArray() as Float32Array
    const gain = personalGains(engine, source.face)[smile]!
    const field = engine.basis.fields[smile]!
    target.subarray(0, 468 * 3).forEach((v, i) => expect(v).toBeCloseTo(field[i]! * gain * 0.01, 6))
    // The smile leaves the eyes where they are.
    expect(Math.max(...target.subarray(468 * 3, (468 + 2 * 96) * 3).map(Math.abs))).toBe(0)
    let largest = 0
    for (let v = 0; v < 468; v++)
      largest = Math.max(largest, Math.hypot(...target.subarray(3 * v, 3 * v + 3)))
    // A real smile moves the mouth corners by most of a centimetre (the engine's cap is 1.3 cm).
    expect(largest).toBeGreaterThan(0.004)
  }, 60_000)

  it('gives the gaze its real displacement on the eye sheets, and a blink sinks its eye', async () => {
    const outPath = join(freshDir(), 'face.glb')
    await exportFaceGlb({ source, document: takeDocument(), startSec: 0, fps: 24, frameCount: 2, outPath })
    const gltf = await readGlb(outPath)
    const targets = gltf.getRoot().listMeshes()[0]!.listPrimitives()[0]!.listTargets()
    const target = (name: string): Float32Array =>
      targets[engine.directionNames.indexOf(name)]!.getAttribute('POSITION')!.getArray() as Float32Array
    const [along] = engine.basis.eyeball[engine.directionNames.indexOf('gazeHorizontal')]!
    expect(along).toBeGreaterThan(0)
    const gaze = target('gazeHorizontal')
    expect(Math.max(...gaze.subarray(0, 468 * 3).map(Math.abs))).toBe(0)
    const moves = Array.from({ length: 2 * 96 }, (_, k) => gaze.subarray(3 * (468 + k), 3 * (468 + k) + 3))
    // Pinned at each sheet's border (under the lids), the eyeball's travel toward the subject's left (+x) inside.
    expect(Math.max(...moves.map((d) => Math.hypot(...d)))).toBeLessThanOrEqual(along * 0.01 + 1e-9)
    expect(Math.max(...moves.map((d) => Math.hypot(...d)))).toBeGreaterThan(0.8 * along * 0.01)
    expect(Math.hypot(...moves[0]!)).toBe(0)
    expect(moves.every((d) => d[0]! >= 0)).toBe(true)
    const blinkL = target('blinkL')
    // The subject's left eye is the second sheet: it sinks 0.8 cm behind the closing lid; the right one stays.
    expect(blinkL[3 * (468 + 96) + 2]).toBeCloseTo(-0.008, 6)
    expect(blinkL[3 * 468 + 2]).toBe(0)
  })

  it('opens the mouth onto a dark cavity and teeth: the lower teeth move with the chin, the upper ones stay', async () => {
    const outPath = join(freshDir(), 'face.glb')
    await exportFaceGlb({ source, document: takeDocument(), startSec: 0, fps: 24, frameCount: 2, outPath })
    const gltf = await readGlb(outPath)
    const [skin, , cavity, teeth] = gltf.getRoot().listMeshes()[0]!.listPrimitives()
    const position = skin!.getAttribute('POSITION')!.getArray() as Float32Array
    const mouthStart = 468 + 2 * 96
    // No skin triangle spans the mouth opening (the inner lips' ring) any more.
    const ring = new Set([
      78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95
    ])
    const skinIndices = skin!.getIndices()!.getArray()!
    for (let t = 0; t < skinIndices.length; t += 3) {
      expect([0, 1, 2].every((k) => ring.has(skinIndices[t + k]!))).toBe(false)
    }
    expect(cavity!.getMaterial()!.getBaseColorTexture()).toBeNull()
    expect(cavity!.getMaterial()!.getBaseColorFactor()[0]).toBeLessThan(0.1)
    expect(teeth!.getMaterial()!.getBaseColorTexture()!.getMimeType()).toBe('image/jpeg')
    // At rest the cavity lies behind the inner lips (the upper lip's middle, landmark 13).
    const cavityIndices = Array.from(cavity!.getIndices()!.getArray()! as Uint16Array)
    expect(Math.min(...cavityIndices)).toBe(mouthStart)
    expect(Math.max(...cavityIndices.map((v) => position[3 * v + 2]!))).toBeLessThan(
      position[3 * 13 + 2]! - 0.005
    )
    // jawOpen: the lower teeth (the last 18 vertices) move with the chin, ~1.7 cm down; the upper 18 stay.
    const jaw = skin!.listTargets()[engine.directionNames.indexOf('jawOpen')]!.getAttribute('POSITION')!
    const offset = jaw.getArray() as Float32Array
    const count = position.length / 3
    const down = (v: number) => offset[3 * v + 1]!
    for (let v = count - 18; v < count; v++) expect(down(v)).toBeLessThan(-0.01)
    for (let v = count - 36; v < count - 18; v++) expect(down(v)).toBe(0)
    expect(down(count - 1)).toBeCloseTo((down(152) + down(175) + down(199) + down(200)) / 4, 6)
  })

  it('at rest the face sits as in the photo: its vertices project onto the portrait landmarks', async () => {
    const outPath = join(freshDir(), 'face.glb')
    await exportFaceGlb({ source, document: takeDocument(), startSec: 0, fps: 24, frameCount: 2, outPath })
    const gltf = await readGlb(outPath)
    const node = gltf
      .getRoot()
      .listNodes()
      .find((n) => n.getMesh() !== null)!
    const m = node.getWorldMatrix() // column-major 4 × 4, the head's animated rotation at rest (identity)
    const position = node.getMesh()!.listPrimitives()[0]!.getAttribute('POSITION')!.getArray()!
    const { pose, landmarks } = source.face
    const s = pose.scale
    const [tx, ty] = pose.translation
    let worst = 0
    for (let v = 0; v < 468; v++) {
      const [x, y, z] = [position[3 * v]!, position[3 * v + 1]!, position[3 * v + 2]!]
      const wx = m[0] * x + m[4] * y + m[8] * z + m[12]
      const wy = m[1] * x + m[5] * y + m[9] * z + m[13]
      // World metres → the pose's camera frame (px, y up) → image px (y down).
      const u = wx * 100 * s + tx
      const w = -(wy * 100 * s + ty)
      worst = Math.max(worst, Math.hypot(u - landmarks[3 * v]!, w - landmarks[3 * v + 1]!))
    }
    // The mesh is the landmarks mapped through the inverse pose, so the pose maps it back (to float precision).
    expect(worst).toBeLessThan(0.05)
    // The eye sheets too project onto where their texture reads the portrait.
    const uv = node.getMesh()!.listPrimitives()[1]!.getAttribute('TEXCOORD_0')!.getArray()!
    const box = faceTextureBox(landmarks, source.picture.width, source.picture.height)
    let worstEye = 0
    for (let v = 468; v < 468 + 2 * 96; v++) {
      const [x, y, z] = [position[3 * v]!, position[3 * v + 1]!, position[3 * v + 2]!]
      const u = (m[0] * x + m[4] * y + m[8] * z + m[12]) * 100 * s + tx
      const w = -((m[1] * x + m[5] * y + m[9] * z + m[13]) * 100 * s + ty)
      const [px, py] = [box.x + uv[2 * v]! * box.width, box.y + uv[2 * v + 1]! * box.height]
      worstEye = Math.max(worstEye, Math.hypot(u - px, w - py))
    }
    expect(worstEye).toBeLessThan(0.05)
  })

  it('cancels: an ExportCancelledError, and no file', async () => {
    const dir = freshDir()
    const controller = new AbortController()
    const promise = exportFaceGlb({
      source,
      document: takeDocument(),
      startSec: 0,
      fps: 60,
      frameCount: 3600,
      outPath: join(dir, 'c.glb'),
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
    const promise = exportFaceGlb({
      source,
      document: takeDocument(),
      startSec: 0,
      fps: 24,
      frameCount: 4,
      outPath: join(freshDir(), 'missing', 'c.glb')
    })
    await expect(promise).rejects.toBeInstanceOf(OutputNotWritableError)
    await expect(promise).rejects.toMatchObject({ code: 'output-not-writable' })
  })

  it('a disk that fills when the file is renamed into place is a DiskFullError, and leaves nothing', async () => {
    const dir = freshDir()
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    const promise = exportFaceGlb({
      source,
      document: takeDocument(),
      startSec: 0,
      fps: 24,
      frameCount: 4,
      outPath: join(dir, 'c.glb'),
      fs: { rename: () => Promise.reject(full) }
    })
    await expect(promise).rejects.toBeInstanceOf(DiskFullError)
    await expect(promise).rejects.toMatchObject({ code: 'disk-full' })
    expect(readdirSync(dir)).toEqual([])
  })
})
