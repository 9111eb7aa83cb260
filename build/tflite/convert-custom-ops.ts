/**
 * MediaPipe's custom ops (CUSTOM, selected by custom code and version): Landmarks2TransformMatrix,
 * TransformTensorBilinear and TransformLandmarks as small ONNX subgraphs, Convolution2DTransposeBias as
 * ConvTranspose (convert-conv-ops.ts).
 */
import { toObject } from 'flatbuffers/js/flexbuffers'
import { type Value } from '../onnx'
import { type TfliteOperator } from './reader'
import { type ConvertContext, type OpArgs, type OpHandler, type OpHandlers } from './convert-context'
import { convolution2DTransposeBias } from './convert-conv-ops'

/**
 * MediaPipe `Landmarks2TransformMatrix` v2 (mediapipe/util/tflite/operations/landmarks_to_transform_matrix.cc):
 * the 4x4 matrix mapping output-crop pixels to landmark space for a crop around `subset_idxs`, rotated so that
 * left/right rotation landmarks are level. rotation = target - atan2(dy, dx) is carried as (cos, sin) computed
 * from the normalized (dx, dy) (ONNX has no Atan2); then M = Shift(center) * Rot(-r) * Scale(scale * crop / out)
 * * Shift(-out / 2).
 */
function landmarksToTransformMatrix(cx: ConvertContext, { op, out }: OpArgs): void {
  if (op.version !== 2) throw new Error(`Landmarks2TransformMatrix version ${op.version} is not supported`)
  const opts = flexOptions(op)
  const num = (k: string, def?: number): number => {
    const v = opts[k]
    if (typeof v === 'number' || typeof v === 'bigint') return Number(v)
    if ((v === null || v === undefined) && def !== undefined) return def
    throw new Error(`Landmarks2TransformMatrix: option ${k} missing`)
  }
  const subsetRaw = opts.subset_idxs
  if (!Array.isArray(subsetRaw) || subsetRaw.length === 0)
    throw new Error('Landmarks2TransformMatrix: no subset_idxs')
  const subset = subsetRaw.map((v) => Number(v))
  const target = num('target_rotation_radians', 0)
  const ow = num('output_width')
  const oh = num('output_height')
  const sx = num('scale_x')
  const sy = num('scale_y')
  const g = cx.g
  const inT = cx.tensor(op.inputs[0] ?? -1)
  const n = inT.shape[inT.shape.length - 2] as number
  const name = cx.tensor(out).name
  const f = (v: number): Value => cx.scalar(v)
  const lm = g.op(
    'Reshape',
    [cx.plain(op.inputs[0] ?? -1), g.int64s([n, 3])],
    {},
    { name: `${name}/landmarks` }
  )
  const xy = g.op('Slice', [lm, g.int64s([0]), g.int64s([2]), g.int64s([1])], {}, { name: `${name}/xy` })
  const left = g.op('Gather', [xy, cx.index(num('left_rotation_idx'))], { axis: 0 })
  const right = g.op('Gather', [xy, cx.index(num('right_rotation_idx'))], { axis: 0 })
  const d = g.op('Sub', [right, left])
  const len = g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [d, d])], { keepdims: 0 })])
  const dn = g.op('Div', [d, len])
  const ca = g.op('Gather', [dn, cx.index(0)], { axis: 0 })
  const sa = g.op('Gather', [dn, cx.index(1)], { axis: 0 })
  // r = target - a: cos r = cos t cos a + sin t sin a, sin r = sin t cos a - cos t sin a
  const ct = Math.cos(target)
  const st = Math.sin(target)
  const cr = g.op('Add', [g.op('Mul', [ca, f(ct)]), g.op('Mul', [sa, f(st)])], {}, { name: `${name}/cos_r` })
  const sr = g.op('Sub', [g.op('Mul', [ca, f(st)]), g.op('Mul', [sa, f(ct)])], {}, { name: `${name}/sin_r` })
  const idx = subset.length % 2 === 0 ? subset : [...subset, subset[subset.length - 1] as number]
  const pts = g.op('Gather', [xy, g.int64s(idx)], { axis: 0 }, { name: `${name}/subset` })
  const px = g.op('Gather', [pts, cx.index(0)], { axis: 1 })
  const py = g.op('Gather', [pts, cx.index(1)], { axis: 1 })
  const rx = g.op('Sub', [g.op('Mul', [px, cr]), g.op('Mul', [py, sr])])
  const ry = g.op('Add', [g.op('Mul', [px, sr]), g.op('Mul', [py, cr])])
  const maxX = g.op('ReduceMax', [rx], { keepdims: 0 })
  const minX = g.op('ReduceMin', [rx], { keepdims: 0 })
  const maxY = g.op('ReduceMax', [ry], { keepdims: 0 })
  const minY = g.op('ReduceMin', [ry], { keepdims: 0 })
  const cw = g.op('Sub', [maxX, minX])
  const ch = g.op('Sub', [maxY, minY])
  const mx = g.op('Div', [g.op('Add', [minX, maxX]), f(2)])
  const my = g.op('Div', [g.op('Add', [minY, maxY]), f(2)])
  const centerX = g.op('Add', [g.op('Mul', [cr, mx]), g.op('Mul', [sr, my])])
  const centerY = g.op('Sub', [g.op('Mul', [cr, my]), g.op('Mul', [sr, mx])])
  const scx = g.op('Div', [g.op('Mul', [cw, f(sx)]), f(ow)])
  const scy = g.op('Div', [g.op('Mul', [ch, f(sy)]), f(oh)])
  const a00 = g.op('Mul', [cr, scx])
  const a01 = g.op('Mul', [sr, scy])
  const a10 = g.op('Neg', [g.op('Mul', [sr, scx])])
  const a11 = g.op('Mul', [cr, scy])
  const tx = g.op('Add', [
    centerX,
    g.op('Add', [g.op('Mul', [a00, f(-ow / 2)]), g.op('Mul', [a01, f(-oh / 2)])])
  ])
  const ty = g.op('Add', [
    centerY,
    g.op('Add', [g.op('Mul', [a10, f(-ow / 2)]), g.op('Mul', [a11, f(-oh / 2)])])
  ])
  const zero = f(0)
  const one = f(1)
  const entries = [a00, a01, zero, tx, a10, a11, zero, ty, zero, zero, one, zero, zero, zero, zero, one]
  const axes0 = g.int64s([0])
  const cat = g.op(
    'Concat',
    entries.map((e) => g.op('Unsqueeze', [e, axes0])),
    { axis: 0 },
    { name: `${name}/entries` }
  )
  cx.emit(out, 'plain', 'Reshape', [cat, g.int64s(cx.tensor(out).shape)])
}

