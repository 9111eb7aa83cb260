import { readFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildFaceModels, type BuildFaceModelsResult } from '../../../build/models/face-models'
import { readFaceMeshAsset } from '../../../build/models/mediapipe-assets'
import { readTfliteModel } from '../../../build/tflite'
import { runReference } from '../../unit/tflite/reference-interpreter'
import { bestDetection, imageTensor, sigmoid, type Detection } from './helpers'

const IMAGE = join(process.cwd(), 'test', 'fixtures', 'astronaut.png')
const IMAGE_SIZE = 512
const faceMeshDir = join(process.cwd(), 'node_modules', '@mediapipe', 'face_mesh')
const sessionOptions: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 2,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all'
}

let built: BuildFaceModelsResult
const sessions: Record<string, ort.InferenceSession> = {}
const timings: Record<string, number> = {}

async function session(id: string): Promise<ort.InferenceSession> {
  const existing = sessions[id]
  if (existing) return existing
  const entry = built.manifest.models.find((m) => m.id === id)
  if (!entry) throw new Error(`no ${id} in manifest`)
  const s = await ort.InferenceSession.create(join(built.outDir, entry.file), sessionOptions)
  sessions[id] = s
  return s
}

/** Median wall time of `n` runs, in ms. */
async function timeRuns(n: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await f()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(n / 2)] as number
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(b.length).toBe(a.length)
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)))
  return m
}

beforeAll(() => {
  built = buildFaceModels()
})

afterAll(() => {
  const line = Object.entries(timings)
    .map(([k, v]) => `${k} ${v.toFixed(1)} ms`)
    .join(', ')
  if (line) console.log(`median CPU inference (2 threads): ${line}`)
})

