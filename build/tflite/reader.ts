/**
 * TensorFlow Lite model reader: typed accessors over the flatbuffers runtime's `ByteBuffer` table API.
 *
 * Field ids follow tensorflow/lite/schema/schema.fbs (the vtable slot of field `id` is `4 + 2 * id`). Only the
 * tables and fields needed to convert inference graphs are exposed. `readTfliteModel(bytes)` decodes a whole
 * model into plain objects (`TfliteModel`), which is what the converter works on; the table classes below are
 * also exported for callers that want lazy access.
 *
 * Usage:
 *   const model = readTfliteModel(new Uint8Array(fs.readFileSync('face_detection_short_range.tflite')))
 *   const g = model.subgraphs[0]
 *   for (const op of g.operators) console.log(model.operatorCodes[op.opcodeIndex].name, op.inputs, op.outputs)
 */
import * as flatbuffers from 'flatbuffers'
import {
  ActivationFunctionType,
  type ActivationName,
  BuiltinOperator,
  type BuiltinOperatorName,
  BuiltinOptionsType,
  enumName,
  Padding,
  type PaddingName,
  TensorType,
  type TensorTypeName
} from './schema'

/** Base of all table accessors: a position in a ByteBuffer plus field helpers keyed by schema field id. */
abstract class TableAccessor {
  constructor(
    protected readonly bb: flatbuffers.ByteBuffer,
    protected readonly pos: number
  ) {}

  /** Offset of field `id` relative to the table start, or 0 when absent. */
  protected field(id: number): number {
    return this.bb.__offset(this.pos, 4 + 2 * id)
  }
  protected int32(id: number, def: number): number {
    const o = this.field(id)
    return o ? this.bb.readInt32(this.pos + o) : def
  }
  protected uint32(id: number, def: number): number {
    const o = this.field(id)
    return o ? this.bb.readUint32(this.pos + o) : def
  }
  protected int8(id: number, def: number): number {
    const o = this.field(id)
    return o ? this.bb.readInt8(this.pos + o) : def
  }
  protected uint8(id: number, def: number): number {
    const o = this.field(id)
    return o ? this.bb.readUint8(this.pos + o) : def
  }
  protected bool(id: number, def: boolean): boolean {
    const o = this.field(id)
    return o ? this.bb.readInt8(this.pos + o) !== 0 : def
  }
  protected string(id: number): string | null {
    const o = this.field(id)
    return o ? (this.bb.__string(this.pos + o, flatbuffers.Encoding.UTF16_STRING) as string) : null
  }
  protected int32Vector(id: number): Int32Array | null {
    const o = this.field(id)
    if (!o) return null
    const start = this.bb.__vector(this.pos + o)
    const len = this.bb.__vector_len(this.pos + o)
    const out = new Int32Array(len)
    for (let i = 0; i < len; i++) out[i] = this.bb.readInt32(start + 4 * i)
    return out
  }
  /** A `[ubyte]` vector as a view into the underlying bytes (no copy). */
  protected bytesVector(id: number): Uint8Array | null {
    const o = this.field(id)
    if (!o) return null
    const start = this.bb.__vector(this.pos + o)
    const len = this.bb.__vector_len(this.pos + o)
    const bytes = this.bb.bytes()
    return bytes.subarray(start, start + len)
  }
  protected tableVectorLength(id: number): number {
    const o = this.field(id)
    return o ? this.bb.__vector_len(this.pos + o) : 0
  }
  /** Position of the i-th table of a vector of tables. */
  protected tableVectorItem(id: number, i: number): number {
    const o = this.field(id)
    const start = this.bb.__vector(this.pos + o)
    return this.bb.__indirect(start + 4 * i)
  }
  /** Position of a sub-table field, or null when absent. */
  protected subTable(id: number): number | null {
    const o = this.field(id)
    return o ? this.bb.__indirect(this.pos + o) : null
  }
}

/** `table Model { version:uint; operator_codes:[OperatorCode]; subgraphs:[SubGraph]; description:string; buffers:[Buffer]; ... }` */
export class ModelTable extends TableAccessor {
  static fromBytes(bytes: Uint8Array): ModelTable {
    const bb = new flatbuffers.ByteBuffer(bytes)
    if (bytes.length >= 8 && bb.__has_identifier('TFL3') === false) {
      throw new Error('Not a TFLite model: file identifier is not "TFL3"')
    }
    return new ModelTable(bb, bb.readInt32(bb.position()) + bb.position())
  }
  version(): number {
    return this.uint32(0, 0)
  }
  operatorCodesLength(): number {
    return this.tableVectorLength(1)
  }
  operatorCode(i: number): OperatorCodeTable {
    return new OperatorCodeTable(this.bb, this.tableVectorItem(1, i))
  }
  subgraphsLength(): number {
    return this.tableVectorLength(2)
  }
  subgraph(i: number): SubGraphTable {
    return new SubGraphTable(this.bb, this.tableVectorItem(2, i))
  }
  description(): string | null {
    return this.string(3)
  }
  buffersLength(): number {
    return this.tableVectorLength(4)
  }
  buffer(i: number): BufferTable {
    return new BufferTable(this.bb, this.tableVectorItem(4, i))
  }
}

