/** Reference kernels of the shape ops: PAD, RESHAPE, CONCATENATION and the identity STRIDED_SLICE. */
import { type EvalArgs, type Kernels, size, type Tensor } from './reference-common'
import { tensorInt32, type TfliteTensor } from '../../../build/tflite'

function pad({ op, outShape, input, tensors }: EvalArgs): Tensor {
  const out = new Float32Array(size(outShape))
  const x = input(0)
  const pads = tensorInt32(tensors[op.inputs[1] as number] as TfliteTensor)
  const rank = x.shape.length
  const inStr = new Array<number>(rank).fill(1)
  const outStr = new Array<number>(rank).fill(1)
  for (let d = rank - 2; d >= 0; d--) {
    inStr[d] = (inStr[d + 1] as number) * (x.shape[d + 1] as number)
    outStr[d] = (outStr[d + 1] as number) * (outShape[d + 1] as number)
  }
  for (let i = 0; i < x.data.length; i++) {
    let rem = i
    let oi = 0
    for (let d = 0; d < rank; d++) {
      const c = Math.floor(rem / (inStr[d] as number))
      rem -= c * (inStr[d] as number)
      oi += (c + (pads[2 * d] as number)) * (outStr[d] as number)
    }
    out[oi] = x.data[i] as number
  }
  return { shape: outShape, data: out }
}

function concatenation({ op, outShape, input }: EvalArgs): Tensor {
  const o = op.options
  if (o.kind !== 'concatenation') throw new Error('opts')
  const out = new Float32Array(size(outShape))
  const rank = outShape.length
  const axis = o.axis < 0 ? o.axis + rank : o.axis
  const outer = size(outShape.slice(0, axis))
  let offset = 0
  const outInner = size(outShape.slice(axis))
  for (let k = 0; k < op.inputs.length; k++) {
    const x = input(k)
    const inner = size(x.shape.slice(axis))
    for (let p = 0; p < outer; p++)
      out.set(x.data.subarray(p * inner, (p + 1) * inner), p * outInner + offset)
    offset += inner
  }
  return { shape: outShape, data: out }
}

export const shapeKernels = {
  PAD: pad,
  RESHAPE: ({ outShape, input }) => ({ shape: outShape, data: input(0).data }),
  CONCATENATION: concatenation,
  STRIDED_SLICE: ({ outShape, input }) => ({ shape: outShape, data: input(0).data.slice(0, size(outShape)) })
} satisfies Kernels
