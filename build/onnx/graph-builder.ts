/**
 * A small typed ONNX model writer.
 *
 * Build a graph with `GraphBuilder`, serialize it with `toBytes()`; the bytes load in onnxruntime
 * (`InferenceSession.create(bytes)`). Output is deterministic: the same calls give the same bytes.
 *
 *   import { GraphBuilder, float } from '../onnx'
 *
 *   const g = new GraphBuilder('tiny', { opset: 17 })
 *   const x = g.input('x', 'float32', [1, 3, 'H', 'W'])                    // named dims are symbolic
 *   const w = g.initializer('w', 'float32', [8, 3, 3, 3], weights)          // Float32Array | number[]
 *   const b = g.initializer('b', 'float32', [8], bias)
 *   const y = g.op('Conv', [x, w, b], { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] })
 *   const z = g.op('HardSigmoid', [y], { alpha: float(1 / 6), beta: 0.5 })  // float(): force FLOAT type
 *   const [vals, idx] = g.opMulti('TopK', [z, k], 2, { axis: 1 })            // several outputs
 *   g.output(z, 'y', 'float32', [1, 8, 'H', 'W'])                           // renames via Identity if needed
 *   const bytes: Uint8Array = g.toBytes()
 *
 * Attribute values: an integer number -> INT, a non-integer number -> FLOAT, `float(x)` -> FLOAT always,
 * a string -> STRING, number[] -> INTS when all are integers else FLOATS, `floats([...])` -> FLOATS always,
 * string[] -> STRINGS, `tensorAttr(...)` -> TENSOR (e.g. for ConstantOfShape's `value`), a GraphBuilder -> GRAPH
 * (If/Loop/Scan bodies: build the body with its own `new GraphBuilder(...)`, declare its inputs/outputs; it may
 * refer to outer-scope values by name).
 *
 * Names: `input`/`initializer`/`output` use the exact names given (they must be unique); node outputs get
 * `opts.name` or a generated `<op_type>_<n>` name. `g.constant(...)` adds an initializer with a generated name.
 * Custom-domain operators: pass `{ domain: 'com.microsoft' }` and declare the domain with `g.useDomain(...)`.
 */
import { modelProtoType, OnnxAttributeType, OnnxDataType } from './onnx-proto'

export type DType = keyof typeof OnnxDataType
export type Dim = number | string
export type Shape = readonly Dim[]

/** A tensor in the graph (graph input, initializer or node output). */
export interface Value {
  readonly name: string
  readonly dtype?: DType
  readonly shape?: Shape
}

export type TensorData = Float32Array | Int32Array | BigInt64Array | Uint8Array | readonly number[]

/** A FLOAT attribute, even for integral values. */
export class FloatAttr {
  constructor(readonly value: number) {}
}
/** A FLOATS attribute, even for integral values. */
export class FloatsAttr {
  constructor(readonly value: readonly number[]) {}
}
/** A TENSOR attribute. */
export class TensorAttr {
  constructor(
    readonly dtype: DType,
    readonly dims: readonly number[],
    readonly data: TensorData
  ) {}
}
export const float = (v: number): FloatAttr => new FloatAttr(v)
export const floats = (v: readonly number[]): FloatsAttr => new FloatsAttr(v)
export const tensorAttr = (dtype: DType, dims: readonly number[], data: TensorData): TensorAttr =>
  new TensorAttr(dtype, dims, data)

export type AttrValue =
  number | string | readonly number[] | readonly string[] | FloatAttr | FloatsAttr | TensorAttr | GraphBuilder
export type Attrs = Readonly<Record<string, AttrValue | undefined>>

export interface OpOptions {
  /** Node name (also the base of its output names). */
  name?: string
  /** Explicit output names. */
  outputNames?: readonly string[]
  /** Operator domain ('' = default ONNX domain). */
  domain?: string
  /** Optional dtype/shape annotations of the (first) output, kept on the returned Value. */
  dtype?: DType
  shape?: Shape
}

export interface GraphBuilderOptions {
  /** Default-domain opset version (default 17). */
  opset?: number
  /** ONNX IR version (default 8, the IR of opset 17). */
  irVersion?: number
  producerName?: string
  producerVersion?: string
  docString?: string
}

interface TensorObj {
  name: string
  dims: number[]
  data_type: number
  raw_data: Uint8Array
}
interface ValueInfoObj {
  name: string
  type: {
    tensor_type: { elem_type: number; shape: { dim: ({ dim_value: number } | { dim_param: string })[] } }
  }
}
interface AttrObj {
  name: string
  type: number
  f?: number
  i?: number
  s?: Uint8Array
  t?: TensorObj
  g?: GraphObj
  floats?: number[]
  ints?: number[]
  strings?: Uint8Array[]
}
interface GraphObj {
  name: string
  node: NodeObj[]
  initializer: TensorObj[]
  input: ValueInfoObj[]
  output: ValueInfoObj[]
}
interface NodeObj {
  input: string[]
  output: string[]
  name: string
  op_type: string
  domain: string
  attribute: AttrObj[]
}

