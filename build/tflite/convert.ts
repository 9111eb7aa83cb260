/**
 * TFLite -> ONNX converter for float inference graphs (the MediaPipe face detector, face mesh and selfie
 * segmentation models, the palm detector and hand landmark model).
 *
 * Contract: the ONNX model keeps TFLite's boundary: same input/output names, NHWC shapes, float32. Inside,
 * rank-4 activations are kept in NCHW (ORT's CPU Conv layout): one Transpose after each input and one before
 * each rank-4 output; other layout changes happen only where an op needs TFLite element order (RESHAPE), once per
 * tensor.
 * Constant tensors (including fp16 weights behind DEQUANTIZE) are decoded to float32 initializers in the layout
 * their consumer needs.
 *
 * Semantics follow TFLite's reference kernels:
 *   - SAME padding: out = ceil(in / s), total = max((out - 1) * s + (k - 1) * d + 1 - in, 0), before = floor(total / 2),
 *     after = total - before (the extra pixel goes bottom/right), emitted as explicit ONNX pads.
 *   - AVERAGE_POOL_2D excludes padding from the divisor (count_include_pad = 0).
 *   - PRELU alpha broadcasts against NHWC from the right; it is re-laid out to NCHW.
 *   - RESIZE_BILINEAR: align_corners -> 'align_corners', half_pixel_centers -> 'half_pixel', else 'asymmetric'.
 *   - MEAN over constant axes -> ReduceMean; FULLY_CONNECTED (weights [out, in]) -> Gemm with transB.
 *   - Convolution2DTransposeBias (MediaPipe custom op): custom options are TfLiteTransposeConvParams
 *     {int32 padding (1 SAME, 2 VALID), int32 stride_w, int32 stride_h}; weights OHWI; padding and output size as
 *     MediaPipe's kernel computes them (`transposeConvPadding`), emitted as ConvTranspose with explicit pads.
 *
 * Structure: the Converter (this file) keeps the tensor records and layouts and dispatches each operator to its
 * family's converter through a table keyed by op name: convert-conv-ops.ts (CONV_2D, DEPTHWISE_CONV_2D,
 * FULLY_CONNECTED, Convolution2DTransposeBias), convert-custom-ops.ts (MediaPipe custom ops),
 * convert-elementwise-ops.ts (DEQUANTIZE, binary ops, activations, PRELU), convert-pool-ops.ts (pooling, resize,
 * MEAN) and convert-shape-ops.ts (PAD, RESHAPE, CONCATENATION, STRIDED_SLICE). They see the Converter through
 * ConvertContext (convert-context.ts); the pure padding and re-layout arithmetic is in convert-geometry.ts.
 */
import { GraphBuilder, type Value } from '../onnx'
import {
  type TfliteModel,
  type TfliteOperator,
  type TfliteSubgraph,
  type TfliteTensor,
  tensorFloat32,
  tensorInt32
} from './reader'
import {
  type ConstMaker,
  type ConstRecord,
  type ConvertContext,
  type Layout,
  NCHW_TO_NHWC,
  NHWC_TO_NCHW,
  type NodeAttrs,
  type OpHandler,
  type TensorRecord
} from './convert-context'
import { convOps } from './convert-conv-ops'
import { customOps } from './convert-custom-ops'
import { elementwiseOps } from './convert-elementwise-ops'
import { rank4, transposeData } from './convert-geometry'
import { poolOps } from './convert-pool-ops'
import { shapeOps } from './convert-shape-ops'

export { tflitePadding, transposeConvPadding, transposeData } from './convert-geometry'

export interface TensorSpec {
  name: string
  dtype: 'float32'
  shape: number[]
}

export interface ConvertOptions {
  /** ONNX graph name. */
  graphName: string
  /** Opset (default 17). */
  opset?: number
  /** Extra metadata_props entries (sorted by key for determinism). */
  metadata?: Record<string, string>
  /** Subgraph index (default 0). */
  subgraph?: number
}

export interface ConvertResult {
  bytes: Uint8Array
  inputs: TensorSpec[]
  outputs: TensorSpec[]
  /** ONNX op types used, with counts. */
  opCounts: Record<string, number>
}

/** Every supported TFLite operator's converter, by builtin op name. */
const OP_HANDLERS: ReadonlyMap<string, OpHandler> = new Map<string, OpHandler>(
  [convOps, customOps, elementwiseOps, poolOps, shapeOps].flatMap((family) => Object.entries(family))
)

