import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as flatbuffers from 'flatbuffers'
import { describe, expect, it } from 'vitest'
import {
  halfToFloat,
  ModelTable,
  readTfliteModel,
  tensorFloat32,
  type TfliteModel
} from '../../../build/tflite'
import { parsePackedAssetsLoader, readFaceMeshAsset } from '../../../build/models/mediapipe-assets'

const faceMeshDir = join(process.cwd(), 'node_modules', '@mediapipe', 'face_mesh')
const selfiePath = join(
  process.cwd(),
  'node_modules',
  '@mediapipe',
  'selfie_segmentation',
  'selfie_segmentation.tflite'
)

function opCounts(m: TfliteModel): Record<string, number> {
  const c: Record<string, number> = {}
  for (const op of m.subgraphs[0]?.operators ?? []) {
    const k = op.customCode ?? op.opName
    c[k] = (c[k] ?? 0) + 1
  }
  return c
}

function io(m: TfliteModel): { inputs: [string, number[]][]; outputs: [string, number[]][] } {
  const sg = m.subgraphs[0]
  if (!sg) throw new Error('no subgraph')
  const spec = (i: number): [string, number[]] => [sg.tensors[i]?.name ?? '', sg.tensors[i]?.shape ?? []]
  return { inputs: sg.inputs.map(spec), outputs: sg.outputs.map(spec) }
}

describe('packed assets loader metadata', () => {
  it('parses loadPackage({...}) without hard-coded offsets', () => {
    const src = `var x = 1; loadPackage({"files": [{"filename": "/a/b/model.tflite", "start": 0, "end": 10, "audio": 0}, {"filename": "/c.binarypb", "start": 10, "end": 25, "audio": 0}], "remote_package_size": 25, "package_uuid": "u{}"});})();`
    expect(parsePackedAssetsLoader(src)).toEqual([
      { filename: '/a/b/model.tflite', start: 0, end: 10 },
      { filename: '/c.binarypb', start: 10, end: 25 }
    ])
    expect(() => parsePackedAssetsLoader('nothing here')).toThrow(/loadPackage/)
  })

  it('finds the four assets of the pinned face_mesh package', () => {
    const files = parsePackedAssetsLoader(
      readFileSync(join(faceMeshDir, 'face_mesh_solution_packed_assets_loader.js'), 'utf8')
    )
    const names = files.map((f) => f.filename.split('/').pop())
    expect(names).toEqual(
      expect.arrayContaining([
        'face_detection_short_range.tflite',
        'face_landmark.tflite',
        'geometry_pipeline_metadata_landmarks.binarypb'
      ])
    )
  })
})

