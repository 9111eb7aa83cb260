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
 */
import { toObject } from 'flatbuffers/js/flexbuffers'
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
  private readonly opset: number

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
  private plain(i: number): Value {
    const r = this.record(i)
    const t = this.tensor(i)
    if (r.kind === 'const') return this.constValue(i, 'raw', (c, shape) => ({ dims: shape, data: c.data }))
    if (r.layout === 'plain') return r.value
    return this.converted(i, 'plain', () =>
      this.g.op('Transpose', [r.value], { perm: NCHW_TO_NHWC }, { name: `${t.name}/to_nhwc` })
    )
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
        if (op.customCode === 'Landmarks2TransformMatrix') return this.landmarksToTransformMatrix(op, out)
        if (op.customCode === 'TransformTensorBilinear') return this.transformTensorBilinear(op, out)
        if (op.customCode === 'TransformLandmarks') return this.transformLandmarks(op, out)
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
        // Reshape works on TFLite element order; a rank-4 result stays NHWC ('plain') until an op needs NCHW.
        const shape = this.g.int64s(outT.shape, `${outT.name}/shape`)
        this.emit(out, 'plain', 'Reshape', [this.plain(in0), shape])
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
      case 'MEAN': {
        // Mean over constant axes (global average pooling over H and W in the hand landmark model).
        if (o.kind !== 'reducer') throw new Error('MEAN options')
        const inT = this.tensor(in0)
        const rank = inT.shape.length
        const axesNhwc = Array.from(this.constOf(ins[1] ?? -1).data).map((a) => (a < 0 ? a + rank : a))
        const useNchw = this.isNchw(in0) && rank === 4
        const axes = (useNchw ? axesNhwc.map((a) => NHWC_TO_NCHW.indexOf(a)) : axesNhwc).sort((a, b) => a - b)
        // With keep_dims a rank-4 result stays NCHW; without it, reducing H and W (NCHW axes 2, 3) or any
        // trailing axes leaves the rest in TFLite's own order.
        const reducesSpatial = axes.every((a) => a >= 2)
        if (useNchw && !o.keepDims && !reducesSpatial)
          throw new Error(`MEAN ${outT.name}: only the spatial axes of a rank-4 tensor can be dropped`)
        const keepdims = o.keepDims ? 1 : 0
        const x = useNchw ? this.nchw(in0) : this.plain(in0)
        const layout: Layout = useNchw && o.keepDims ? 'nchw' : 'plain'
        if (this.opset >= 18)
          this.emit(out, layout, 'ReduceMean', [x, this.g.int64s(axes, `${outT.name}/axes`)], { keepdims })
        else this.emit(out, layout, 'ReduceMean', [x], { axes, keepdims })
        return
      }
      case 'FULLY_CONNECTED': {
        // y = x W^T + b, W [out, in] (TFLite's default weights format), x [batch, in].
        if (o.kind !== 'activation') throw new Error('FULLY_CONNECTED options')
        const inT = this.tensor(in0)
        if (inT.shape.length !== 2 || outT.shape.length !== 2)
          throw new Error(`FULLY_CONNECTED ${outT.name}: only rank-2 inputs and outputs are supported`)
        const w = this.plain(ins[1] ?? -1)
        const biasIdx = ins[2] ?? -1
        const b = biasIdx >= 0 ? this.plain(biasIdx) : null
        this.convWithActivation(
          out,
          'Gemm',
          b ? [this.plain(in0), w, b] : [this.plain(in0), w],
          { transB: 1 },
          o.activation,
          'plain'
        )
        return
      }
      case 'STRIDED_SLICE': {
        // Only the identity slice (as in face_landmark_with_attention's output_mesh_identity) is supported.
        const inT = this.tensor(in0)
        const begin = this.constOf(ins[1] ?? -1).data
        const end = this.constOf(ins[2] ?? -1).data
        const strides = this.constOf(ins[3] ?? -1).data
        const identity =
          inT.shape.length === outT.shape.length &&
          inT.shape.every((d, i) => d === outT.shape[i]) &&
          Array.from(begin).every((b) => b === 0) &&
          Array.from(strides).every((st) => st === 1) &&
          Array.from(end).every((e, i) => e >= (inT.shape[i] as number))
        if (!identity) throw new Error(`STRIDED_SLICE ${outT.name}: only identity slices are supported`)
        const r = this.record(in0)
        if (r.kind !== 'act') throw new Error('STRIDED_SLICE of a constant')
        this.emit(out, r.layout, 'Identity', [r.value])
        return
      }
      default:
        throw new Error(
          `Unsupported TFLite operator ${op.opName}${op.customCode ? ` (${op.customCode})` : ''} producing ${outT.name}`
        )
    }
  }

  /** Scalar int64 index constant (for Gather with rank reduction). */
  private index(i: number): Value {
    return this.g.constant('int64', [], [i], `idx_${i}`)
  }

  /**
   * MediaPipe `Landmarks2TransformMatrix` v2 (mediapipe/util/tflite/operations/landmarks_to_transform_matrix.cc):
   * the 4x4 matrix mapping output-crop pixels to landmark space for a crop around `subset_idxs`, rotated so that
   * left/right rotation landmarks are level. rotation = target - atan2(dy, dx) is carried as (cos, sin) computed
   * from the normalized (dx, dy) (ONNX has no Atan2); then M = Shift(center) * Rot(-r) * Scale(scale * crop / out)
   * * Shift(-out / 2).
   */
  private landmarksToTransformMatrix(op: TfliteOperator, out: number): void {
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
    const g = this.g
    const inT = this.tensor(op.inputs[0] ?? -1)
    const n = inT.shape[inT.shape.length - 2] as number
    const name = this.tensor(out).name
    const f = (v: number): Value => this.scalar(v)
    const lm = g.op(
      'Reshape',
      [this.plain(op.inputs[0] ?? -1), g.int64s([n, 3])],
      {},
      { name: `${name}/landmarks` }
    )
    const xy = g.op('Slice', [lm, g.int64s([0]), g.int64s([2]), g.int64s([1])], {}, { name: `${name}/xy` })
    const left = g.op('Gather', [xy, this.index(num('left_rotation_idx'))], { axis: 0 })
    const right = g.op('Gather', [xy, this.index(num('right_rotation_idx'))], { axis: 0 })
    const d = g.op('Sub', [right, left])
    const len = g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [d, d])], { keepdims: 0 })])
    const dn = g.op('Div', [d, len])
    const ca = g.op('Gather', [dn, this.index(0)], { axis: 0 })
    const sa = g.op('Gather', [dn, this.index(1)], { axis: 0 })
    // r = target - a: cos r = cos t cos a + sin t sin a, sin r = sin t cos a - cos t sin a
    const ct = Math.cos(target)
    const st = Math.sin(target)
    const cr = g.op(
      'Add',
      [g.op('Mul', [ca, f(ct)]), g.op('Mul', [sa, f(st)])],
      {},
      { name: `${name}/cos_r` }
    )
    const sr = g.op(
      'Sub',
      [g.op('Mul', [ca, f(st)]), g.op('Mul', [sa, f(ct)])],
      {},
      { name: `${name}/sin_r` }
    )
    const idx = subset.length % 2 === 0 ? subset : [...subset, subset[subset.length - 1] as number]
    const pts = g.op('Gather', [xy, g.int64s(idx)], { axis: 0 }, { name: `${name}/subset` })
    const px = g.op('Gather', [pts, this.index(0)], { axis: 1 })
    const py = g.op('Gather', [pts, this.index(1)], { axis: 1 })
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
    const cx = g.op('Add', [g.op('Mul', [cr, mx]), g.op('Mul', [sr, my])])
    const cy = g.op('Sub', [g.op('Mul', [cr, my]), g.op('Mul', [sr, mx])])
    const scx = g.op('Div', [g.op('Mul', [cw, f(sx)]), f(ow)])
    const scy = g.op('Div', [g.op('Mul', [ch, f(sy)]), f(oh)])
    const a00 = g.op('Mul', [cr, scx])
    const a01 = g.op('Mul', [sr, scy])
    const a10 = g.op('Neg', [g.op('Mul', [sr, scx])])
    const a11 = g.op('Mul', [cr, scy])
    const tx = g.op('Add', [
      cx,
      g.op('Add', [g.op('Mul', [a00, f(-ow / 2)]), g.op('Mul', [a01, f(-oh / 2)])])
    ])
    const ty = g.op('Add', [
      cy,
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
    this.emit(out, 'plain', 'Reshape', [cat, g.int64s(this.tensor(out).shape)])
  }

  /**
   * MediaPipe `TransformTensorBilinear` v2: out(y, x) = bilinear sample of the input at (M * [x, y, 0, 1]) with the
   * align-corners correction M -> S * M * A (A: +0.5, S: -0.5 on x/y); samples whose point falls outside
   * [0, W-1] x [0, H-1] are 0. As ONNX: a constant pixel grid times the matrix rows, GridSample (bilinear, zeros,
   * align_corners = 1) on normalized coordinates, times an in-bounds mask.
   */
  private transformTensorBilinear(op: TfliteOperator, out: number): void {
    if (op.version !== 2) throw new Error(`TransformTensorBilinear version ${op.version} is not supported`)
    const g = this.g
    const inT = this.tensor(op.inputs[0] ?? -1)
    const outT = this.tensor(out)
    const [, H, W, C] = inT.shape as [number, number, number, number]
    const [, OH, OW] = outT.shape as [number, number, number, number]
    const name = outT.name
    const m = g.op('Reshape', [this.plain(op.inputs[1] ?? -1), g.int64s([4, 4])])
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
      this.scalar(1)
    ])
    const gridN = g.op('Reshape', [norm, g.int64s([1, OH, OW, 2])])
    const sampled = g.op(
      'GridSample',
      [this.nchw(op.inputs[0] ?? -1), gridN],
      { mode: 'bilinear', padding_mode: 'zeros', align_corners: 1 },
      { name: `${name}/GridSample` }
    )
    if (C !== outT.shape[3]) throw new Error(`TransformTensorBilinear ${name}: channel mismatch`)
    this.emit(out, 'nchw', 'Mul', [sampled, mask])
  }

  /** MediaPipe `TransformLandmarks` v2 (2-D landmarks): x' = m0 x + m1 y + m3, y' = m4 x + m5 y + m7. */
  private transformLandmarks(op: TfliteOperator, out: number): void {
    if (op.version !== 2) throw new Error(`TransformLandmarks version ${op.version} is not supported`)
    const outT = this.tensor(out)
    if (outT.shape[outT.shape.length - 1] !== 2)
      throw new Error('TransformLandmarks: only 2-D landmarks are supported')
    const g = this.g
    const m = g.op('Reshape', [this.plain(op.inputs[1] ?? -1), g.int64s([4, 4])])
    const a = g.op('Slice', [m, g.int64s([0, 0]), g.int64s([2, 2]), g.int64s([0, 1])])
    const b = g.op('Reshape', [
      g.op('Slice', [m, g.int64s([0, 3]), g.int64s([2, 4]), g.int64s([0, 1])]),
      g.int64s([2])
    ])
    const moved = g.op('MatMul', [this.plain(op.inputs[0] ?? -1), g.op('Transpose', [a], { perm: [1, 0] })])
    this.emit(out, 'plain', 'Add', [moved, b])
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
