/**
 * Shape ops: PAD (constant pads, permuted to NCHW for an NCHW input), RESHAPE (on TFLite element order: a rank-4
 * result stays NHWC until an op needs NCHW), CONCATENATION (in NCHW when every input is NCHW or constant) and the
 * identity STRIDED_SLICE.
 */
import {
  type ConvertContext,
  convWithActivation,
  NHWC_TO_NCHW,
  type OpArgs,
  type OpHandlers,
  valueIn
} from './convert-context'

function pad(cx: ConvertContext, { out, outT, ins, in0 }: OpArgs): void {
  const pads = cx.constOf(ins[1] ?? -1).data
  const rank = pads.length / 2
  const useNchw = cx.isNchw(in0) && rank === 4
  const perm = useNchw ? NHWC_TO_NCHW : [...Array(rank).keys()]
  const before = perm.map((p) => pads[2 * p] as number)
  const after = perm.map((p) => pads[2 * p + 1] as number)
  const x = valueIn(cx, in0, useNchw)
  cx.emit(
    out,
    useNchw ? 'nchw' : 'plain',
    'Pad',
    [x, cx.g.int64s([...before, ...after], `${outT.name}/pads`)],
    { mode: 'constant' }
  )
}

function reshape(cx: ConvertContext, { out, outT, in0 }: OpArgs): void {
  // Reshape works on TFLite element order; a rank-4 result stays NHWC ('plain') until an op needs NCHW.
  const shape = cx.g.int64s(outT.shape, `${outT.name}/shape`)
  cx.emit(out, 'plain', 'Reshape', [cx.plain(in0), shape])
}

function concatenation(cx: ConvertContext, { op, out, outT, ins }: OpArgs): void {
  const o = op.options
  if (o.kind !== 'concatenation') throw new Error('CONCATENATION options')
  const rank = outT.shape.length
  let axis = o.axis < 0 ? o.axis + rank : o.axis
  const useNchw = rank === 4 && ins.every((i) => cx.isNchw(i) || cx.record(i).kind === 'const')
  if (useNchw) axis = NHWC_TO_NCHW.indexOf(axis)
  const xs = ins.map((i) => valueIn(cx, i, useNchw))
  convWithActivation(cx, out, 'Concat', xs, { axis }, o.activation, useNchw ? 'nchw' : 'plain')
}

/** Only the identity slice (as in face_landmark_with_attention's output_mesh_identity) is supported. */
function stridedSlice(cx: ConvertContext, { out, outT, ins, in0 }: OpArgs): void {
  const inT = cx.tensor(in0)
  const begin = cx.constOf(ins[1] ?? -1).data
  const end = cx.constOf(ins[2] ?? -1).data
  const strides = cx.constOf(ins[3] ?? -1).data
  const identity =
    inT.shape.length === outT.shape.length &&
    inT.shape.every((d, i) => d === outT.shape[i]) &&
    Array.from(begin).every((b) => b === 0) &&
    Array.from(strides).every((st) => st === 1) &&
    Array.from(end).every((e, i) => e >= (inT.shape[i] as number))
  if (!identity) throw new Error(`STRIDED_SLICE ${outT.name}: only identity slices are supported`)
  const r = cx.record(in0)
  if (r.kind !== 'act') throw new Error('STRIDED_SLICE of a constant')
  cx.emit(out, r.layout, 'Identity', [r.value])
}

export const shapeOps = {
  PAD: pad,
  RESHAPE: reshape,
  CONCATENATION: concatenation,
  STRIDED_SLICE: stridedSlice
} satisfies OpHandlers
