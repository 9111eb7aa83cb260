/**
 * A slow, straightforward TFLite interpreter for float graphs, written after TFLite's reference kernels
 * (NHWC, loops, no layout tricks). Tests use it as the numeric reference for the ONNX conversion.
 *
 * runReference walks the operators and evaluates each with its family's kernel (a table keyed by op name):
 * reference-conv-ops.ts, reference-custom-ops.ts, reference-elementwise-ops.ts, reference-pool-ops.ts and
 * reference-shape-ops.ts; their shared rules (padding, fused activations, broadcasting) are in reference-common.ts.
 */
import {
  type TfliteModel,
  type TfliteOperator,
  type TfliteTensor,
  tensorFloat32
} from '../../../build/tflite'
import { type Kernel, type Tensor } from './reference-common'
import { convKernels } from './reference-conv-ops'
import { customKernels } from './reference-custom-ops'
import { elementwiseKernels } from './reference-elementwise-ops'
import { poolKernels } from './reference-pool-ops'
import { shapeKernels } from './reference-shape-ops'

/** Every supported operator's kernel, by builtin op name. */
const KERNELS: ReadonlyMap<string, Kernel> = new Map<string, Kernel>(
  [convKernels, customKernels, elementwiseKernels, poolKernels, shapeKernels].flatMap((family) =>
    Object.entries(family)
  )
)

export function runReference(
  model: TfliteModel,
  inputs: Record<string, Float32Array>
): Record<string, Float32Array> {
  const sg = model.subgraphs[0]
  if (!sg) throw new Error('no subgraph')
  const vals = new Map<number, Tensor>()
  const get = (i: number): Tensor => {
    const v = vals.get(i)
    if (v) return v
    const t = sg.tensors[i] as TfliteTensor
    if (t.data) {
      const c = { shape: t.shape, data: tensorFloat32(t) }
      vals.set(i, c)
      return c
    }
    throw new Error(`tensor ${t.name} not computed`)
  }
  for (const i of sg.inputs) {
    const t = sg.tensors[i] as TfliteTensor
    const d = inputs[t.name]
    if (!d) throw new Error(`missing input ${t.name}`)
    vals.set(i, { shape: t.shape, data: d })
  }
  for (const op of sg.operators) {
    const outT = sg.tensors[op.outputs[0] as number] as TfliteTensor
    vals.set(
      outT.index,
      evalOp(op, outT, (k) => get(op.inputs[k] as number), sg.tensors)
    )
  }
  const res: Record<string, Float32Array> = {}
  for (const i of sg.outputs) res[(sg.tensors[i] as TfliteTensor).name] = get(i).data
  return res
}

function evalOp(
  op: TfliteOperator,
  outT: TfliteTensor,
  input: (k: number) => Tensor,
  tensors: TfliteTensor[]
): Tensor {
  const kernel = KERNELS.get(op.opName)
  if (!kernel) throw new Error(`reference: unsupported ${op.opName}`)
  return kernel({ op, outShape: outT.shape, input, tensors })
}