const BYTES_PER: Record<DType, number> = {
  float32: 4,
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  int32: 4,
  int64: 8,
  string: 0,
  bool: 1,
  float16: 2,
  float64: 8
}

/** Little-endian raw bytes of tensor data, independent of the host byte order. */
export function encodeRaw(dtype: DType, data: TensorData, count: number): Uint8Array {
  if (data.length !== count) throw new Error(`Tensor data has ${data.length} elements, shape wants ${count}`)
  const bytes = new Uint8Array(count * BYTES_PER[dtype])
  const dv = new DataView(bytes.buffer)
  for (let i = 0; i < count; i++) {
    const v = data[i] as number | bigint
    switch (dtype) {
      case 'float32':
        dv.setFloat32(4 * i, Number(v), true)
        break
      case 'float64':
        dv.setFloat64(8 * i, Number(v), true)
        break
      case 'int32':
        dv.setInt32(4 * i, Number(v), true)
        break
      case 'int64':
        dv.setBigInt64(8 * i, typeof v === 'bigint' ? v : BigInt(Math.trunc(v)), true)
        break
      case 'uint8':
      case 'bool':
        dv.setUint8(i, Number(v))
        break
      case 'int8':
        dv.setInt8(i, Number(v))
        break
      case 'int16':
        dv.setInt16(2 * i, Number(v), true)
        break
      case 'uint16':
      case 'float16':
        dv.setUint16(2 * i, Number(v), true)
        break
      default:
        throw new Error(`Cannot encode dtype ${dtype}`)
    }
  }
  return bytes
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

export class GraphBuilder {
  private readonly nodes: NodeObj[] = []
  private readonly initializers: TensorObj[] = []
  private readonly inputs: ValueInfoObj[] = []
  private readonly outputs: ValueInfoObj[] = []
  private readonly names = new Set<string>()
  private readonly counters = new Map<string, number>()
  private readonly domains = new Map<string, number>()
  private readonly metadata: [string, string][] = []
  readonly opset: number

  constructor(
    readonly name: string,
    private readonly options: GraphBuilderOptions = {}
  ) {
    this.opset = options.opset ?? 17
  }

  /** A fresh unique tensor/node name starting with `base`. */
  uniqueName(base: string): string {
    if (!this.names.has(base)) return base
    let n = this.counters.get(base) ?? 1
    while (this.names.has(`${base}_${n}`)) n++
    this.counters.set(base, n + 1)
    return `${base}_${n}`
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`Duplicate tensor name "${name}"`)
    this.names.add(name)
    return name
  }

  /** Declare an extra operator-set domain (e.g. 'com.microsoft', 1). */
  useDomain(domain: string, version: number): void {
    this.domains.set(domain, version)
  }

  /** Add a key/value string to the model's metadata_props. */
  addMetadata(key: string, value: string): void {
    this.metadata.push([key, value])
  }

  /** Add a graph input. Named dims (strings) are symbolic. */
  input(name: string, dtype: DType, shape: Shape): Value {
    this.inputs.push(valueInfo(this.claim(name), dtype, shape))
    return { name, dtype, shape }
  }

  /** Add a constant tensor (initializer) with an exact name. */
  initializer(name: string, dtype: DType, dims: readonly number[], data: TensorData): Value {
    const count = dims.reduce((a, b) => a * b, 1)
    this.initializers.push({
      name: this.claim(name),
      dims: [...dims],
      data_type: OnnxDataType[dtype],
      raw_data: encodeRaw(dtype, data, count)
    })
    return { name, dtype, shape: dims }
  }

  /** Add a constant tensor with a generated unique name based on `base`. */
  constant(dtype: DType, dims: readonly number[], data: TensorData, base = 'const'): Value {
    return this.initializer(this.uniqueName(base), dtype, dims, data)
  }

  /** Shorthand for an int64 1-D constant (shapes, axes, pads...). */
  int64s(values: readonly number[], base = 'const_i64'): Value {
    return this.constant('int64', [values.length], values, base)
  }

  /** Add a node with a single output; returns that output. `null` inputs are omitted optional inputs. */
  op(opType: string, inputs: readonly (Value | null)[], attrs: Attrs = {}, opts: OpOptions = {}): Value {
    const out = this.opMulti(opType, inputs, 1, attrs, opts)[0]
    if (!out) throw new Error('unreachable')
    return opts.dtype || opts.shape ? { name: out.name, dtype: opts.dtype, shape: opts.shape } : out
  }

  /** Add a node with `nOutputs` outputs. */
  opMulti(
    opType: string,
    inputs: readonly (Value | null)[],
    nOutputs: number,
    attrs: Attrs = {},
    opts: OpOptions = {}
  ): Value[] {
    const domain = opts.domain ?? ''
    if (domain !== '' && !this.domains.has(domain))
      throw new Error(`Domain ${domain} not declared (useDomain)`)
    const nodeName = this.uniqueName(opts.name ?? opType.toLowerCase())
    const outNames: string[] = []
    for (let i = 0; i < nOutputs; i++) {
      const explicit = opts.outputNames?.[i]
      if (explicit !== undefined) outNames.push(this.claim(explicit))
      else {
        const base = i === 0 ? nodeName : `${nodeName}_out${i}`
        outNames.push(this.claim(this.names.has(base) ? this.uniqueName(base) : base))
      }
    }
    if (nodeName !== outNames[0]) this.names.add(nodeName)
    const attribute: AttrObj[] = []
    for (const key of Object.keys(attrs).sort()) {
      const v = attrs[key]
      if (v !== undefined) attribute.push(encodeAttr(key, v))
    }
    this.nodes.push({
      input: inputs.map((v) => (v ? v.name : '')),
      output: outNames,
      name: nodeName,
      op_type: opType,
      domain,
      attribute
    })
    return outNames.map((name) => ({ name }))
  }

  /**
   * Mark `value` as a graph output named `name` (default: its own name) with a declared dtype and shape.
   * When the names differ an Identity node is inserted.
   */
  output(value: Value, name: string = value.name, dtype?: DType, shape?: Shape): Value {
    const dt = dtype ?? value.dtype
    const sh = shape ?? value.shape
    if (!dt || !sh) throw new Error(`Output ${name}: dtype and shape are required`)
    let v = value
    if (name !== value.name)
      v = this.op('Identity', [value], {}, { outputNames: [name], name: `${name}_identity` })
    this.outputs.push(valueInfo(v.name, dt, sh))
    return { name: v.name, dtype: dt, shape: sh }
  }

  /** Number of nodes so far (for tests and diagnostics). */
  get nodeCount(): number {
    return this.nodes.length
  }

  /** Node op types in order (for tests and diagnostics). */
  opTypes(): string[] {
    return this.nodes.map((n) => n.op_type)
  }

  /** The graph as a plain object shaped like onnx.GraphProto (also used for GRAPH attributes). */
  toGraphObject(): GraphObj {
    return {
      name: this.name,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs
    }
  }

  /** The model as a plain object shaped like onnx.ModelProto. */
  toModelObject(): Record<string, unknown> {
    const opsetImport = [{ domain: '', version: this.opset }]
    for (const [domain, version] of [...this.domains.entries()].sort()) opsetImport.push({ domain, version })
    return {
      ir_version: this.options.irVersion ?? 8,
      producer_name: this.options.producerName ?? 'mimesis-onnx-writer',
      producer_version: this.options.producerVersion ?? '1',
      doc_string: this.options.docString ?? '',
      opset_import: opsetImport,
      metadata_props: this.metadata.map(([key, value]) => ({ key, value })),
      graph: this.toGraphObject()
    }
  }

  /** Serialize to ONNX protobuf bytes. */
  toBytes(): Uint8Array {
    const T = modelProtoType()
    const msg = T.fromObject(this.toModelObject())
    return T.encode(msg).finish()
  }
}