/**
 * MediaPipe `TransformTensorBilinear` v2: out(y, x) = bilinear sample of the input at (M * [x, y, 0, 1]) with the
 * align-corners correction M -> S * M * A (A: +0.5, S: -0.5 on x/y); samples whose point falls outside
 * [0, W-1] x [0, H-1] are 0. As ONNX: a constant pixel grid times the matrix rows, GridSample (bilinear, zeros,
 * align_corners = 1) on normalized coordinates, times an in-bounds mask.
 */
function transformTensorBilinear(cx: ConvertContext, { op, out }: OpArgs): void {
  if (op.version !== 2) throw new Error(`TransformTensorBilinear version ${op.version} is not supported`)
  const g = cx.g
  const inT = cx.tensor(op.inputs[0] ?? -1)
  const outT = cx.tensor(out)
  const [, H, W, C] = inT.shape as [number, number, number, number]
  const [, OH, OW] = outT.shape as [number, number, number, number]
  const name = outT.name
  const m = g.op('Reshape', [cx.plain(op.inputs[1] ?? -1), g.int64s([4, 4])])
  const rows = g.op('Slice', [m, g.int64s([0]), g.int64s([2]), g.int64s([0])], {}, { name: `${name}/rows` })
  // rows' = rows @ K + B: column 3 += 0.5 * col0 + 0.5 * col1 - 0.5
  const k = [1, 0, 0, 0.5, 0, 1, 0, 0.5, 0, 0, 1, 0, 0, 0, 0, 1]
  const corrected = g.op('Add', [
    g.op('MatMul', [rows, g.constant('float32', [4, 4], k, `${name}/align_k`)]),
    g.constant('float32', [2, 4], [0, 0, 0, -0.5, 0, 0, 0, -0.5], `${name}/align_b`)
  ])
  const pix: number[] = []
  for (let y = 0; y < OH; y++) for (let x = 0; x < OW; x++) pix.push(x, y, 0, 1)
  const grid = g.constant('float32', [OH * OW, 4], pix, `${name}/pixels`)
  const tc = g.op(
    'MatMul',
    [grid, g.op('Transpose', [corrected], { perm: [1, 0] })],
    {},
    { name: `${name}/coords` }
  )
  const lo = g.op('GreaterOrEqual', [tc, g.constant('float32', [2], [0, 0])])
  const hi = g.op('LessOrEqual', [tc, g.constant('float32', [2], [W - 1, H - 1])])
  const inside = g.op('ReduceMin', [g.op('Cast', [g.op('And', [lo, hi])], { to: 1 })], {
    axes: [1],
    keepdims: 0
  })
  const mask = g.op('Reshape', [inside, g.int64s([1, 1, OH, OW])], {}, { name: `${name}/mask` })
  const norm = g.op('Sub', [
    g.op('Mul', [tc, g.constant('float32', [2], [2 / (W - 1), 2 / (H - 1)])]),
    cx.scalar(1)
  ])
  const gridN = g.op('Reshape', [norm, g.int64s([1, OH, OW, 2])])
  const sampled = g.op(
    'GridSample',
    [cx.nchw(op.inputs[0] ?? -1), gridN],
    { mode: 'bilinear', padding_mode: 'zeros', align_corners: 1 },
    { name: `${name}/GridSample` }
  )
  if (C !== outT.shape[3]) throw new Error(`TransformTensorBilinear ${name}: channel mismatch`)
  cx.emit(out, 'nchw', 'Mul', [sampled, mask])
}

