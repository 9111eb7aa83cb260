/**
 * Elementwise ops: DEQUANTIZE (fp16 constants folded to float32, activations cast), the broadcasting binary ops
 * (ADD, MUL, SUB, DIV, with a fused activation), PRELU and the activation functions. Each keeps its input's layout:
 * a binary op works in NCHW when either side is NCHW (PRELU's alpha is then re-laid out to NCHW too).
 */
import { type Value } from '../onnx'
import {
  type ConvertContext,
  convWithActivation,
  type OpArgs,
  type OpHandler,
  type OpHandlers,
  valueIn
} from './convert-context'

function dequantize(cx: ConvertContext, { out, in0 }: OpArgs): void {
  const r = cx.record(in0)
  if (r.kind === 'const') {
    // fp16 weights become float32 constants at conversion time (already widened when read).
    if (r.isInt)
      throw new Error(
        `DEQUANTIZE of integer tensor ${cx.tensor(in0).name}: quantized models are not supported`
      )
    cx.setConst(out, { kind: 'const', data: r.data, isInt: false })
    return
  }
  cx.emit(out, r.layout, 'Cast', [r.value], { to: 1 })
}

/** A broadcasting binary op with TFLite's fused activation. */
function binary(opType: string): OpHandler {
  return (cx, { op, out, ins }) => {
    const o = op.options
    const act = o.kind === 'activation' ? o.activation : 'NONE'
    const a = ins[0] ?? -1
    const b = ins[1] ?? -1
    const useNchw = cx.isNchw(a) || cx.isNchw(b)
    const va = valueIn(cx, a, useNchw)
    const vb = valueIn(cx, b, useNchw)
    convWithActivation(cx, out, opType, [va, vb], {}, act, useNchw ? 'nchw' : 'plain')
  }
}

/** An activation function of an activation tensor, as ONNX `opType` with extra (constant) inputs. */
function activation(opType: string, extraInputs: (cx: ConvertContext) => Value[] = () => []): OpHandler {
  return (cx, { op, out, in0 }) => {
    const r = cx.record(in0)
    if (r.kind !== 'act') throw new Error(`${op.opName} of a constant`)
    cx.emit(out, r.layout, opType, [r.value, ...extraInputs(cx)])
  }
}

/** PRELU: alpha broadcasts against NHWC from the right; with an NCHW input it is re-laid out to NCHW. */
function prelu(cx: ConvertContext, { out, ins, in0 }: OpArgs): void {
  const useNchw = cx.isNchw(in0)
  const x = valueIn(cx, in0, useNchw)
  const alpha = valueIn(cx, ins[1] ?? -1, useNchw)
  cx.emit(out, useNchw ? 'nchw' : 'plain', 'PRelu', [x, alpha])
}

export const elementwiseOps = {
  DEQUANTIZE: dequantize,
  ADD: binary('Add'),
  MUL: binary('Mul'),
  SUB: binary('Sub'),
  DIV: binary('Div'),
  RELU: activation('Relu'),
  RELU6: activation('Clip', (cx) => [cx.scalar(0), cx.scalar(6)]),
  LOGISTIC: activation('Sigmoid'),
  TANH: activation('Tanh'),
  HARD_SWISH: activation('HardSwish'),
  PRELU: prelu
} satisfies OpHandlers