function valueInfo(name: string, dtype: DType, shape: Shape): ValueInfoObj {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: OnnxDataType[dtype],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) }
      }
    }
  }
}

function encodeAttr(name: string, v: AttrValue): AttrObj {
  if (v instanceof GraphBuilder) return { name, type: OnnxAttributeType.GRAPH, g: v.toGraphObject() }
  if (v instanceof FloatAttr) return { name, type: OnnxAttributeType.FLOAT, f: v.value }
  if (v instanceof FloatsAttr) return { name, type: OnnxAttributeType.FLOATS, floats: [...v.value] }
  if (v instanceof TensorAttr) {
    const count = v.dims.reduce((a, b) => a * b, 1)
    return {
      name,
      type: OnnxAttributeType.TENSOR,
      t: {
        name: '',
        dims: [...v.dims],
        data_type: OnnxDataType[v.dtype],
        raw_data: encodeRaw(v.dtype, v.data, count)
      }
    }
  }
  if (typeof v === 'number') {
    return Number.isInteger(v)
      ? { name, type: OnnxAttributeType.INT, i: v }
      : { name, type: OnnxAttributeType.FLOAT, f: v }
  }
  if (typeof v === 'string') return { name, type: OnnxAttributeType.STRING, s: utf8(v) }
  const arr = v as readonly (number | string)[]
  if (arr.every((x): x is string => typeof x === 'string')) {
    if (arr.length > 0) return { name, type: OnnxAttributeType.STRINGS, strings: arr.map(utf8) }
  }
  const nums = arr as readonly number[]
  if (nums.every((x) => Number.isInteger(x))) return { name, type: OnnxAttributeType.INTS, ints: [...nums] }
  return { name, type: OnnxAttributeType.FLOATS, floats: [...nums] }
}