/** MediaPipe `TransformLandmarks` v2 (2-D landmarks): x' = m0 x + m1 y + m3, y' = m4 x + m5 y + m7. */
function transformLandmarks(cx: ConvertContext, { op, out }: OpArgs): void {
  if (op.version !== 2) throw new Error(`TransformLandmarks version ${op.version} is not supported`)
  const outT = cx.tensor(out)
  if (outT.shape[outT.shape.length - 1] !== 2)
    throw new Error('TransformLandmarks: only 2-D landmarks are supported')
  const g = cx.g
  const m = g.op('Reshape', [cx.plain(op.inputs[1] ?? -1), g.int64s([4, 4])])
  const a = g.op('Slice', [m, g.int64s([0, 0]), g.int64s([2, 2]), g.int64s([0, 1])])
  const b = g.op('Reshape', [
    g.op('Slice', [m, g.int64s([0, 3]), g.int64s([2, 4]), g.int64s([0, 1])]),
    g.int64s([2])
  ])
  const moved = g.op('MatMul', [cx.plain(op.inputs[0] ?? -1), g.op('Transpose', [a], { perm: [1, 0] })])
  cx.emit(out, 'plain', 'Add', [moved, b])
}

/** Decode an operator's flexbuffer custom options as a plain object. */
function flexOptions(op: TfliteOperator): Record<string, unknown> {
  const c = op.customOptions
  if (!c) return {}
  const copy = c.slice()
  const obj = toObject(copy.buffer)
  if (typeof obj !== 'object' || obj === null)
    throw new Error(`${op.customCode}: custom options are not a map`)
  return obj as Record<string, unknown>
}

const customOpHandlers: ReadonlyMap<string, OpHandler> = new Map<string, OpHandler>([
  ['Landmarks2TransformMatrix', landmarksToTransformMatrix],
  ['TransformTensorBilinear', transformTensorBilinear],
  ['TransformLandmarks', transformLandmarks],
  ['Convolution2DTransposeBias', convolution2DTransposeBias]
])

function custom(cx: ConvertContext, a: OpArgs): void {
  const handler = a.op.customCode === null ? undefined : customOpHandlers.get(a.op.customCode)
  if (!handler) throw new Error(`Unsupported custom op ${a.op.customCode}`)
  handler(cx, a)
}

export const customOps = { CUSTOM: custom } satisfies OpHandlers