class Converter implements ConvertContext {
  readonly g: GraphBuilder
  private readonly records = new Map<number, TensorRecord>()
  private readonly constCache = new Map<string, Value>()
  private readonly outputSet: Set<number>
  readonly opset: number

  constructor(
    private readonly sg: TfliteSubgraph,
    opts: ConvertOptions
  ) {
    this.opset = opts.opset ?? 17
    this.g = new GraphBuilder(opts.graphName, {
      opset: this.opset,
      producerName: 'mimesis-tflite2onnx'
    })
    for (const k of Object.keys(opts.metadata ?? {}).sort())
      this.g.addMetadata(k, (opts.metadata ?? {})[k] ?? '')
    this.outputSet = new Set(sg.outputs)
    for (const t of sg.tensors) {
      if (t.data && !sg.inputs.includes(t.index)) {
        const isInt = t.type === 'INT32' || t.type === 'INT64'
        if (!isInt && t.type !== 'FLOAT32' && t.type !== 'FLOAT16') {
          throw new Error(
            `Constant tensor ${t.name} has type ${t.type}: only float32/float16/int32/int64 constants are supported`
          )
        }
        this.records.set(t.index, { kind: 'const', data: isInt ? tensorInt32(t) : tensorFloat32(t), isInt })
      }
    }
  }

  tensor(i: number): TfliteTensor {
    const t = this.sg.tensors[i]
    if (!t) throw new Error(`Bad tensor index ${i}`)
    return t
  }

  record(i: number): TensorRecord {
    const r = this.records.get(i)
    if (!r) throw new Error(`Tensor ${this.tensor(i).name} used before it is produced`)
    return r
  }

  constOf(i: number): ConstRecord {
    const r = this.record(i)
    if (r.kind !== 'const') throw new Error(`Tensor ${this.tensor(i).name} must be constant`)
    return r
  }

  /** A constant tensor as an initializer, with an optional permutation/reshape (cached). */
  constValue(i: number, key: string, make: ConstMaker): Value {
    const cacheKey = `${i}|${key}`
    const hit = this.constCache.get(cacheKey)
    if (hit) return hit
    const t = this.tensor(i)
    const c = this.constOf(i)
    const { dims, data, dtype } = make(c, t.shape)
    const name = this.g.uniqueName(key === 'raw' ? t.name : `${t.name}_${key}`)
    const v = this.g.initializer(name, dtype ?? (c.isInt ? 'int32' : 'float32'), dims, data)
    this.constCache.set(cacheKey, v)
    return v
  }

  /** Output name for tensor i given the layout the producing node emits. */
  private nameFor(i: number, layout: Layout): string {
    const t = this.tensor(i)
    if (this.outputSet.has(i)) return layout === 'plain' ? t.name : this.g.uniqueName(`${t.name}_nchw`)
    return this.g.uniqueName(t.name)
  }

  private setAct(i: number, value: Value, layout: Layout): void {
    this.records.set(i, { kind: 'act', value, layout })
  }

  setConst(i: number, record: ConstRecord): void {
    this.records.set(i, record)
  }

  /** Emit a single-output node producing TFLite tensor `out` in layout `layout`. */
  emit(out: number, layout: Layout, opType: string, inputs: (Value | null)[], attrs: NodeAttrs = {}): Value {
    const v = this.g.op(opType, inputs, attrs, {
      outputNames: [this.nameFor(out, layout)],
      name: `${this.tensor(out).name}/${opType}`
    })
    this.setAct(out, v, layout)
    return v
  }

  /** Activation input as NCHW (rank 4) value. */
  nchw(i: number): Value {
    const r = this.record(i)
    const t = this.tensor(i)
    if (r.kind === 'const') {
      return this.constValue(i, 'nchw', (c, shape) => {
        const s4 = rank4(shape)
        return {
          dims: NHWC_TO_NCHW.map((p) => s4[p] as number),
          data: transposeData(c.data, s4, NHWC_TO_NCHW)
        }
      })
    }
    if (r.layout === 'nchw') return r.value
    if (t.shape.length !== 4)
      throw new Error(`Tensor ${t.name} of rank ${t.shape.length} cannot be used as NCHW`)
    return this.converted(i, 'nchw', () =>
      this.g.op('Transpose', [r.value], { perm: NHWC_TO_NCHW }, { name: `${t.name}/to_nchw` })
    )
  }

