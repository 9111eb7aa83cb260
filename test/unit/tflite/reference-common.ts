/**
 * What the reference interpreter's kernels (reference-*-ops.ts) share: the tensor type, the arguments of one
 * operator's evaluation, and TFLite's padding, fused-activation and broadcasting rules.
 */
import { type BuiltinOperatorName, type TfliteOperator, type TfliteTensor } from '../../../build/tflite'

export interface Tensor {
  shape: number[]
  data: Float32Array
}

/** One operator to evaluate: its output shape, its k-th input's value, and the subgraph's tensors. */
export interface EvalArgs {
  op: TfliteOperator
  outShape: number[]
  input: (k: number) => Tensor
  tensors: TfliteTensor[]
}

export type Kernel = (a: EvalArgs) => Tensor
/** A family's kernels keyed by TFLite builtin operator name (each family's table `satisfies` it). */
export type Kernels = Readonly<Partial<Record<BuiltinOperatorName, Kernel>>>

export const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1)

/** An NHWC input's and the NHWC output's spatial sizes and channels, with a zeroed output buffer. */
export function nhwcFrame(
  x: Tensor,
  outShape: readonly number[]
): { H: number; W: number; C: number; OH: number; OW: number; OC: number; out: Float32Array } {
  const [, H, W, C] = x.shape as [number, number, number, number]
  const [, OH, OW, OC] = outShape as [number, number, number, number]
  return { H, W, C, OH, OW, OC, out: new Float32Array(size(outShape)) }
}

/** TFLite ComputePaddingHeightWidth: before-padding of one dim (the odd extra pixel goes after). */
export function padBefore(
  same: boolean,
  inSize: number,
  k: number,
  stride: number,
  dil: number,
  outSize: number
): number {
  if (!same) return 0
  const eff = (k - 1) * dil + 1
  const total = (outSize - 1) * stride + eff - inSize
  return total > 0 ? Math.floor(total / 2) : 0
}

export function act(v: number, a: string): number {
  switch (a) {
    case 'NONE':
      return v
    case 'RELU':
      return Math.max(v, 0)
    case 'RELU6':
      return Math.min(Math.max(v, 0), 6)
    case 'RELU_N1_TO_1':
      return Math.min(Math.max(v, -1), 1)
    case 'TANH':
      return Math.tanh(v)
    default:
      throw new Error(`activation ${a}`)
  }
}

/** Broadcast binary op, numpy rules (right-aligned). */
export function broadcast(
  a: Tensor,
  b: Tensor,
  outShape: number[],
  f: (x: number, y: number) => number
): Tensor {
  const rank = outShape.length
  const pa = [...new Array<number>(rank - a.shape.length).fill(1), ...a.shape]
  const pb = [...new Array<number>(rank - b.shape.length).fill(1), ...b.shape]
  const strides = (s: number[]): number[] => {
    const st = new Array<number>(rank).fill(0)
    let acc = 1
    for (let i = rank - 1; i >= 0; i--) {
      st[i] = (s[i] as number) === 1 ? 0 : acc
      acc *= s[i] as number
    }
    return st
  }
  const sa = strides(pa)
  const sb = strides(pb)
  const out = new Float32Array(size(outShape))
  const idx = new Array<number>(rank).fill(0)
  for (let o = 0; o < out.length; o++) {
    let ia = 0
    let ib = 0
    for (let d = 0; d < rank; d++) {
      ia += (idx[d] as number) * (sa[d] as number)
      ib += (idx[d] as number) * (sb[d] as number)
    }
    out[o] = f(a.data[ia] as number, b.data[ib] as number)
    for (let d = rank - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1
      if ((idx[d] as number) < (outShape[d] as number)) break
      idx[d] = 0
    }
  }
  return { shape: outShape, data: out }
}
