/**
 * What the per-family op converters (convert-*-ops.ts) see of the TFLite -> ONNX converter (convert.ts): the
 * record of every TFLite tensor (a constant, or an ONNX value in NCHW or TFLite's own element order), the ONNX
 * graph being built, and the helpers that emit nodes. An op converter reads its inputs through `nchw` / `plain`,
 * which insert a layout Transpose at most once per tensor, and names its result with `emit`.
 */
import { type DType, type GraphBuilder, type Value } from '../onnx'
import { type TfliteOperator, type TfliteTensor } from './reader'
import { type ActivationName, type BuiltinOperatorName } from './schema'

export type Layout = 'nchw' | 'plain'
export interface ActRecord {
  kind: 'act'
  value: Value
  layout: Layout
}
export interface ConstRecord {
  kind: 'const'
  data: Float32Array | Int32Array
  isInt: boolean
}
export type TensorRecord = ActRecord | ConstRecord

/** ONNX node attributes as GraphBuilder.op takes them. */
export type NodeAttrs = Parameters<GraphBuilder['op']>[2]

/** Builds an initializer from a constant tensor (its data and TFLite shape). */
export type ConstMaker = (
  c: ConstRecord,
  shape: number[]
) => { dims: number[]; data: Float32Array | Int32Array; dtype?: DType }

export const NHWC_TO_NCHW = [0, 3, 1, 2]
export const NCHW_TO_NHWC = [0, 2, 3, 1]

export interface ConvertContext {
  readonly g: GraphBuilder
  readonly opset: number
  tensor(i: number): TfliteTensor
  record(i: number): TensorRecord
  /** The record of tensor i, which must be constant. */
  constOf(i: number): ConstRecord
  /** A constant tensor as an initializer, with an optional permutation/reshape (cached per key). */
  constValue(i: number, key: string, make: ConstMaker): Value
  /** Record tensor i as a constant (folded at conversion time). */
  setConst(i: number, record: ConstRecord): void
  /** Emit a single-output node producing TFLite tensor `out` in layout `layout`. */
  emit(out: number, layout: Layout, opType: string, inputs: (Value | null)[], attrs?: NodeAttrs): Value
  /** Activation input as NCHW (rank 4) value. */
  nchw(i: number): Value
  /** Activation input in TFLite's own (NHWC / plain) element order. */
  plain(i: number): Value
  /** Whether tensor i is (or will be) handled in NCHW: rank-4 activations. */
  isNchw(i: number): boolean
  /** Scalar int64 index constant (for Gather with rank reduction). */
  index(i: number): Value
  /** Scalar float32 constant (cached per value). */
  scalar(v: number): Value
}

/** One TFLite operator to convert: its first output `out` (tensor `outT`) and its inputs (`in0` = first, or -1). */
export interface OpArgs {
  op: TfliteOperator
  out: number
  outT: TfliteTensor
  ins: number[]
  in0: number
}

export type OpHandler = (cx: ConvertContext, a: OpArgs) => void
/** A family's op converters keyed by TFLite builtin operator name (each family's table `satisfies` it). */
export type OpHandlers = Readonly<Partial<Record<BuiltinOperatorName, OpHandler>>>

/** An optional input (a bias): its plain value, or null where the operator leaves it out (absent or -1). */
export function optionalPlain(cx: ConvertContext, i: number | undefined): Value | null {
  return i !== undefined && i >= 0 ? cx.plain(i) : null
}

/** Input tensor i as NCHW (where `nchw`) or in TFLite's own element order. */
export function valueIn(cx: ConvertContext, i: number, nchw: boolean): Value {
  return nchw ? cx.nchw(i) : cx.plain(i)
}

/** Emit `opType` then its fused activation (if any) so that the final node names tensor `out`. */
export function convWithActivation(
  cx: ConvertContext,
  out: number,
  opType: string,
  inputs: (Value | null)[],
  attrs: NodeAttrs,
  act: ActivationName,
  layout: Layout = 'nchw'
): void {
  if (act === 'NONE') {
    cx.emit(out, layout, opType, inputs, attrs)
    return
  }
  const name = cx.tensor(out).name
  const pre = cx.g.op(opType, inputs, attrs, { name: `${name}/${opType}` })
  switch (act) {
    case 'RELU':
      cx.emit(out, layout, 'Relu', [pre])
      return
    case 'RELU6':
      cx.emit(out, layout, 'Clip', [pre, cx.scalar(0), cx.scalar(6)])
      return
    case 'RELU_N1_TO_1':
      cx.emit(out, layout, 'Clip', [pre, cx.scalar(-1), cx.scalar(1)])
      return
    case 'TANH':
      cx.emit(out, layout, 'Tanh', [pre])
      return
    default:
      throw new Error(`Unsupported fused activation ${act}`)
  }
}
