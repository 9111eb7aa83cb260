/**
 * Weighted ops: CONV_2D and DEPTHWISE_CONV_2D -> Conv (weights re-laid out to OIHW, TFLite SAME padding as
 * explicit pads), MediaPipe's Convolution2DTransposeBias -> ConvTranspose, FULLY_CONNECTED -> Gemm with transB.
 */
import { type TfliteTensor } from './reader'
import {
  type ConvertContext,
  convWithActivation,
  type OpArgs,
  type OpHandlers,
  optionalPlain
} from './convert-context'
import { tflitePadding, transposeConvPadding, transposeData } from './convert-geometry'
import { type PaddingName } from './schema'

interface ConvWindow {
  padding: PaddingName
  strideW: number
  strideH: number
  dilationW: number
  dilationH: number
}

/** Conv attributes for a kh x kw kernel over NHWC input `inT`, TFLite padding given as explicit pads. */
function convAttrs(
  o: ConvWindow,
  inT: TfliteTensor,
  kh: number,
  kw: number,
  group: number
): {
  kernel_shape: number[]
  strides: number[]
  dilations: number[]
  pads: number[]
  group: number
} {
  const ph = tflitePadding(o.padding, inT.shape[1] as number, kh, o.strideH, o.dilationH)
  const pw = tflitePadding(o.padding, inT.shape[2] as number, kw, o.strideW, o.dilationW)
  return {
    kernel_shape: [kh, kw],
    strides: [o.strideH, o.strideW],
    dilations: [o.dilationH, o.dilationW],
    pads: [ph.before, pw.before, ph.after, pw.after],
    group
  }
}

function conv2d(cx: ConvertContext, { op, out, ins, in0 }: OpArgs): void {
  const o = op.options
  if (o.kind !== 'conv2d') throw new Error('CONV_2D options')
  const inT = cx.tensor(in0)
  const wT = cx.tensor(ins[1] ?? -1)
  const [, kh, kw] = wT.shape as [number, number, number, number]
  const attrs = convAttrs(o, inT, kh, kw, 1)
  // OHWI -> OIHW
  const w = cx.constValue(ins[1] ?? -1, 'oihw', (c, s) => ({
    dims: [s[0], s[3], s[1], s[2]] as number[],
    data: transposeData(c.data, s, [0, 3, 1, 2])
  }))
  const b = optionalPlain(cx, ins[2])
  convWithActivation(cx, out, 'Conv', [cx.nchw(in0), w, b], attrs, o.activation)
}

function depthwiseConv2d(cx: ConvertContext, { op, out, ins, in0 }: OpArgs): void {
  const o = op.options
  if (o.kind !== 'depthwiseConv2d') throw new Error('DEPTHWISE_CONV_2D options')
  const inT = cx.tensor(in0)
  const wT = cx.tensor(ins[1] ?? -1)
  const [, kh, kw, cm] = wT.shape as [number, number, number, number]
  const attrs = convAttrs(o, inT, kh, kw, inT.shape[3] as number)
  // [1, kh, kw, C*m] -> [C*m, 1, kh, kw]
  const w = cx.constValue(ins[1] ?? -1, 'dw', (c, s) => ({
    dims: [cm, 1, kh, kw],
    data: transposeData(c.data, s, [3, 0, 1, 2])
  }))
  const b = optionalPlain(cx, ins[2])
  convWithActivation(cx, out, 'Conv', [cx.nchw(in0), w, b], attrs, o.activation)
}

/**
 * MediaPipe Convolution2DTransposeBias: custom options are TfLiteTransposeConvParams {int32 padding (1 SAME,
 * 2 VALID), int32 stride_w, int32 stride_h}; weights OHWI; padding and output size as MediaPipe's kernel computes
 * them (`transposeConvPadding`).
 */
export function convolution2DTransposeBias(cx: ConvertContext, { op, out, outT, ins, in0 }: OpArgs): void {
  const co = op.customOptions
  if (!co || co.length < 12) throw new Error('Convolution2DTransposeBias: missing custom options')
  const dv = new DataView(co.buffer, co.byteOffset, co.byteLength)
  const padCode = dv.getInt32(0, true)
  const strideW = dv.getInt32(4, true)
  const strideH = dv.getInt32(8, true)
  const inT = cx.tensor(in0)
  const wT = cx.tensor(ins[1] ?? -1)
  const [, kh, kw] = wT.shape as [number, number, number, number]
  const same = padCode === 1
  const before: number[] = []
  const after: number[] = []
  for (const [inSize, k, s, declared] of [
    [inT.shape[1], kh, strideH, outT.shape[1]],
    [inT.shape[2], kw, strideW, outT.shape[2]]
  ] as [number, number, number, number][]) {
    const p = transposeConvPadding(same, inSize, k, s)
    if (p.out !== declared) {
      throw new Error(
        `Convolution2DTransposeBias ${outT.name}: computed size ${p.out}, tensor says ${declared}`
      )
    }
    before.push(p.before)
    after.push(p.after)
  }
  // OHWI -> [I, O, kh, kw]
  const w = cx.constValue(ins[1] ?? -1, 'iohw', (c, s) => ({
    dims: [s[3], s[0], s[1], s[2]] as number[],
    data: transposeData(c.data, s, [3, 0, 1, 2])
  }))
  const b = optionalPlain(cx, ins[2])
  cx.emit(out, 'nchw', 'ConvTranspose', [cx.nchw(in0), w, b], {
    kernel_shape: [kh, kw],
    strides: [strideH, strideW],
    pads: [...before, ...after]
  })
}

/** y = x W^T + b, W [out, in] (TFLite's default weights format), x [batch, in]. */
function fullyConnected(cx: ConvertContext, { op, out, outT, ins, in0 }: OpArgs): void {
  const o = op.options
  if (o.kind !== 'activation') throw new Error('FULLY_CONNECTED options')
  const inT = cx.tensor(in0)
  if (inT.shape.length !== 2 || outT.shape.length !== 2)
    throw new Error(`FULLY_CONNECTED ${outT.name}: only rank-2 inputs and outputs are supported`)
  const w = cx.plain(ins[1] ?? -1)
  const b = optionalPlain(cx, ins[2])
  convWithActivation(
    cx,
    out,
    'Gemm',
    b ? [cx.plain(in0), w, b] : [cx.plain(in0), w],
    { transB: 1 },
    o.activation,
    'plain'
  )
}

export const convOps = {
  CONV_2D: conv2d,
  DEPTHWISE_CONV_2D: depthwiseConv2d,
  FULLY_CONNECTED: fullyConnected
} satisfies OpHandlers
