import { type GraphBuilder, type Value } from '../../onnx'

/** Attributes of the plain operators the renderer stages add (TENSOR attributes go through `g.op`). */
export type OpAttrs = Record<string, number | string | number[]>

/**
 * Shorthands the renderer stages build their nodes with. Every call adds to `g` at the moment it is made (no
 * caching): the graph's bytes depend on the order of the calls, so stages call these in a fixed order.
 */
export interface GraphOps {
  readonly g: GraphBuilder
  /** A float32 [1] constant (a fresh initializer named `c…` each call). */
  f(v: number): Value
  /** An int64 1-D constant (a fresh initializer each call). */
  i64(vals: number[]): Value
  op(type: string, inputs: (Value | null)[], attrs?: OpAttrs): Value
  add(a: Value, b: Value): Value
  sub(a: Value, b: Value): Value
  mul(a: Value, b: Value): Value
  div(a: Value, b: Value): Value
  neg(v: Value): Value
  /** `x[start:end]` along `axis` (constant bounds). */
  slice(x: Value, start: number, end: number, axis: number): Value
  /** Float32 scalar 0 and 1 (rank 0, for Range). */
  zeroScalar(): Value
  oneScalar(): Value
  /** Drops axis 0 of a [1] tensor: the scalar Range wants. */
  squeeze(x: Value): Value
  /**
   * The entries of a 1-D tensor at int64 `indices` [K]: a Gather, through GatherElements. onnxruntime's Gather
   * copies each value on its own, about 8 ns a value under profiling (0.5 ms for the 65k-cell shading layout of a
   * 512 px portrait); GatherElements about a tenth of that. (Not for rows of a 2-D table: GatherElements over
   * indices broadcast to every row, and the broadcast, cost more than Gather of contiguous rows.)
   */
  take(data: Value, indices: Value): Value
}

export function graphOps(g: GraphBuilder): GraphOps {
  const i64 = (vals: number[]): Value => g.int64s(vals)
  const op = (type: string, inputs: (Value | null)[], attrs: OpAttrs = {}): Value => g.op(type, inputs, attrs)
  return {
    g,
    f: (v) => g.constant('float32', [1], [v], 'c'),
    i64,
    op,
    add: (a, b) => op('Add', [a, b]),
    sub: (a, b) => op('Sub', [a, b]),
    mul: (a, b) => op('Mul', [a, b]),
    div: (a, b) => op('Div', [a, b]),
    neg: (v) => op('Neg', [v]),
    slice: (x, start, end, axis) => op('Slice', [x, i64([start]), i64([end]), i64([axis])]),
    zeroScalar: () => g.constant('float32', [], [0], 'zero_scalar'),
    oneScalar: () => g.constant('float32', [], [1], 'one_scalar'),
    squeeze: (x) => op('Squeeze', [x, i64([0])]),
    take: (data, indices) => op('GatherElements', [data, indices], { axis: 0 })
  }
}
