/**
 * Pure shape arithmetic of the TFLite -> ONNX converter: TFLite's padding rules (convolutions, pooling and
 * MediaPipe's transposed convolution) and dense re-layout of constant tensors.
 */
import { type PaddingName } from './schema'

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

/** A constant of rank <= 4 as rank 4, ones in front (how TFLite broadcasts it against NHWC). */
export function rank4(shape: readonly number[]): number[] {
  if (shape.length > 4) throw new Error(`Rank ${shape.length} constant cannot be laid out as NCHW`)
  return [...new Array<number>(4 - shape.length).fill(1), ...shape]
}