/** `table OperatorCode { deprecated_builtin_code:byte; custom_code:string; version:int = 1; builtin_code:BuiltinOperator; }` */
export class OperatorCodeTable extends TableAccessor {
  deprecatedBuiltinCode(): number {
    return this.int8(0, 0)
  }
  customCode(): string | null {
    return this.string(1)
  }
  version(): number {
    return this.int32(2, 1)
  }
  builtinCode(): number {
    return this.int32(3, 0)
  }
  /** The effective builtin code: the larger of the deprecated byte field and the int32 field (schema v3a rule). */
  effectiveBuiltinCode(): number {
    return Math.max(this.deprecatedBuiltinCode(), this.builtinCode())
  }
}

/** `table SubGraph { tensors:[Tensor]; inputs:[int]; outputs:[int]; operators:[Operator]; name:string; }` */
export class SubGraphTable extends TableAccessor {
  tensorsLength(): number {
    return this.tableVectorLength(0)
  }
  tensor(i: number): TensorTable {
    return new TensorTable(this.bb, this.tableVectorItem(0, i))
  }
  inputs(): Int32Array {
    return this.int32Vector(1) ?? new Int32Array(0)
  }
  outputs(): Int32Array {
    return this.int32Vector(2) ?? new Int32Array(0)
  }
  operatorsLength(): number {
    return this.tableVectorLength(3)
  }
  operator(i: number): OperatorTable {
    return new OperatorTable(this.bb, this.tableVectorItem(3, i))
  }
  name(): string | null {
    return this.string(4)
  }
}

/** `table Tensor { shape:[int]; type:TensorType; buffer:uint; name:string; quantization:...; is_variable:bool; ... }` */
export class TensorTable extends TableAccessor {
  shape(): Int32Array {
    return this.int32Vector(0) ?? new Int32Array(0)
  }
  type(): number {
    return this.int8(1, TensorType.FLOAT32)
  }
  buffer(): number {
    return this.uint32(2, 0)
  }
  name(): string | null {
    return this.string(3)
  }
  isVariable(): boolean {
    return this.bool(5, false)
  }
}

/** `table Buffer { data:[ubyte]; offset:ulong; size:ulong; }` (offset/size: data stored after the flatbuffer, unused here). */
export class BufferTable extends TableAccessor {
  data(): Uint8Array | null {
    return this.bytesVector(0)
  }
  hasExternalData(): boolean {
    return this.field(1) !== 0 && this.field(2) !== 0
  }
}

/**
 * `table Operator { opcode_index:uint; inputs:[int]; outputs:[int]; builtin_options:BuiltinOptions (union: type
 * slot 3, value slot 4); custom_options:[ubyte]; custom_options_format; mutating_variable_inputs; intermediates; }`
 */
export class OperatorTable extends TableAccessor {
  opcodeIndex(): number {
    return this.uint32(0, 0)
  }
  inputs(): Int32Array {
    return this.int32Vector(1) ?? new Int32Array(0)
  }
  outputs(): Int32Array {
    return this.int32Vector(2) ?? new Int32Array(0)
  }
  builtinOptionsType(): number {
    return this.uint8(3, 0)
  }
  builtinOptionsPosition(): number | null {
    return this.subTable(4)
  }
  customOptions(): Uint8Array | null {
    return this.bytesVector(5)
  }
  /** The builtin options table viewed as `T`, checking the union tag. */
  options<T extends TableAccessor>(
    expectedType: number,
    ctor: new (bb: flatbuffers.ByteBuffer, pos: number) => T
  ): T | null {
    const t = this.builtinOptionsType()
    if (t === BuiltinOptionsType.NONE) return null
    if (t !== expectedType) throw new Error(`Operator options type ${t}, expected ${expectedType}`)
    const p = this.builtinOptionsPosition()
    return p === null ? null : new ctor(this.bb, p)
  }
}

