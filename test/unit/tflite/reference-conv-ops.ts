/**
 * Reference kernels of the weighted ops: CONV_2D / DEPTHWISE_CONV_2D (direct loops, TFLite padding), MediaPipe's
 * Convolution2DTransposeBias (scatter form, MediaPipe padding) and FULLY_CONNECTED.
 */
import { act, type EvalArgs, type Kernels, nhwcFrame, padBefore, size, type Tensor } from './reference-common'

function conv2d({ op, outShape, input }: EvalArgs): Tensor {
  const o = op.options
  if (o.kind !== 'conv2d' && o.kind !== 'depthwiseConv2d') throw new Error('opts')
  const x = input(0)
  const w = input(1)
  const bias = op.inputs[2] !== undefined && op.inputs[2] >= 0 ? input(2).data : null
  const { H, W, C, OH, OW, OC, out } = nhwcFrame(x, outShape)
  const kh = w.shape[1] as number
  const kw = w.shape[2] as number
  const same = o.padding === 'SAME'
  const pt = padBefore(same, H, kh, o.strideH, o.dilationH, OH)
  const pl = padBefore(same, W, kw, o.strideW, o.dilationW, OW)
  const dw = op.opName === 'DEPTHWISE_CONV_2D'
  const mult = dw ? OC / C : 1
  for (let oy = 0; oy < OH; oy++) {
    for (let ox = 0; ox < OW; ox++) {
      for (let oc = 0; oc < OC; oc++) {
        let acc = bias ? (bias[oc] as number) : 0
        for (let ky = 0; ky < kh; ky++) {
          const iy = oy * o.strideH - pt + ky * o.dilationH
          if (iy < 0 || iy >= H) continue
          for (let kx = 0; kx < kw; kx++) {
            const ix = ox * o.strideW - pl + kx * o.dilationW
            if (ix < 0 || ix >= W) continue
            const base = (iy * W + ix) * C
            if (dw) {
              const ic = Math.floor(oc / mult)
              acc += (x.data[base + ic] as number) * (w.data[(ky * kw + kx) * OC + oc] as number)
            } else {
              const wb = ((oc * kh + ky) * kw + kx) * C
              for (let ic = 0; ic < C; ic++)
                acc += (x.data[base + ic] as number) * (w.data[wb + ic] as number)
            }
          }
        }
        out[(oy * OW + ox) * OC + oc] = act(acc, o.activation)
      }
    }
  }
  return { shape: outShape, data: out }
}

/** MediaPipe Convolution2DTransposeBias: scatter form of the transposed convolution, MediaPipe padding. */
export function convolution2DTransposeBias({ op, outShape, input }: EvalArgs): Tensor {
  const co = op.customOptions as Uint8Array
  const dv = new DataView(co.buffer, co.byteOffset, co.byteLength)
  const same = dv.getInt32(0, true) === 1
  const sw = dv.getInt32(4, true)
  const sh = dv.getInt32(8, true)
  const x = input(0)
  const w = input(1)
  const bias = input(2).data
  const { H, W, C, OH, OW, OC, out } = nhwcFrame(x, outShape)
  const kh = w.shape[1] as number
  const kw = w.shape[2] as number
  // MediaPipe transpose_conv_bias.cc: total = max(0, k - (in - 1) % s - 1), origin shift total / 2.
  const totalH = same ? Math.max(0, kh - ((H - 1) % sh) - 1) : 0
  const totalW = same ? Math.max(0, kw - ((W - 1) % sw) - 1) : 0
  if (OH !== sh * (H - 1) + kh - totalH || OW !== sw * (W - 1) + kw - totalW) throw new Error('output size')
  const pt = Math.floor(totalH / 2)
  const pl = Math.floor(totalW / 2)
  for (let iy = 0; iy < H; iy++) {
    for (let ix = 0; ix < W; ix++) {
      for (let ky = 0; ky < kh; ky++) {
        const oy = iy * sh - pt + ky
        if (oy < 0 || oy >= OH) continue
        for (let kx = 0; kx < kw; kx++) {
          const ox = ix * sw - pl + kx
          if (ox < 0 || ox >= OW) continue
          for (let oc = 0; oc < OC; oc++) {
            let acc = 0
            for (let ic = 0; ic < C; ic++) {
              acc +=
                (x.data[(iy * W + ix) * C + ic] as number) *
                (w.data[((oc * kh + ky) * kw + kx) * C + ic] as number)
            }
            out[(oy * OW + ox) * OC + oc] = (out[(oy * OW + ox) * OC + oc] as number) + acc
          }
        }
      }
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + (bias[i % OC] as number)
  return { shape: outShape, data: out }
}

function fullyConnected({ op, outShape, input }: EvalArgs): Tensor {
  const o = op.options
  const out = new Float32Array(size(outShape))
  const x = input(0)
  const w = input(1)
  const b = op.inputs[2] !== undefined && op.inputs[2] >= 0 ? input(2) : null
  const a = o.kind === 'activation' ? o.activation : 'NONE'
  const [batch, units] = outShape as [number, number]
  const depth = x.shape[1] as number
  for (let n = 0; n < batch; n++) {
    for (let u = 0; u < units; u++) {
      let sum = b ? (b.data[u] as number) : 0
      for (let k = 0; k < depth; k++)
        sum += (x.data[n * depth + k] as number) * (w.data[u * depth + k] as number)
      out[n * units + u] = act(sum, a)
    }
  }
  return { shape: outShape, data: out }
}

export const convKernels = {
  CONV_2D: conv2d,
  DEPTHWISE_CONV_2D: conv2d,
  FULLY_CONNECTED: fullyConnected
} satisfies Kernels
