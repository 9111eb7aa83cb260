/** Reference kernels of the elementwise ops: DEQUANTIZE, the broadcasting binary ops, PRELU and activations. */
import { act, broadcast, type Kernel, type Kernels, type Tensor } from './reference-common'

/** A broadcasting binary op with TFLite's fused activation. */
function binary(f: (p: number, q: number) => number): Kernel {
  return ({ op, outShape, input }) => {
    const o = op.options
    const a = o.kind === 'activation' ? o.activation : 'NONE'
    return broadcast(input(0), input(1), outShape, (p, q) => act(f(p, q), a))
  }
}

/** An activation function applied to every element. */
function unary(f: (v: number) => number): Kernel {
  return ({ outShape, input }): Tensor => ({ shape: outShape, data: input(0).data.map(f) })
}

export const elementwiseKernels = {
  DEQUANTIZE: ({ outShape, input }) => ({ shape: outShape, data: input(0).data }),
  ADD: binary((p, q) => p + q),
  MUL: binary((p, q) => p * q),
  SUB: binary((p, q) => p - q),
  DIV: binary((p, q) => p / q),
  PRELU: ({ outShape, input }) => broadcast(input(0), input(1), outShape, (x, al) => (x >= 0 ? x : x * al)),
  RELU: unary((v) => Math.max(v, 0)),
  RELU6: unary((v) => Math.min(Math.max(v, 0), 6)),
  LOGISTIC: unary((v) => 1 / (1 + Math.exp(-v))),
  TANH: unary((v) => Math.tanh(v)),
  HARD_SWISH: unary((v) => (v * Math.min(Math.max(v + 3, 0), 6)) / 6)
} satisfies Kernels