/** `table Conv2DOptions { padding; stride_w:int; stride_h:int; fused_activation_function; dilation_w_factor:int = 1; dilation_h_factor:int = 1; }` */
export class Conv2DOptionsTable extends TableAccessor {
  padding(): number {
    return this.int8(0, Padding.SAME)
  }
  strideW(): number {
    return this.int32(1, 0)
  }
  strideH(): number {
    return this.int32(2, 0)
  }
  fusedActivation(): number {
    return this.int8(3, 0)
  }
  dilationW(): number {
    return this.int32(4, 1)
  }
  dilationH(): number {
    return this.int32(5, 1)
  }
}

/** `table DepthwiseConv2DOptions { padding; stride_w; stride_h; depth_multiplier:int; fused_activation_function; dilation_w_factor = 1; dilation_h_factor = 1; }` */
export class DepthwiseConv2DOptionsTable extends TableAccessor {
  padding(): number {
    return this.int8(0, Padding.SAME)
  }
  strideW(): number {
    return this.int32(1, 0)
  }
  strideH(): number {
    return this.int32(2, 0)
  }
  depthMultiplier(): number {
    return this.int32(3, 0)
  }
  fusedActivation(): number {
    return this.int8(4, 0)
  }
  dilationW(): number {
    return this.int32(5, 1)
  }
  dilationH(): number {
    return this.int32(6, 1)
  }
}

/** `table Pool2DOptions { padding; stride_w:int; stride_h:int; filter_width:int; filter_height:int; fused_activation_function; }` */
export class Pool2DOptionsTable extends TableAccessor {
  padding(): number {
    return this.int8(0, Padding.SAME)
  }
  strideW(): number {
    return this.int32(1, 0)
  }
  strideH(): number {
    return this.int32(2, 0)
  }
  filterWidth(): number {
    return this.int32(3, 0)
  }
  filterHeight(): number {
    return this.int32(4, 0)
  }
  fusedActivation(): number {
    return this.int8(5, 0)
  }
}

/** `table ConcatenationOptions { axis:int; fused_activation_function; }` */
export class ConcatenationOptionsTable extends TableAccessor {
  axis(): number {
    return this.int32(0, 0)
  }
  fusedActivation(): number {
    return this.int8(1, 0)
  }
}

/** `table AddOptions { fused_activation_function; pot_scale_int16:bool = true; }` and `table MulOptions { fused_activation_function; }` (same slot 0). */
export class ActivationOnlyOptionsTable extends TableAccessor {
  fusedActivation(): number {
    return this.int8(0, 0)
  }
}

/** `table ReshapeOptions { new_shape:[int]; }` */
export class ReshapeOptionsTable extends TableAccessor {
  newShape(): Int32Array | null {
    return this.int32Vector(0)
  }
}

/** `table ResizeBilinearOptions { new_height:int (deprecated); new_width:int (deprecated); align_corners:bool; half_pixel_centers:bool; }` */
export class ResizeBilinearOptionsTable extends TableAccessor {
  alignCorners(): boolean {
    return this.bool(2, false)
  }
  halfPixelCenters(): boolean {
    return this.bool(3, false)
  }
}

/** `table ReducerOptions { keep_dims:bool; }` */
export class ReducerOptionsTable extends TableAccessor {
  keepDims(): boolean {
    return this.bool(0, false)
  }
}

// ---------------------------------------------------------------------------------------------------------
// Plain decoded model

export interface TfliteTensor {
  index: number
  name: string
  shape: number[]
  type: TensorTypeName
  /** Constant data (a view into the model bytes), or null for activations. */
  data: Uint8Array | null
}

export type TfliteOptions =
  | { kind: 'none' }
  | {
      kind: 'conv2d'
      padding: PaddingName
      strideW: number
      strideH: number
      dilationW: number
      dilationH: number
      activation: ActivationName
    }
  | {
      kind: 'depthwiseConv2d'
      padding: PaddingName
      strideW: number
      strideH: number
      depthMultiplier: number
      dilationW: number
      dilationH: number
      activation: ActivationName
    }
  | {
      kind: 'pool2d'
      padding: PaddingName
      strideW: number
      strideH: number
      filterW: number
      filterH: number
      activation: ActivationName
    }
  | { kind: 'concatenation'; axis: number; activation: ActivationName }
  | { kind: 'activation'; activation: ActivationName }
  | { kind: 'reshape'; newShape: number[] | null }
  | { kind: 'resizeBilinear'; alignCorners: boolean; halfPixelCenters: boolean }
  | { kind: 'reducer'; keepDims: boolean }

