import { encode } from 'flatbuffers/js/flexbuffers'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { convertTfliteToOnnx, tflitePadding, type TfliteModel } from '../../../build/tflite'
import { runReference } from './reference-interpreter'
import { SyntheticModel } from './synthetic-model'

async function runOnnx(
  model: TfliteModel,
  feeds: Record<string, Float32Array>
): Promise<Record<string, Float32Array>> {
  const res = convertTfliteToOnnx(model, { graphName: 'test' })
  const session = await ort.InferenceSession.create(res.bytes, { intraOpNumThreads: 1 })
  const inputs: Record<string, ort.Tensor> = {}
  for (const spec of res.inputs)
    inputs[spec.name] = new ort.Tensor('float32', feeds[spec.name] as Float32Array, spec.shape)
  const out = await session.run(inputs)
  const result: Record<string, Float32Array> = {}
  for (const spec of res.outputs) {
    const t = out[spec.name] as ort.Tensor
    expect(t.dims).toEqual(spec.shape)
    result[spec.name] = t.data as Float32Array
  }
  return result
}

/** Convert, run in onnxruntime, compare every output with the reference interpreter. */
async function expectMatchesReference(m: SyntheticModel, tol = 1e-5): Promise<Record<string, Float32Array>> {
  const model = m.model()
  const sg = model.subgraphs[0]
  const feeds: Record<string, Float32Array> = {}
  for (const i of sg?.inputs ?? []) {
    const t = sg?.tensors[i]
    if (t) feeds[t.name] = m.random(t.shape.reduce((a, b) => a * b, 1)).map((v) => v * 3)
  }
  const ref = runReference(model, feeds)
  const got = await runOnnx(model, feeds)
  for (const name of Object.keys(ref)) {
    const a = ref[name] as Float32Array
    const b = got[name] as Float32Array
    expect(b.length).toBe(a.length)
    let maxDiff = 0
    for (let i = 0; i < a.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs((a[i] as number) - (b[i] as number)))
    expect(maxDiff, `${name} max abs diff`).toBeLessThan(tol)
  }
  return got
}

const conv = (padding: 'SAME' | 'VALID', stride: number, activation: 'NONE' | 'RELU' | 'RELU6' = 'NONE') =>
  ({
    kind: 'conv2d',
    padding,
    strideW: stride,
    strideH: stride,
    dilationW: 1,
    dilationH: 1,
    activation
  }) as const

describe('TFLite padding rule', () => {
  it('puts the odd SAME pixel after (bottom/right)', () => {
    expect(tflitePadding('SAME', 4, 3, 2)).toEqual({ out: 2, before: 0, after: 1 })
    expect(tflitePadding('SAME', 128, 5, 2)).toEqual({ out: 64, before: 1, after: 2 })
    expect(tflitePadding('SAME', 7, 3, 2)).toEqual({ out: 4, before: 1, after: 1 })
    expect(tflitePadding('SAME', 5, 3, 1)).toEqual({ out: 5, before: 1, after: 1 })
    expect(tflitePadding('VALID', 96, 2, 2)).toEqual({ out: 48, before: 0, after: 0 })
  })

  it('CONV_2D SAME stride 2 on an even size matches a hand computation', async () => {
    const m = new SyntheticModel()
    const x = m.input('x', [1, 4, 4, 1])
    const w = m.constF32('w', [1, 3, 3, 1], new Array<number>(9).fill(1))
    const y = m.act('y', [1, 2, 2, 1])
    m.op('CONV_2D', [x, w, -1], [y], conv('SAME', 2))
    m.output(y)
    const input = Float32Array.from({ length: 16 }, (_, i) => i)
    const out = (await runOnnx(m.model(), { x: input })).y as Float32Array
    // pad before = 0, after = 1: window rows/cols {0,1,2} and {2,3}.
    const sum = (rows: number[], cols: number[]): number =>
      rows.reduce((s, r) => s + cols.reduce((t, c) => t + r * 4 + c, 0), 0)
    expect(Array.from(out)).toEqual([
      sum([0, 1, 2], [0, 1, 2]),
      sum([0, 1, 2], [2, 3]),
      sum([2, 3], [0, 1, 2]),
      sum([2, 3], [2, 3])
    ])
  })
})