  private readonly layoutCache = new Map<string, Value>()
  /** Layout conversions are emitted once per tensor and reused by every consumer. */
  private converted(i: number, layout: Layout, make: () => Value): Value {
    const key = `${i}|${layout}`
    const hit = this.layoutCache.get(key)
    if (hit) return hit
    const v = make()
    this.layoutCache.set(key, v)
    return v
  }

  /** Activation input in TFLite's own (NHWC / plain) element order. */
  plain(i: number): Value {
    const r = this.record(i)
    const t = this.tensor(i)
    if (r.kind === 'const') return this.constValue(i, 'raw', (c, shape) => ({ dims: shape, data: c.data }))
    if (r.layout === 'plain') return r.value
    return this.converted(i, 'plain', () =>
      this.g.op('Transpose', [r.value], { perm: NCHW_TO_NHWC }, { name: `${t.name}/to_nhwc` })
    )
  }

  /** Whether tensor i is (or will be) handled in NCHW: rank-4 activations. */
  isNchw(i: number): boolean {
    const r = this.record(i)
    return r.kind === 'act' ? r.layout === 'nchw' : false
  }

  run(): ConvertResult {
    const sg = this.sg
    const inputs: TensorSpec[] = []
    for (const i of sg.inputs) {
      const t = this.tensor(i)
      if (t.type !== 'FLOAT32') throw new Error(`Input ${t.name}: only float32 inputs are supported`)
      const v = this.g.input(t.name, 'float32', t.shape)
      inputs.push({ name: t.name, dtype: 'float32', shape: [...t.shape] })
      if (t.shape.length === 4) {
        const n = this.g.op(
          'Transpose',
          [v],
          { perm: NHWC_TO_NCHW },
          { name: `${t.name}/to_nchw`, outputNames: [this.g.uniqueName(`${t.name}_nchw`)] }
        )
        this.setAct(i, n, 'nchw')
      } else this.setAct(i, v, 'plain')
    }
    for (const op of sg.operators) this.convertOp(op)
    const outputs: TensorSpec[] = []
    for (const i of sg.outputs) {
      const t = this.tensor(i)
      const r = this.record(i)
      if (r.kind !== 'act') throw new Error(`Output ${t.name} is constant`)
      let v = r.value
      if (r.layout === 'nchw')
        v = this.g.op(
          'Transpose',
          [v],
          { perm: NCHW_TO_NHWC },
          { name: `${t.name}/to_nhwc`, outputNames: [t.name] }
        )
      this.g.output(v, t.name, 'float32', t.shape)
      outputs.push({ name: t.name, dtype: 'float32', shape: [...t.shape] })
    }
    const opCounts: Record<string, number> = {}
    for (const o of this.g.opTypes()) opCounts[o] = (opCounts[o] ?? 0) + 1
    return { bytes: this.g.toBytes(), inputs, outputs, opCounts }
  }

  private convertOp(op: TfliteOperator): void {
    const out = op.outputs[0]
    if (out === undefined) throw new Error(`${op.opName} without outputs`)
    const outT = this.tensor(out)
    const handler = OP_HANDLERS.get(op.opName)
    if (!handler)
      throw new Error(
        `Unsupported TFLite operator ${op.opName}${op.customCode ? ` (${op.customCode})` : ''} producing ${outT.name}`
      )
    handler(this, { op, out, outT, ins: op.inputs, in0: op.inputs[0] ?? -1 })
  }

  /** Scalar int64 index constant (for Gather with rank reduction). */
  index(i: number): Value {
    return this.g.constant('int64', [], [i], `idx_${i}`)
  }

  private scalarCache = new Map<number, Value>()
  scalar(v: number): Value {
    const hit = this.scalarCache.get(v)
    if (hit) return hit
    const c = this.g.constant('float32', [], [v], `scalar_${v}`)
    this.scalarCache.set(v, c)
    return c
  }
}

/** Convert subgraph `opts.subgraph` (default 0) of a decoded TFLite model to ONNX bytes. */
export function convertTfliteToOnnx(model: TfliteModel, opts: ConvertOptions): ConvertResult {
  const sg = model.subgraphs[opts.subgraph ?? 0]
  if (!sg) throw new Error('Model has no such subgraph')
  return new Converter(sg, opts).run()
}