export interface TfliteOperator {
  /** Builtin operator name, or `CUSTOM`. Unknown builtins are `BUILTIN_<code>`. */
  opName: BuiltinOperatorName | `BUILTIN_${number}`
  customCode: string | null
  /** Operator version from its OperatorCode (custom ops use it to select semantics). */
  version: number
  /** Tensor indices; -1 means an omitted optional input. */
  inputs: number[]
  outputs: number[]
  options: TfliteOptions
  customOptions: Uint8Array | null
}

export interface TfliteSubgraph {
  name: string
  tensors: TfliteTensor[]
  inputs: number[]
  outputs: number[]
  operators: TfliteOperator[]
}

export interface TfliteModel {
  version: number
  description: string
  subgraphs: TfliteSubgraph[]
}

function activationName(v: number): ActivationName {
  const n = enumName(ActivationFunctionType, v)
  if (n === undefined) throw new Error(`Unknown fused activation ${v}`)
  return n
}
function paddingName(v: number): PaddingName {
  const n = enumName(Padding, v)
  if (n === undefined) throw new Error(`Unknown padding ${v}`)
  return n
}

function decodeOptions(opName: string, op: OperatorTable): TfliteOptions {
  switch (opName) {
    case 'CONV_2D': {
      const o = op.options(BuiltinOptionsType.Conv2DOptions, Conv2DOptionsTable)
      if (!o) throw new Error('CONV_2D without options')
      return {
        kind: 'conv2d',
        padding: paddingName(o.padding()),
        strideW: o.strideW(),
        strideH: o.strideH(),
        dilationW: o.dilationW(),
        dilationH: o.dilationH(),
        activation: activationName(o.fusedActivation())
      }
    }
    case 'DEPTHWISE_CONV_2D': {
      const o = op.options(BuiltinOptionsType.DepthwiseConv2DOptions, DepthwiseConv2DOptionsTable)
      if (!o) throw new Error('DEPTHWISE_CONV_2D without options')
      return {
        kind: 'depthwiseConv2d',
        padding: paddingName(o.padding()),
        strideW: o.strideW(),
        strideH: o.strideH(),
        depthMultiplier: o.depthMultiplier(),
        dilationW: o.dilationW(),
        dilationH: o.dilationH(),
        activation: activationName(o.fusedActivation())
      }
    }
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D': {
      const o = op.options(BuiltinOptionsType.Pool2DOptions, Pool2DOptionsTable)
      if (!o) throw new Error(`${opName} without options`)
      return {
        kind: 'pool2d',
        padding: paddingName(o.padding()),
        strideW: o.strideW(),
        strideH: o.strideH(),
        filterW: o.filterWidth(),
        filterH: o.filterHeight(),
        activation: activationName(o.fusedActivation())
      }
    }
    case 'CONCATENATION': {
      const o = op.options(BuiltinOptionsType.ConcatenationOptions, ConcatenationOptionsTable)
      return {
        kind: 'concatenation',
        axis: o?.axis() ?? 0,
        activation: activationName(o?.fusedActivation() ?? 0)
      }
    }
    case 'MEAN': {
      const o = op.options(BuiltinOptionsType.ReducerOptions, ReducerOptionsTable)
      return { kind: 'reducer', keepDims: o?.keepDims() ?? false }
    }
    case 'FULLY_CONNECTED':
    case 'ADD':
    case 'MUL': {
      // FullyConnectedOptions also holds its fused activation in slot 0.
      const expected =
        opName === 'ADD'
          ? BuiltinOptionsType.AddOptions
          : opName === 'MUL'
            ? BuiltinOptionsType.MulOptions
            : BuiltinOptionsType.FullyConnectedOptions
      const o = op.options(expected, ActivationOnlyOptionsTable)
      return { kind: 'activation', activation: activationName(o?.fusedActivation() ?? 0) }
    }
    case 'RESHAPE': {
      const o = op.options(BuiltinOptionsType.ReshapeOptions, ReshapeOptionsTable)
      const s = o?.newShape()
      return { kind: 'reshape', newShape: s ? Array.from(s) : null }
    }
    case 'RESIZE_BILINEAR': {
      const o = op.options(BuiltinOptionsType.ResizeBilinearOptions, ResizeBilinearOptionsTable)
      return {
        kind: 'resizeBilinear',
        alignCorners: o?.alignCorners() ?? false,
        halfPixelCenters: o?.halfPixelCenters() ?? false
      }
    }
    default:
      return { kind: 'none' }
  }
}

