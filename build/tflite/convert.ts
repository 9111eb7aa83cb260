/**
 * TFLite -> ONNX converter for float inference graphs (the MediaPipe face detector, face mesh and selfie
 * segmentation models).
 *
 * Contract: the ONNX model keeps TFLite's boundary: same input/output names, NHWC shapes, float32. Inside,
 * every rank-4 activation is kept in NCHW (ORT's CPU Conv layout): one Transpose after each input and one before
 * each rank-4 output; other layout changes happen only where an op needs NHWC element order (RESHAPE).
 * Constant tensors (including fp16 weights behind DEQUANTIZE) are decoded to float32 initializers in the layout
 * their consumer needs.
 *
 * Semantics follow TFLite's reference kernels:
 *   - SAME padding: out = ceil(in / s), total = max((out - 1) * s + (k - 1) * d + 1 - in, 0), before = floor(total / 2),
 *     after = total - before (the extra pixel goes bottom/right), emitted as explicit ONNX pads.
 *   - AVERAGE_POOL_2D excludes padding from the divisor (count_include_pad = 0).
 *   - PRELU alpha broadcasts against NHWC from the right; it is re-laid out to NCHW.
 *   - RESIZE_BILINEAR: align_corners -> 'align_corners', half_pixel_centers -> 'half_pixel', else 'asymmetric'.
 *   - Convolution2DTransposeBias (MediaPipe custom op): custom options are TfLiteTransposeConvParams
 *     {int32 padding (1 SAME, 2 VALID), int32 stride_w, int32 stride_h}; weights OHWI; padding and output size as
 *     MediaPipe's kernel computes them (`transposeConvPadding`), emitted as ConvTranspose with explicit pads.
 */
import { GraphBuilder, type DType, type Value } from '../onnx'
import {
  type TfliteModel,
  type TfliteOperator,
  type TfliteSubgraph,
  type TfliteTensor,
  tensorFloat32,
  tensorInt32
} from './reader'
import { type ActivationName, type PaddingName } from './schema'

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

type Layout = 'nchw' | 'plain'
interface ActRecord {
  kind: 'act'
  value: Value
  layout: Layout
}
interface ConstRecord {
  kind: 'const'
  data: Float32Array | Int32Array
  isInt: boolean
}
type TensorRecord = ActRecord | ConstRecord

const NHWC_TO_NCHW = [0, 3, 1, 2]
const NCHW_TO_NHWC = [0, 2, 3, 1]

/** Output size and ONNX-style pads [before, after] of one spatial dim under TFLite padding rules. */
export function tflitePadding(
  padding: PaddingName,
  inSize: number,
  kernel: number,
  stride: number,
  dilation = 1
): { out: number; before: number; after: number } {
  const effK = (kernel - 1) * dilation + 1
  if (padding === 'VALID') return { out: Math.floor((inSize - effK) / stride) + 1, before: 0, after: 0 }
  const out = Math.ceil(inSize / stride)
  const total = Math.max((out - 1) * stride + effK - inSize, 0)
  const before = Math.floor(total / 2)
  return { out, before, after: total - before }
}

/**
 * Output size and pads of MediaPipe's Convolution2DTransposeBias (mediapipe/util/tflite/operations/
 * transpose_conv_bias.cc): with SAME, total = max(0, k - (in - 1) % s - 1), out = s * (in - 1) + k - total and the
 * scatter origin is shifted by floor(total / 2); with VALID, total = 0. As ONNX ConvTranspose pads:
 * before = floor(total / 2), after = total - before.
 */
export function transposeConvPadding(
  same: boolean,
  inSize: number,
  kernel: number,
  stride: number
): { out: number; before: number; after: number } {
  const total = same ? Math.max(0, kernel - ((inSize - 1) % stride) - 1) : 0
  const before = Math.floor(total / 2)
  return { out: stride * (inSize - 1) + kernel - total, before, after: total - before }
}

