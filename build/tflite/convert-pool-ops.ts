/**
 * Spatial ops on NCHW activations: MAX_POOL_2D / AVERAGE_POOL_2D (average excludes padding from the divisor,
 * count_include_pad = 0; a VALID average over the whole image is GlobalAveragePool), RESIZE_BILINEAR (align_corners
 * -> 'align_corners', half_pixel_centers -> 'half_pixel', else 'asymmetric') and MEAN over constant axes
 * (ReduceMean).
 */
import {
  type ConvertContext,
  convWithActivation,
  type Layout,
  NHWC_TO_NCHW,
  type OpArgs,
  type OpHandlers,
  valueIn
} from './convert-context'
import { tflitePadding } from './convert-geometry'

function pool2d(cx: ConvertContext, { op, out, in0 }: OpArgs): void {
  const o = op.options
  if (o.kind !== 'pool2d') throw new Error('pool options')
  const inT = cx.tensor(in0)
  const ph = tflitePadding(o.padding, inT.shape[1] as number, o.filterH, o.strideH)
  const pw = tflitePadding(o.padding, inT.shape[2] as number, o.filterW, o.strideW)
  const global =
    op.opName === 'AVERAGE_POOL_2D' &&
    o.padding === 'VALID' &&
    o.filterH === inT.shape[1] &&
    o.filterW === inT.shape[2]
  const attrs = {
    kernel_shape: [o.filterH, o.filterW],
    strides: [o.strideH, o.strideW],
    pads: [ph.before, pw.before, ph.after, pw.after]
  }
  const opType = op.opName === 'MAX_POOL_2D' ? 'MaxPool' : global ? 'GlobalAveragePool' : 'AveragePool'
  convWithActivation(
    cx,
    out,
    opType,
    [cx.nchw(in0)],
    global ? {} : opType === 'AveragePool' ? { ...attrs, count_include_pad: 0 } : attrs,
    o.activation
  )
}

function resizeBilinear(cx: ConvertContext, { op, out, outT, ins, in0 }: OpArgs): void {
  const o = op.options
  if (o.kind !== 'resizeBilinear') throw new Error('RESIZE_BILINEAR options')
  const size = cx.constOf(ins[1] ?? -1).data
  const inT = cx.tensor(in0)
  const sizes = cx.g.int64s(
    [inT.shape[0] as number, inT.shape[3] as number, size[0] as number, size[1] as number],
    `${outT.name}/sizes`
  )
  const mode = o.alignCorners ? 'align_corners' : o.halfPixelCenters ? 'half_pixel' : 'asymmetric'
  cx.emit(out, 'nchw', 'Resize', [cx.nchw(in0), null, null, sizes], {
    mode: 'linear',
    coordinate_transformation_mode: mode
  })
}

/** Mean over constant axes (global average pooling over H and W in the hand landmark model). */
function mean(cx: ConvertContext, { op, out, outT, ins, in0 }: OpArgs): void {
  const o = op.options
  if (o.kind !== 'reducer') throw new Error('MEAN options')
  const inT = cx.tensor(in0)
  const rank = inT.shape.length
  const axesNhwc = Array.from(cx.constOf(ins[1] ?? -1).data).map((a) => (a < 0 ? a + rank : a))
  const useNchw = cx.isNchw(in0) && rank === 4
  const axes = (useNchw ? axesNhwc.map((a) => NHWC_TO_NCHW.indexOf(a)) : axesNhwc).sort((a, b) => a - b)
  // With keep_dims a rank-4 result stays NCHW; without it, reducing H and W (NCHW axes 2, 3) or any
  // trailing axes leaves the rest in TFLite's own order.
  const reducesSpatial = axes.every((a) => a >= 2)
  if (useNchw && !o.keepDims && !reducesSpatial)
    throw new Error(`MEAN ${outT.name}: only the spatial axes of a rank-4 tensor can be dropped`)
  const keepdims = o.keepDims ? 1 : 0
  const x = valueIn(cx, in0, useNchw)
  const layout: Layout = useNchw && o.keepDims ? 'nchw' : 'plain'
  if (cx.opset >= 18)
    cx.emit(out, layout, 'ReduceMean', [x, cx.g.int64s(axes, `${outT.name}/axes`)], { keepdims })
  else cx.emit(out, layout, 'ReduceMean', [x], { axes, keepdims })
}

export const poolOps = {
  MAX_POOL_2D: pool2d,
  AVERAGE_POOL_2D: pool2d,
  RESIZE_BILINEAR: resizeBilinear,
  MEAN: mean
} satisfies OpHandlers