/** Decode a whole TFLite model (all subgraphs, tensors, constant buffers as views, operators with options). */
export function readTfliteModel(bytes: Uint8Array): TfliteModel {
  const m = ModelTable.fromBytes(bytes)
  const codes: { name: TfliteOperator['opName']; custom: string | null; version: number }[] = []
  for (let i = 0; i < m.operatorCodesLength(); i++) {
    const c = m.operatorCode(i)
    const code = c.effectiveBuiltinCode()
    codes.push({
      name: enumName(BuiltinOperator, code) ?? `BUILTIN_${code}`,
      custom: c.customCode(),
      version: c.version()
    })
  }
  const buffers: (Uint8Array | null)[] = []
  for (let i = 0; i < m.buffersLength(); i++) {
    const b = m.buffer(i)
    if (b.hasExternalData()) throw new Error('TFLite buffers stored outside the flatbuffer are not supported')
    const d = b.data()
    buffers.push(d && d.length > 0 ? d : null)
  }
  const subgraphs: TfliteSubgraph[] = []
  for (let s = 0; s < m.subgraphsLength(); s++) {
    const sg = m.subgraph(s)
    const tensors: TfliteTensor[] = []
    for (let t = 0; t < sg.tensorsLength(); t++) {
      const tt = sg.tensor(t)
      const typeName = enumName(TensorType, tt.type())
      if (typeName === undefined) throw new Error(`Tensor ${t}: unknown type ${tt.type()}`)
      tensors.push({
        index: t,
        name: tt.name() ?? `tensor_${t}`,
        shape: Array.from(tt.shape()),
        type: typeName,
        data: buffers[tt.buffer()] ?? null
      })
    }
    const operators: TfliteOperator[] = []
    for (let o = 0; o < sg.operatorsLength(); o++) {
      const op = sg.operator(o)
      const code = codes[op.opcodeIndex()]
      if (!code) throw new Error(`Operator ${o}: bad opcode index ${op.opcodeIndex()}`)
      operators.push({
        opName: code.name,
        customCode: code.custom,
        version: code.version,
        inputs: Array.from(op.inputs()),
        outputs: Array.from(op.outputs()),
        options: decodeOptions(code.name, op),
        customOptions: op.customOptions()
      })
    }
    subgraphs.push({
      name: sg.name() ?? `subgraph_${s}`,
      tensors,
      inputs: Array.from(sg.inputs()),
      outputs: Array.from(sg.outputs()),
      operators
    })
  }
  return { version: m.version(), description: m.description() ?? '', subgraphs }
}

/** Float32 values of a constant tensor (FLOAT32 copied, FLOAT16 widened, INT32 converted). */
export function tensorFloat32(t: TfliteTensor): Float32Array {
  if (!t.data) throw new Error(`Tensor ${t.name} has no constant data`)
  const d = t.data
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength)
  if (t.type === 'FLOAT32') {
    const out = new Float32Array(d.byteLength / 4)
    for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(4 * i, true)
    return out
  }
  if (t.type === 'FLOAT16') {
    const out = new Float32Array(d.byteLength / 2)
    for (let i = 0; i < out.length; i++) out[i] = halfToFloat(dv.getUint16(2 * i, true))
    return out
  }
  if (t.type === 'INT32') {
    const out = new Float32Array(d.byteLength / 4)
    for (let i = 0; i < out.length; i++) out[i] = dv.getInt32(4 * i, true)
    return out
  }
  throw new Error(`Tensor ${t.name}: cannot read type ${t.type} as float32`)
}

/** Int32 values of a constant INT32 (or INT64, narrowed) tensor. */
export function tensorInt32(t: TfliteTensor): Int32Array {
  if (!t.data) throw new Error(`Tensor ${t.name} has no constant data`)
  const d = t.data
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength)
  if (t.type === 'INT32') {
    const out = new Int32Array(d.byteLength / 4)
    for (let i = 0; i < out.length; i++) out[i] = dv.getInt32(4 * i, true)
    return out
  }
  if (t.type === 'INT64') {
    const out = new Int32Array(d.byteLength / 8)
    for (let i = 0; i < out.length; i++) out[i] = Number(dv.getBigInt64(8 * i, true))
    return out
  }
  throw new Error(`Tensor ${t.name}: cannot read type ${t.type} as int32`)
}

/** IEEE 754 binary16 -> number (exact). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1
  const exp = (h >> 10) & 0x1f
  const frac = h & 0x3ff
  if (exp === 0) return sign * frac * 2 ** -24
  if (exp === 0x1f) return frac ? NaN : sign * Infinity
  return sign * (1 + frac / 1024) * 2 ** (exp - 15)
}