describe('face model build', () => {
  it('writes a manifest that describes every model with the TFLite boundary names', () => {
    const m = built.manifest
    const byId = Object.fromEntries(m.models.map((e) => [e.id, e]))
    expect(byId.face_detection_short_range?.inputs).toEqual([
      { name: 'input', dtype: 'float32', shape: [1, 128, 128, 3], range: [-1, 1] }
    ])
    expect(byId.face_detection_short_range?.outputs).toEqual([
      { name: 'regressors', dtype: 'float32', shape: [1, 896, 16] },
      { name: 'classificators', dtype: 'float32', shape: [1, 896, 1] }
    ])
    expect(byId.face_landmark?.inputs[0]).toMatchObject({
      name: 'input_1',
      shape: [1, 192, 192, 3],
      range: [0, 1]
    })
    expect(byId.face_landmark?.outputs).toEqual([
      { name: 'conv2d_21', dtype: 'float32', shape: [1, 1, 1, 1404] },
      { name: 'conv2d_31', dtype: 'float32', shape: [1, 1, 1, 1] }
    ])
    expect(byId.selfie_segmentation?.outputs).toEqual([
      { name: 'activation_10', dtype: 'float32', shape: [1, 256, 256, 1] }
    ])
    expect(byId.palm_detection_full?.inputs[0]).toMatchObject({ shape: [1, 192, 192, 3], range: [0, 1] })
    expect(byId.palm_detection_full?.outputs.map((o) => o.shape)).toEqual([
      [1, 2016, 18],
      [1, 2016, 1]
    ])
    expect(byId.hand_landmark_full?.inputs[0]).toMatchObject({ shape: [1, 224, 224, 3], range: [0, 1] })
    expect(byId.hand_landmark_full?.outputs.map((o) => [o.name, o.shape])).toEqual([
      ['Identity', [1, 63]],
      ['Identity_1', [1, 1]],
      ['Identity_2', [1, 1]],
      ['Identity_3', [1, 63]]
    ])
    for (const e of m.models) {
      expect(e.license).toBe('Apache-2.0')
      expect(e.source.version).toMatch(/^\d+\.\d+\.\d+$/)
      expect(e.sha256).toMatch(/^[0-9a-f]{64}$/)
    }
    expect(m.data.map((d) => d.file)).toEqual(['canonical_face_mesh.json'])
  })

  it('is reproducible and skips work when up to date', () => {
    const again = buildFaceModels()
    expect(again.rebuilt).toBe(false)
    const dir = mkdtempSync(join(tmpdir(), 'face-models-'))
    try {
      const fresh = buildFaceModels({ outDir: dir, force: true })
      expect(fresh.rebuilt).toBe(true)
      expect(fresh.manifest).toEqual(built.manifest)
      expect(readFileSync(join(dir, 'models.json'), 'utf8')).toBe(readFileSync(built.manifestPath, 'utf8'))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('decodes the canonical face mesh', () => {
    const mesh = JSON.parse(readFileSync(join(built.outDir, 'canonical_face_mesh.json'), 'utf8')) as {
      vertices: number[]
      uvs: number[]
      triangles: number[]
      procrustesWeights: { index: number; weight: number }[]
      source: { package: string; version: string; sha256: string }
    }
    expect(mesh.vertices.length).toBe(468 * 3)
    expect(mesh.uvs.length).toBe(468 * 2)
    expect(mesh.triangles.length).toBe(898 * 3)
    expect(Math.max(...mesh.triangles)).toBe(467)
    expect(mesh.uvs.every((u) => u >= 0 && u <= 1)).toBe(true)
    expect(mesh.procrustesWeights.length).toBeGreaterThan(0)
    expect(mesh.procrustesWeights.every((w) => w.index >= 0 && w.index < 468 && w.weight > 0)).toBe(true)
    expect(mesh.source.package).toBe('@mediapipe/face_mesh')
    // Nose tip (landmark 1) is in front of the eyes (33, 263) in the canonical model (+z towards the viewer).
    const z = (i: number): number => mesh.vertices[3 * i + 2] as number
    expect(z(1)).toBeGreaterThan(z(33))
    expect(z(1)).toBeGreaterThan(z(263))
  })
})

describe('converted models on the astronaut photo', () => {
  let detection: Detection
  let detectorInput: Float32Array

  it('detector finds the face with a high score where it is', async () => {
    const s = await session('face_detection_short_range')
    detectorInput = await imageTensor(IMAGE, 128, (v) => v / 127.5 - 1)
    const feeds = { input: new ort.Tensor('float32', detectorInput, [1, 128, 128, 3]) }
    const r = await s.run(feeds)
    expect(r.regressors?.dims).toEqual([1, 896, 16])
    expect(r.classificators?.dims).toEqual([1, 896, 1])
    detection = bestDetection(r.regressors?.data as Float32Array, r.classificators?.data as Float32Array)
    expect(detection.score).toBeGreaterThan(0.9)
    // The face of the astronaut: centre around (225, 125) px in the 512 px image, about 95 px wide.
    expect(detection.cx * IMAGE_SIZE).toBeGreaterThan(200)
    expect(detection.cx * IMAGE_SIZE).toBeLessThan(250)
    expect(detection.cy * IMAGE_SIZE).toBeGreaterThan(100)
    expect(detection.cy * IMAGE_SIZE).toBeLessThan(150)
    expect(detection.w * IMAGE_SIZE).toBeGreaterThan(60)
    expect(detection.w * IMAGE_SIZE).toBeLessThan(140)
    const [rightEye, leftEye] = detection.keypoints
    expect((rightEye?.x ?? 1) < (leftEye?.x ?? 0)).toBe(true)
    timings.detector = await timeRuns(15, () => s.run(feeds))
  })

  it('detector output equals the TFLite reference interpreter', async () => {
    const s = await session('face_detection_short_range')
    const r = await s.run({ input: new ort.Tensor('float32', detectorInput, [1, 128, 128, 3]) })
    const tfl = readTfliteModel(readFaceMeshAsset(faceMeshDir, 'face_detection_short_range.tflite'))
    const ref = runReference(tfl, { input: detectorInput })
    expect(maxAbsDiff(ref.regressors as Float32Array, r.regressors?.data as Float32Array)).toBeLessThan(2e-3)
    expect(
      maxAbsDiff(ref.classificators as Float32Array, r.classificators?.data as Float32Array)
    ).toBeLessThan(2e-3)
  })

  it('landmark model sees a face in the crop and places landmarks sensibly, equal to the reference', async () => {
    const s = await session('face_landmark')
    const size = Math.round(Math.max(detection.w, detection.h) * IMAGE_SIZE * 1.5)
    const region = {
      left: Math.round(detection.cx * IMAGE_SIZE - size / 2),
      top: Math.round(detection.cy * IMAGE_SIZE - size / 2),
      width: size,
      height: size
    }
    const input = await imageTensor(IMAGE, 192, (v) => v / 255, region)
    const feeds = { input_1: new ort.Tensor('float32', input, [1, 192, 192, 3]) }
    const r = await s.run(feeds)
    const lm = r.conv2d_21?.data as Float32Array
    expect(r.conv2d_21?.dims).toEqual([1, 1, 1, 1404])
    expect(sigmoid((r.conv2d_31?.data as Float32Array)[0] as number)).toBeGreaterThan(0.9)
    const pt = (i: number): [number, number] => [lm[3 * i] as number, lm[3 * i + 1] as number]
    // All landmarks inside the crop, eyes above the nose tip above the chin, right eye (33) left of left eye (263).
    for (let i = 0; i < 468; i++) {
      const [x, y] = pt(i)
      expect(x).toBeGreaterThan(0)
      expect(x).toBeLessThan(192)
      expect(y).toBeGreaterThan(0)
      expect(y).toBeLessThan(192)
    }
    expect(pt(33)[0]).toBeLessThan(pt(263)[0])
    expect(pt(33)[1]).toBeLessThan(pt(1)[1])
    expect(pt(1)[1]).toBeLessThan(pt(152)[1])
    const tfl = readTfliteModel(readFaceMeshAsset(faceMeshDir, 'face_landmark.tflite'))
    const ref = runReference(tfl, { input_1: input })
    // 1e-3 px in 192-px crop space.
    expect(maxAbsDiff(ref.conv2d_21 as Float32Array, lm)).toBeLessThan(1e-3)
    timings.landmark = await timeRuns(15, () => s.run(feeds))
  })

  it('attention landmark model: refined lips, eyes and irises, equal to the reference', async () => {
    const s = await session('face_landmark_with_attention')
    const entry = built.manifest.models.find((m) => m.id === 'face_landmark_with_attention')
    const refinement = entry?.landmarkRefinement
    expect(refinement?.lips.length).toBe(80)
    expect(refinement?.leftEye.length).toBe(71)
    expect(refinement?.rightEye.length).toBe(71)
    const size = Math.round(Math.max(detection.w, detection.h) * IMAGE_SIZE * 1.5)
    const region = {
      left: Math.round(detection.cx * IMAGE_SIZE - size / 2),
      top: Math.round(detection.cy * IMAGE_SIZE - size / 2),
      width: size,
      height: size
    }
    const input = await imageTensor(IMAGE, 192, (v) => v / 255, region)
    const feeds = { input_1: new ort.Tensor('float32', input, [1, 192, 192, 3]) }
    const r = await s.run(feeds)
    expect(sigmoid((r.conv_faceflag?.data as Float32Array)[0] as number)).toBeGreaterThan(0.9)
    const mesh = r.output_mesh_identity?.data as Float32Array
    // Each refined point lies near the mesh point it replaces (a wrong mapping would be tens of px off).
    for (const [name, indices] of [
      ['output_lips', refinement?.lips ?? []],
      ['output_left_eye', refinement?.leftEye ?? []],
      ['output_right_eye', refinement?.rightEye ?? []]
    ] as const) {
      const pts = r[name]?.data as Float32Array
      indices.forEach((m, k) => {
        const d = Math.hypot(
          (pts[2 * k] as number) - (mesh[3 * m] as number),
          (pts[2 * k + 1] as number) - (mesh[3 * m + 1] as number)
        )
        expect(d, `${name}[${k}]`).toBeLessThan(6)
      })
    }
    // Iris centre (first point) is the middle of the other four and sits inside its eye contour's box.
    for (const [iris, eye] of [
      ['output_left_iris', 'output_left_eye'],
      ['output_right_iris', 'output_right_eye']
    ] as const) {
      const p = r[iris]?.data as Float32Array
      const e = r[eye]?.data as Float32Array
      const mx = ((p[2] as number) + (p[4] as number) + (p[6] as number) + (p[8] as number)) / 4
      expect(Math.abs(mx - (p[0] as number))).toBeLessThan(1.5)
      const ex = Array.from(e)
        .filter((_, i) => i % 2 === 0)
        .slice(0, 16)
      const ey = Array.from(e)
        .filter((_, i) => i % 2 === 1)
        .slice(0, 16)
      expect(p[0]).toBeGreaterThan(Math.min(...ex))
      expect(p[0]).toBeLessThan(Math.max(...ex))
      expect(p[1]).toBeGreaterThan(Math.min(...ey) - 3)
      expect(p[1]).toBeLessThan(Math.max(...ey) + 3)
    }
    const tfl = readTfliteModel(readFaceMeshAsset(faceMeshDir, 'face_landmark_with_attention.tflite'))
    const ref = runReference(tfl, { input_1: input })
    for (const name of Object.keys(ref)) {
      expect(maxAbsDiff(ref[name] as Float32Array, r[name]?.data as Float32Array), name).toBeLessThan(1e-3)
    }
    timings.landmarkWithAttention = await timeRuns(9, () => s.run(feeds))
  })

  it('selfie segmentation separates the person from the background', async () => {
    const s = await session('selfie_segmentation')
    const input = await imageTensor(IMAGE, 256, (v) => v / 255)
    const feeds = { input_1: new ort.Tensor('float32', input, [1, 256, 256, 3]) }
    const r = await s.run(feeds)
    expect(r.activation_10?.dims).toEqual([1, 256, 256, 1])
    const mask = r.activation_10?.data as Float32Array
    const at = (x: number, y: number): number => mask[Math.round(y) * 256 + Math.round(x)] as number
    expect(at(112, 60)).toBeGreaterThan(0.5) // face
    expect(at(100, 200)).toBeGreaterThan(0.5) // suit
    expect(at(250, 10)).toBeLessThan(0.5) // top-right background
    expect(at(150, 5)).toBeLessThan(0.5) // background above the head
    const tfl = readTfliteModel(
      new Uint8Array(
        readFileSync(
          join(process.cwd(), 'node_modules/@mediapipe/selfie_segmentation/selfie_segmentation.tflite')
        )
      )
    )
    const ref = runReference(tfl, { input_1: input })
    expect(maxAbsDiff(ref.activation_10 as Float32Array, mask)).toBeLessThan(1e-3)
    timings.selfie = await timeRuns(5, () => s.run(feeds))
  })

  it('detector + landmark run fast on 2 CPU threads', () => {
    const total = (timings.detector ?? Infinity) + (timings.landmark ?? Infinity)
    // Target is well under 30 ms; the bound leaves room for a loaded, shared CI machine.
    expect(total).toBeLessThan(150)
  })
})