describe('TFLite flatbuffer reader', () => {
  it('reads the face detector', () => {
    const bytes = readFaceMeshAsset(faceMeshDir, 'face_detection_short_range.tflite')
    const table = ModelTable.fromBytes(bytes)
    expect(table.version()).toBe(3)
    expect(table.subgraphsLength()).toBe(1)
    const m = readTfliteModel(bytes)
    expect(io(m)).toEqual({
      inputs: [['input', [1, 128, 128, 3]]],
      outputs: [
        ['regressors', [1, 896, 16]],
        ['classificators', [1, 896, 1]]
      ]
    })
    expect(opCounts(m)).toEqual({
      DEQUANTIZE: 74,
      CONV_2D: 21,
      RELU: 17,
      DEPTHWISE_CONV_2D: 16,
      ADD: 16,
      PAD: 11,
      MAX_POOL_2D: 3,
      RESHAPE: 4,
      CONCATENATION: 2
    })
    const sg = m.subgraphs[0]
    const first = sg?.operators.find((o) => o.opName === 'CONV_2D')
    expect(first?.options).toEqual({
      kind: 'conv2d',
      padding: 'SAME',
      strideW: 2,
      strideH: 2,
      dilationW: 1,
      dilationH: 1,
      activation: 'NONE'
    })
    const reshape = sg?.operators.find((o) => o.opName === 'RESHAPE')
    expect(reshape?.options).toEqual({ kind: 'reshape', newShape: [1, -1, 1] })
    // Weights are stored as fp16 behind DEQUANTIZE.
    const deq = sg?.operators.find((o) => o.opName === 'DEQUANTIZE')
    const w = sg?.tensors[deq?.inputs[0] ?? -1]
    expect(w?.type).toBe('FLOAT16')
    const values = w ? tensorFloat32(w) : new Float32Array(0)
    expect(values.length).toBe((w?.shape ?? []).reduce((a, b) => a * b, 1))
    expect(values.every((v) => Number.isFinite(v))).toBe(true)
  })

  it('reads the face landmark model (PRELU with [1,1,C] alpha)', () => {
    const m = readTfliteModel(readFaceMeshAsset(faceMeshDir, 'face_landmark.tflite'))
    expect(io(m)).toEqual({
      inputs: [['input_1', [1, 192, 192, 3]]],
      outputs: [
        ['conv2d_21', [1, 1, 1, 1404]],
        ['conv2d_31', [1, 1, 1, 1]]
      ]
    })
    const counts = opCounts(m)
    expect(counts.PRELU).toBe(23)
    expect(counts.CONV_2D).toBe(25)
    const sg = m.subgraphs[0]
    const prelu = sg?.operators.find((o) => o.opName === 'PRELU')
    expect(sg?.tensors[prelu?.inputs[1] ?? -1]?.shape).toEqual([1, 1, 16])
  })

  it('reads the selfie segmenter with HARD_SWISH and the custom transpose convolution', () => {
    const m = readTfliteModel(new Uint8Array(readFileSync(selfiePath)))
    expect(io(m)).toEqual({
      inputs: [['input_1', [1, 256, 256, 3]]],
      outputs: [['activation_10', [1, 256, 256, 1]]]
    })
    const counts = opCounts(m)
    expect(counts.HARD_SWISH).toBe(11)
    expect(counts.RESIZE_BILINEAR).toBe(3)
    expect(counts.Convolution2DTransposeBias).toBe(1)
    const sg = m.subgraphs[0]
    const resize = sg?.operators.find((o) => o.opName === 'RESIZE_BILINEAR')
    expect(resize?.options).toEqual({ kind: 'resizeBilinear', alignCorners: false, halfPixelCenters: true })
    const custom = sg?.operators.find((o) => o.opName === 'CUSTOM')
    expect(Array.from(custom?.customOptions ?? [])).toEqual([1, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0])
  })

  it('reads a flatbuffer written with the flatbuffers Builder using schema field ids', () => {
    const b = new flatbuffers.Builder(256)
    // Tensor { shape:[int] (0), type:byte (1), buffer:uint (2), name:string (3) }
    const tname = b.createString('x')
    b.startVector(4, 2, 4)
    b.addInt32(5)
    b.addInt32(1)
    const shapeVec = b.endVector()
    b.startObject(4)
    b.addFieldOffset(0, shapeVec, 0)
    b.addFieldInt8(1, 1, 0)
    b.addFieldInt32(2, 0, 0)
    b.addFieldOffset(3, tname, 0)
    const tensor = b.endObject()
    const tensors = vectorOfOffsets(b, [tensor])
    b.startVector(4, 1, 4)
    b.addInt32(0)
    const inputs = b.endVector()
    // SubGraph { tensors (0), inputs (1), outputs (2), operators (3), name (4) }
    const sgName = b.createString('main')
    b.startObject(5)
    b.addFieldOffset(0, tensors, 0)
    b.addFieldOffset(1, inputs, 0)
    b.addFieldOffset(2, inputs, 0)
    b.addFieldOffset(4, sgName, 0)
    const subgraph = b.endObject()
    const subgraphs = vectorOfOffsets(b, [subgraph])
    // Buffer { data (0) } — buffer 0 is the empty sentinel.
    b.startObject(1)
    const buf0 = b.endObject()
    const buffers = vectorOfOffsets(b, [buf0])
    const desc = b.createString('built in test')
    // Model { version (0), operator_codes (1), subgraphs (2), description (3), buffers (4) }
    b.startObject(5)
    b.addFieldInt32(0, 3, 0)
    b.addFieldOffset(2, subgraphs, 0)
    b.addFieldOffset(3, desc, 0)
    b.addFieldOffset(4, buffers, 0)
    const model = b.endObject()
    b.finish(model, 'TFL3')
    const m = readTfliteModel(b.asUint8Array())
    expect(m.version).toBe(3)
    expect(m.description).toBe('built in test')
    expect(m.subgraphs[0]?.name).toBe('main')
    expect(m.subgraphs[0]?.tensors[0]).toMatchObject({
      name: 'x',
      shape: [1, 5],
      type: 'FLOAT16',
      data: null
    })
    expect(m.subgraphs[0]?.inputs).toEqual([0])
  })

  it('rejects files that are not TFLite', () => {
    expect(() => readTfliteModel(new Uint8Array(64))).toThrow(/TFL3/)
  })
})

function vectorOfOffsets(b: flatbuffers.Builder, offsets: number[]): number {
  b.startVector(4, offsets.length, 4)
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i] as number)
  return b.endVector()
}

describe('fp16 decoding', () => {
  it('is exact for normals, subnormals, zero, infinities', () => {
    expect(halfToFloat(0x3c00)).toBe(1)
    expect(halfToFloat(0xc000)).toBe(-2)
    expect(halfToFloat(0x3555)).toBeCloseTo(0.333251953125, 12)
    expect(halfToFloat(0x0001)).toBe(2 ** -24)
    expect(halfToFloat(0x7bff)).toBe(65504)
    expect(halfToFloat(0x0000)).toBe(0)
    expect(halfToFloat(0x7c00)).toBe(Infinity)
    expect(Number.isNaN(halfToFloat(0x7e00))).toBe(true)
  })
})