/** Permute a dense row-major array. */
export function transposeData<T extends Float32Array | Int32Array>(
  data: T,
  shape: readonly number[],
  perm: readonly number[]
): T {
  const rank = shape.length
  const outShape = perm.map((p) => shape[p] as number)
  const inStrides = new Array<number>(rank).fill(1)
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = (inStrides[i + 1] as number) * (shape[i + 1] as number)
  const out = new (data.constructor as new (n: number) => T)(data.length)
  const idx = new Array<number>(rank).fill(0)
  const permStrides = perm.map((p) => inStrides[p] as number)
  for (let o = 0; o < data.length; o++) {
    let src = 0
    for (let d = 0; d < rank; d++) src += (idx[d] as number) * (permStrides[d] as number)
    out[o] = data[src] as number
    for (let d = rank - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1
      if ((idx[d] as number) < (outShape[d] as number)) break
      idx[d] = 0
    }
  }
  return out
}

class Converter {
  private readonly g: GraphBuilder
  private readonly records = new Map<number, TensorRecord>()
  private readonly constCache = new Map<string, Value>()
  private readonly outputSet: Set<number>

  constructor(
    private readonly sg: TfliteSubgraph,
    opts: ConvertOptions
  ) {
    this.g = new GraphBuilder(opts.graphName, {
      opset: opts.opset ?? 17,
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

  private tensor(i: number): TfliteTensor {
    const t = this.sg.tensors[i]
    if (!t) throw new Error(`Bad tensor index ${i}`)
    return t
  }

  private record(i: number): TensorRecord {
    const r = this.records.get(i)
    if (!r) throw new Error(`Tensor ${this.tensor(i).name} used before it is produced`)
    return r
  }

  private constOf(i: number): ConstRecord {
    const r = this.record(i)
    if (r.kind !== 'const') throw new Error(`Tensor ${this.tensor(i).name} must be constant`)
    return r
  }

  /** A constant tensor as an initializer, with an optional permutation/reshape (cached). */
  private constValue(
    i: number,
    key: string,
    make: (
      c: ConstRecord,
      shape: number[]
    ) => { dims: number[]; data: Float32Array | Int32Array; dtype?: DType }
  ): Value {
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

  /** Emit a single-output node producing TFLite tensor `out` in layout `layout`. */
  private emit(
    out: number,
    layout: Layout,
    opType: string,
    inputs: (Value | null)[],
    attrs: Parameters<GraphBuilder['op']>[2] = {}
  ): Value {
    const v = this.g.op(opType, inputs, attrs, {
      outputNames: [this.nameFor(out, layout)],
      name: `${this.tensor(out).name}/${opType}`
    })
    this.setAct(out, v, layout)
    return v
  }

  /** Activation input as NCHW (rank 4) value. */
  private nchw(i: number): Value {
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
    return this.g.op('Transpose', [r.value], { perm: NHWC_TO_NCHW }, { name: `${t.name}/to_nchw` })
  }

  /** Activation input in TFLite's own (NHWC / plain) element order. */
  private plain(i: number): Value {
    const r = this.record(i)
    const t = this.tensor(i)
    if (r.kind === 'const') return this.constValue(i, 'raw', (c, shape) => ({ dims: shape, data: c.data }))
    if (r.layout === 'plain') return r.value
    return this.g.op('Transpose', [r.value], { perm: NCHW_TO_NHWC }, { name: `${t.name}/to_nhwc` })
  }

  /** Whether tensor i is (or will be) handled in NCHW: rank-4 activations. */
  private isNchw(i: number): boolean {
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
    const ins = op.inputs
    const in0 = ins[0] ?? -1
    const o = op.options
    const outT = this.tensor(out)
    switch (op.opName) {
      case 'DEQUANTIZE': {
        const r = this.record(in0)
        if (r.kind === 'const') {
          // fp16 weights become float32 constants at conversion time (already widened when read).
          if (r.isInt)
            throw new Error(
              `DEQUANTIZE of integer tensor ${this.tensor(in0).name}: quantized models are not supported`
            )
          this.records.set(out, { kind: 'const', data: r.data, isInt: false })
          return
        }
        this.emit(out, r.layout, 'Cast', [r.value], { to: 1 })
        return
      }
      case 'CONV_2D': {
        if (o.kind !== 'conv2d') throw new Error('CONV_2D options')
        const inT = this.tensor(in0)
        const wT = this.tensor(ins[1] ?? -1)
        const [, kh, kw] = wT.shape as [number, number, number, number]
        const ph = tflitePadding(o.padding, inT.shape[1] as number, kh, o.strideH, o.dilationH)
        const pw = tflitePadding(o.padding, inT.shape[2] as number, kw, o.strideW, o.dilationW)
        const w = this.constValue(ins[1] ?? -1, 'oihw', (c, s) => ({
          dims: [s[0], s[3], s[1], s[2]] as number[],
          data: transposeData(c.data, s, [0, 3, 1, 2])
        }))
        const b = ins[2] !== undefined && ins[2] >= 0 ? this.plain(ins[2]) : null
        const attrs = {
          kernel_shape: [kh, kw],
          strides: [o.strideH, o.strideW],
          dilations: [o.dilationH, o.dilationW],
          pads: [ph.before, pw.before, ph.after, pw.after],
          group: 1
        }
        this.convWithActivation(out, 'Conv', [this.nchw(in0), w, b], attrs, o.activation)
        return
      }
      case 'DEPTHWISE_CONV_2D': {
        if (o.kind !== 'depthwiseConv2d') throw new Error('DEPTHWISE_CONV_2D options')
        const inT = this.tensor(in0)
        const wT = this.tensor(ins[1] ?? -1)
        const [, kh, kw, cm] = wT.shape as [number, number, number, number]
        const cin = inT.shape[3] as number
        const ph = tflitePadding(o.padding, inT.shape[1] as number, kh, o.strideH, o.dilationH)
        const pw = tflitePadding(o.padding, inT.shape[2] as number, kw, o.strideW, o.dilationW)
        // [1, kh, kw, C*m] -> [C*m, 1, kh, kw]
        const w = this.constValue(ins[1] ?? -1, 'dw', (c, s) => ({
          dims: [cm, 1, kh, kw],
          data: transposeData(c.data, s, [3, 0, 1, 2])
        }))
        const b = ins[2] !== undefined && ins[2] >= 0 ? this.plain(ins[2]) : null
        const attrs = {
          kernel_shape: [kh, kw],
          strides: [o.strideH, o.strideW],
          dilations: [o.dilationH, o.dilationW],
          pads: [ph.before, pw.before, ph.after, pw.after],
          group: cin
        }
        this.convWithActivation(out, 'Conv', [this.nchw(in0), w, b], attrs, o.activation)
        return
      }
      case 'CUSTOM': {
        if (op.customCode !== 'Convolution2DTransposeBias')
          throw new Error(`Unsupported custom op ${op.customCode}`)
        const co = op.customOptions
        if (!co || co.length < 12) throw new Error('Convolution2DTransposeBias: missing custom options')
        const dv = new DataView(co.buffer, co.byteOffset, co.byteLength)
        const padCode = dv.getInt32(0, true)
        const strideW = dv.getInt32(4, true)
        const strideH = dv.getInt32(8, true)
        const inT = this.tensor(in0)
        const wT = this.tensor(ins[1] ?? -1)
        const [, kh, kw] = wT.shape as [number, number, number, number]
        const same = padCode === 1
        const pads: number[] = []
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
          pads.push(p.before)
        }
        pads.push(
          ...(
            [
              [inT.shape[1], kh, strideH],
              [inT.shape[2], kw, strideW]
            ] as [number, number, number][]
          ).map(([inSize, k, s]) => transposeConvPadding(same, inSize, k, s).after)
        )
        // OHWI -> [I, O, kh, kw]
        const w = this.constValue(ins[1] ?? -1, 'iohw', (c, s) => ({
          dims: [s[3], s[0], s[1], s[2]] as number[],
          data: transposeData(c.data, s, [3, 0, 1, 2])
        }))
        const b = ins[2] !== undefined && ins[2] >= 0 ? this.plain(ins[2]) : null
        this.emit(out, 'nchw', 'ConvTranspose', [this.nchw(in0), w, b], {
          kernel_shape: [kh, kw],
          strides: [strideH, strideW],
          pads
        })
        return
      }
      case 'MAX_POOL_2D':
      case 'AVERAGE_POOL_2D': {
        if (o.kind !== 'pool2d') throw new Error('pool options')
        const inT = this.tensor(in0)
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
        this.convWithActivation(
          out,
          opType,
          [this.nchw(in0)],
          global ? {} : opType === 'AveragePool' ? { ...attrs, count_include_pad: 0 } : attrs,
          o.activation
        )
        return
      }
      case 'ADD':
      case 'MUL':
      case 'SUB':
      case 'DIV': {
        const act = o.kind === 'activation' ? o.activation : 'NONE'
        const opType = { ADD: 'Add', MUL: 'Mul', SUB: 'Sub', DIV: 'Div' }[op.opName]
        const a = ins[0] ?? -1
        const b = ins[1] ?? -1
        const useNchw = this.isNchw(a) || this.isNchw(b)
        const va = useNchw ? this.nchw(a) : this.plain(a)
        const vb = useNchw ? this.nchw(b) : this.plain(b)
        this.convWithActivation(out, opType, [va, vb], {}, act, useNchw ? 'nchw' : 'plain')
        return
      }
      case 'RELU':
      case 'RELU6':
      case 'LOGISTIC':
      case 'TANH':
      case 'HARD_SWISH': {
        const r = this.record(in0)
        if (r.kind !== 'act') throw new Error(`${op.opName} of a constant`)
        if (op.opName === 'RELU') this.emit(out, r.layout, 'Relu', [r.value])
        else if (op.opName === 'RELU6')
          this.emit(out, r.layout, 'Clip', [r.value, this.scalar(0), this.scalar(6)])
        else if (op.opName === 'LOGISTIC') this.emit(out, r.layout, 'Sigmoid', [r.value])
        else if (op.opName === 'TANH') this.emit(out, r.layout, 'Tanh', [r.value])
        else this.emit(out, r.layout, 'HardSwish', [r.value])
        return
      }
      case 'PRELU': {
        const useNchw = this.isNchw(in0)
        const x = useNchw ? this.nchw(in0) : this.plain(in0)
        const alphaIdx = ins[1] ?? -1
        const alpha = useNchw ? this.nchw(alphaIdx) : this.plain(alphaIdx)
        this.emit(out, useNchw ? 'nchw' : 'plain', 'PRelu', [x, alpha])
        return
      }
      case 'PAD': {
        const pads = this.constOf(ins[1] ?? -1).data
        const rank = pads.length / 2
        const useNchw = this.isNchw(in0) && rank === 4
        const perm = useNchw ? NHWC_TO_NCHW : [...Array(rank).keys()]
        const before = perm.map((p) => pads[2 * p] as number)
        const after = perm.map((p) => pads[2 * p + 1] as number)
        const x = useNchw ? this.nchw(in0) : this.plain(in0)
        this.emit(
          out,
          useNchw ? 'nchw' : 'plain',
          'Pad',
          [x, this.g.int64s([...before, ...after], `${outT.name}/pads`)],
          { mode: 'constant' }
        )
        return
      }
      case 'RESHAPE': {
        const x = this.plain(in0)
        const shape = this.g.int64s(outT.shape, `${outT.name}/shape`)
        if (outT.shape.length === 4) {
          const nhwc = this.g.op('Reshape', [x, shape], {}, { name: `${outT.name}/Reshape` })
          this.emit(out, 'nchw', 'Transpose', [nhwc], { perm: NHWC_TO_NCHW })
        } else this.emit(out, 'plain', 'Reshape', [x, shape])
        return
      }
      case 'CONCATENATION': {
        if (o.kind !== 'concatenation') throw new Error('CONCATENATION options')
        const rank = outT.shape.length
        let axis = o.axis < 0 ? o.axis + rank : o.axis
        const useNchw = rank === 4 && ins.every((i) => this.isNchw(i) || this.record(i).kind === 'const')
        if (useNchw) axis = NHWC_TO_NCHW.indexOf(axis)
        const xs = ins.map((i) => (useNchw ? this.nchw(i) : this.plain(i)))
        this.convWithActivation(out, 'Concat', xs, { axis }, o.activation, useNchw ? 'nchw' : 'plain')
        return
      }
      case 'RESIZE_BILINEAR': {
        if (o.kind !== 'resizeBilinear') throw new Error('RESIZE_BILINEAR options')
        const size = this.constOf(ins[1] ?? -1).data
        const inT = this.tensor(in0)
        const sizes = this.g.int64s(
          [inT.shape[0] as number, inT.shape[3] as number, size[0] as number, size[1] as number],
          `${outT.name}/sizes`
        )
        const mode = o.alignCorners ? 'align_corners' : o.halfPixelCenters ? 'half_pixel' : 'asymmetric'
        this.emit(out, 'nchw', 'Resize', [this.nchw(in0), null, null, sizes], {
          mode: 'linear',
          coordinate_transformation_mode: mode
        })
        return
      }
      default:
        throw new Error(
          `Unsupported TFLite operator ${op.opName}${op.customCode ? ` (${op.customCode})` : ''} producing ${outT.name}`
        )
    }
  }

  private scalarCache = new Map<number, Value>()
  private scalar(v: number): Value {
    const hit = this.scalarCache.get(v)
    if (hit) return hit
    const c = this.g.constant('float32', [], [v], `scalar_${v}`)
    this.scalarCache.set(v, c)
    return c
  }

  /** Emit `opType` then its fused activation (if any) so that the final node names tensor `out`. */
  private convWithActivation(
    out: number,
    opType: string,
    inputs: (Value | null)[],
    attrs: Parameters<GraphBuilder['op']>[2],
    act: ActivationName,
    layout: Layout = 'nchw'
  ): void {
    if (act === 'NONE') {
      this.emit(out, layout, opType, inputs, attrs)
      return
    }
    const name = this.tensor(out).name
    const pre = this.g.op(opType, inputs, attrs, { name: `${name}/${opType}` })
    switch (act) {
      case 'RELU':
        this.emit(out, layout, 'Relu', [pre])
        return
      case 'RELU6':
        this.emit(out, layout, 'Clip', [pre, this.scalar(0), this.scalar(6)])
        return
      case 'RELU_N1_TO_1':
        this.emit(out, layout, 'Clip', [pre, this.scalar(-1), this.scalar(1)])
        return
      case 'TANH':
        this.emit(out, layout, 'Tanh', [pre])
        return
      default:
        throw new Error(`Unsupported fused activation ${act}`)
    }
  }
}

function rank4(shape: readonly number[]): number[] {
  if (shape.length > 4) throw new Error(`Rank ${shape.length} constant cannot be laid out as NCHW`)
  return [...new Array<number>(4 - shape.length).fill(1), ...shape]
}

/** Convert subgraph `opts.subgraph` (default 0) of a decoded TFLite model to ONNX bytes. */
export function convertTfliteToOnnx(model: TfliteModel, opts: ConvertOptions): ConvertResult {
  const sg = model.subgraphs[opts.subgraph ?? 0]
  if (!sg) throw new Error('Model has no such subgraph')
  return new Converter(sg, opts).run()
}