describe('TFLite -> ONNX operators match the reference interpreter', () => {
  it.each([
    [8, 3, 2, 'SAME'],
    [7, 3, 2, 'SAME'],
    [9, 5, 2, 'SAME'],
    [6, 3, 1, 'SAME'],
    [6, 1, 1, 'VALID'],
    [7, 3, 2, 'VALID']
  ] as const)('CONV_2D in %i k%i s%i %s with fp16 weights and fused RELU6', async (size, k, s, padding) => {
    const m = new SyntheticModel()
    const x = m.input('x', [1, size, size, 3])
    const w = m.constF16('w', [5, k, k, 3])
    const b = m.constF32('b', [5])
    const o = tflitePadding(padding, size, k, s).out
    const y = m.act('y', [1, o, o, 5])
    m.op('CONV_2D', [x, w, b], [y], conv(padding, s, 'RELU6'))
    m.output(y)
    await expectMatchesReference(m)
  })

  it.each([
    [8, 2, 1],
    [7, 2, 2],
    [9, 1, 1]
  ])('DEPTHWISE_CONV_2D in %i stride %i multiplier %i', async (size, stride, mult) => {
    const m = new SyntheticModel()
    const x = m.input('x', [1, size, size, 4])
    const w = m.constF32('w', [1, 3, 3, 4 * mult])
    const b = m.constF32('b', [4 * mult])
    const o = tflitePadding('SAME', size, 3, stride).out
    const y = m.act('y', [1, o, o, 4 * mult])
    m.op('DEPTHWISE_CONV_2D', [x, w, b], [y], {
      kind: 'depthwiseConv2d',
      padding: 'SAME',
      strideW: stride,
      strideH: stride,
      depthMultiplier: mult,
      dilationW: 1,
      dilationH: 1,
      activation: 'RELU'
    })
    m.output(y)
    await expectMatchesReference(m)
  })

  it('PRELU with [1,1,C] alpha, ADD, PAD on channels, MAX_POOL_2D SAME odd size', async () => {
    const m = new SyntheticModel()
    const x = m.input('x', [1, 7, 7, 4])
    const alpha = m.constF32('alpha', [1, 1, 4])
    const p = m.act('p', [1, 7, 7, 4])
    m.op('PRELU', [x, alpha], [p])
    const mp = m.act('mp', [1, 4, 4, 4])
    m.op('MAX_POOL_2D', [p], [mp], {
      kind: 'pool2d',
      padding: 'SAME',
      strideW: 2,
      strideH: 2,
      filterW: 2,
      filterH: 2,
      activation: 'NONE'
    })
    const pads = m.constI32('pads', [4, 2], [0, 0, 0, 0, 0, 0, 1, 3])
    const padded = m.act('padded', [1, 4, 4, 8])
    m.op('PAD', [mp, pads], [padded])
    const bias = m.constF32('bias', [8])
    const y = m.act('y', [1, 4, 4, 8])
    m.op('ADD', [padded, bias], [y], { kind: 'activation', activation: 'NONE' })
    m.output(y)
    await expectMatchesReference(m)
  })

  it('HARD_SWISH, LOGISTIC, AVERAGE_POOL_2D (global and SAME) and MUL broadcast', async () => {
    const m = new SyntheticModel()
    const x = m.input('x', [1, 5, 5, 3])
    const h = m.act('h', [1, 5, 5, 3])
    m.op('HARD_SWISH', [x], [h])
    const g = m.act('g', [1, 1, 1, 3])
    const pool = (f: number, s: number, padding: 'SAME' | 'VALID') =>
      ({
        kind: 'pool2d',
        padding,
        strideW: s,
        strideH: s,
        filterW: f,
        filterH: f,
        activation: 'NONE'
      }) as const
    m.op('AVERAGE_POOL_2D', [h], [g], pool(5, 5, 'VALID'))
    const s = m.act('s', [1, 1, 1, 3])
    m.op('LOGISTIC', [g], [s])
    const mul = m.act('mul', [1, 5, 5, 3])
    m.op('MUL', [h, s], [mul], { kind: 'activation', activation: 'NONE' })
    const ap = m.act('ap', [1, 3, 3, 3])
    m.op('AVERAGE_POOL_2D', [mul], [ap], pool(3, 2, 'SAME'))
    m.output(ap)
    await expectMatchesReference(m)
  })

  it.each([
    [false, true],
    [true, false],
    [false, false]
  ])(
    'RESIZE_BILINEAR align_corners=%s half_pixel_centers=%s (x2 and non-integer)',
    async (alignCorners, halfPixelCenters) => {
      const m = new SyntheticModel()
      const x = m.input('x', [1, 5, 6, 2])
      const size1 = m.constI32('size1', [2], [10, 12])
      const up = m.act('up', [1, 10, 12, 2])
      m.op('RESIZE_BILINEAR', [x, size1], [up], { kind: 'resizeBilinear', alignCorners, halfPixelCenters })
      const size2 = m.constI32('size2', [2], [7, 9])
      const y = m.act('y', [1, 7, 9, 2])
      m.op('RESIZE_BILINEAR', [x, size2], [y], { kind: 'resizeBilinear', alignCorners, halfPixelCenters })
      m.output(up)
      m.output(y)
      await expectMatchesReference(m)
    }
  )

  it.each([
    [128, 2, 2, 256],
    [6, 2, 2, 12],
    [5, 2, 2, 9],
    [6, 3, 2, 12],
    [5, 3, 2, 9],
    [6, 4, 2, 12],
    [5, 4, 2, 9],
    [4, 3, 1, 4]
  ])('Convolution2DTransposeBias in %i k%i s%i -> %i as ConvTranspose', async (size, k, s, outSize) => {
    // Expected sizes from MediaPipe's kernel: out = s * (in - 1) + k - max(0, k - (in - 1) % s - 1).
    const m = new SyntheticModel()
    const channels = size > 100 ? 2 : 3
    const x = m.input('x', [1, size, size, channels])
    const w = m.constF16('w', [2, k, k, channels])
    const b = m.constF32('b', [2])
    const y = m.act('y', [1, outSize, outSize, 2])
    const opts = new Uint8Array(12)
    const dv = new DataView(opts.buffer)
    dv.setInt32(0, 1, true)
    dv.setInt32(4, s, true)
    dv.setInt32(8, s, true)
    m.op('CUSTOM', [x, w, b], [y], { kind: 'none' }, { code: 'Convolution2DTransposeBias', options: opts })
    m.output(y)
    await expectMatchesReference(m)
  })

  it('RESHAPE (NHWC element order) and CONCATENATION to rank-3 outputs, plus rank-4 channel concat', async () => {
    const m = new SyntheticModel()
    const x = m.input('x', [1, 4, 4, 3])
    const w1 = m.constF32('w1', [2, 1, 1, 3])
    const a = m.act('a', [1, 4, 4, 2])
    m.op('CONV_2D', [x, w1, -1], [a], conv('VALID', 1))
    const w2 = m.constF32('w2', [4, 3, 3, 3])
    const b = m.act('b', [1, 2, 2, 4])
    m.op('CONV_2D', [x, w2, -1], [b], conv('SAME', 2))
    const ra = m.act('ra', [1, 16, 2])
    m.op('RESHAPE', [a], [ra], { kind: 'reshape', newShape: [1, -1, 2] })
    const rb = m.act('rb', [1, 8, 2])
    m.op('RESHAPE', [b], [rb], { kind: 'reshape', newShape: [1, -1, 2] })
    const cat = m.act('cat', [1, 24, 2])
    m.op('CONCATENATION', [ra, rb], [cat], { kind: 'concatenation', axis: 1, activation: 'NONE' })
    const c4 = m.act('c4', [1, 4, 4, 5])
    m.op('CONCATENATION', [x, a], [c4], { kind: 'concatenation', axis: -1, activation: 'NONE' })
    m.output(cat)
    m.output(c4)
    await expectMatchesReference(m)
  })

  it.each([0, 0.25, -0.5])(
    'MediaPipe attention ops (Landmarks2TransformMatrix, TransformTensorBilinear, TransformLandmarks), target rotation %s',
    async (target) => {
      const m = new SyntheticModel()
      const x = m.input('x', [1, 12, 12, 4])
      const lm = m.input('lm', [1, 6, 3])
      const pts = m.input('pts', [1, 3, 2])
      // Move the random landmarks into the feature map's pixel range (part of the crop still falls outside).
      const shifted = m.act('shifted', [1, 6, 3])
      m.op('ADD', [lm, m.constF32('six', [1], [6])], [shifted], { kind: 'activation', activation: 'NONE' })
      const matrix = m.act('matrix', [1, 4, 4])
      const options = encode({
        left_rotation_idx: 1,
        right_rotation_idx: 4,
        output_height: 5,
        output_width: 7,
        scale_x: 4,
        scale_y: 3,
        subset_idxs: [0, 1, 2, 3, 5],
        target_rotation_radians: target
      })
      m.op(
        'CUSTOM',
        [shifted],
        [matrix],
        { kind: 'none' },
        { code: 'Landmarks2TransformMatrix', options, version: 2 }
      )
      const crop = m.act('crop', [1, 5, 7, 4])
      const bilinear = encode({ output_height: 5, output_width: 7 })
      m.op(
        'CUSTOM',
        [x, matrix],
        [crop],
        { kind: 'none' },
        { code: 'TransformTensorBilinear', options: bilinear, version: 2 }
      )
      const moved = m.act('moved', [1, 3, 2])
      m.op(
        'CUSTOM',
        [pts, matrix],
        [moved],
        { kind: 'none' },
        { code: 'TransformLandmarks', options: null, version: 2 }
      )
      m.output(matrix)
      m.output(crop)
      m.output(moved)
      const got = await expectMatchesReference(m, 1e-4)
      // Some crop pixels fall outside the feature map and must be exactly 0 (MediaPipe's out-of-bounds rule).
      expect(Array.from(got.crop as Float32Array).some((v) => v === 0)).toBe(true)
    }
  )

  it.each([false, true])(
    'MEAN over H and W (keep_dims=%s) then FULLY_CONNECTED with bias and a fused RELU6',
    async (keepDims) => {
      // The hand landmark model's head: global average pooling, then dense layers.
      const m = new SyntheticModel()
      const x = m.input('x', [1, 3, 4, 5])
      const w1 = m.constF32('w1', [5, 1, 1, 5])
      const y = m.act('y', [1, 3, 4, 5])
      m.op('CONV_2D', [x, w1, -1], [y], conv('SAME', 1))
      const axes = m.constI32('axes', [2], [1, 2])
      const pooled = m.act('pooled', keepDims ? [1, 1, 1, 5] : [1, 5])
      m.op('MEAN', [y, axes], [pooled], { kind: 'reducer', keepDims })
      m.output(pooled)
      if (!keepDims) {
        const w = m.constF16('w', [3, 5])
        const b = m.constF32('b', [3])
        const dense = m.act('dense', [1, 3])
        m.op('FULLY_CONNECTED', [pooled, w, b], [dense], { kind: 'activation', activation: 'RELU6' })
        m.output(dense)
      }
      await expectMatchesReference(m)
    }
  )

  it('rejects unsupported operators with a clear message', () => {
    const m = new SyntheticModel()
    const x = m.input('x', [1, 4])
    const y = m.act('y', [1, 4])
    m.op('SOFTMAX', [x], [y])
    m.output(y)
    expect(() => convertTfliteToOnnx(m.model(), { graphName: 't' })).toThrow(
      /Unsupported TFLite operator SOFTMAX/
    )
  })
})
