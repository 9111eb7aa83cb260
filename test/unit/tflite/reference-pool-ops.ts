/** Reference kernels of the spatial ops: MAX_POOL_2D / AVERAGE_POOL_2D, RESIZE_BILINEAR and MEAN. */
import { act, type EvalArgs, type Kernels, nhwcFrame, padBefore, size, type Tensor } from './reference-common'
import { tensorInt32, type TfliteTensor } from '../../../build/tflite'

function pool2d({ op, outShape, input }: EvalArgs): Tensor {
  const o = op.options
  if (o.kind !== 'pool2d') throw new Error('opts')
  const x = input(0)
  const { H, W, C, OH, OW, out } = nhwcFrame(x, outShape)
  const same = o.padding === 'SAME'
  const pt = padBefore(same, H, o.filterH, o.strideH, 1, OH)
  const pl = padBefore(same, W, o.filterW, o.strideW, 1, OW)
  const isMax = op.opName === 'MAX_POOL_2D'
  for (let oy = 0; oy < OH; oy++) {
    for (let ox = 0; ox < OW; ox++) {
      for (let c = 0; c < C; c++) {
        let accum = isMax ? -Infinity : 0
        let count = 0
        for (let ky = 0; ky < o.filterH; ky++) {
          const iy = oy * o.strideH - pt + ky
          if (iy < 0 || iy >= H) continue
          for (let kx = 0; kx < o.filterW; kx++) {
            const ix = ox * o.strideW - pl + kx
            if (ix < 0 || ix >= W) continue
            const v = x.data[(iy * W + ix) * C + c] as number
            accum = isMax ? Math.max(accum, v) : accum + v
            count++
          }
        }
        out[(oy * OW + ox) * C + c] = act(isMax ? accum : accum / count, o.activation)
      }
    }
  }
  return { shape: outShape, data: out }
}

function resizeBilinear({ op, outShape, input }: EvalArgs): Tensor {
  const o = op.options
  if (o.kind !== 'resizeBilinear') throw new Error('opts')
  const x = input(0)
  const { H, W, C, OH, OW, out } = nhwcFrame(x, outShape)
  const scale = (i: number, oo: number): number => (o.alignCorners && oo > 1 ? (i - 1) / (oo - 1) : i / oo)
  const hs = scale(H, OH)
  const ws = scale(W, OW)
  const coord = (v: number, s: number): number => (o.halfPixelCenters ? (v + 0.5) * s - 0.5 : v * s)
  for (let oy = 0; oy < OH; oy++) {
    const iy = coord(oy, hs)
    const y0 = Math.max(Math.floor(iy), 0)
    const y1 = Math.min(Math.ceil(iy), H - 1)
    for (let ox = 0; ox < OW; ox++) {
      const ix = coord(ox, ws)
      const x0 = Math.max(Math.floor(ix), 0)
      const x1 = Math.min(Math.ceil(ix), W - 1)
      for (let c = 0; c < C; c++) {
        const at = (yy: number, xx: number): number => x.data[(yy * W + xx) * C + c] as number
        out[(oy * OW + ox) * C + c] =
          at(y0, x0) * (1 - (iy - y0)) * (1 - (ix - x0)) +
          at(y1, x0) * (iy - y0) * (1 - (ix - x0)) +
          at(y0, x1) * (1 - (iy - y0)) * (ix - x0) +
          at(y1, x1) * (iy - y0) * (ix - x0)
      }
    }
  }
  return { shape: outShape, data: out }
}

/**
 * Mean over the listed axes, written as TFLite's reference kernel: every input element adds to the output element
 * whose index drops (or zeroes, with keep_dims) the reduced axes.
 */
function mean({ op, outShape, input, tensors }: EvalArgs): Tensor {
  const out = new Float32Array(size(outShape))
  const x = input(0)
  const rank = x.shape.length
  const axes = new Set(
    Array.from(tensorInt32(tensors[op.inputs[1] as number] as TfliteTensor)).map((a) =>
      a < 0 ? a + rank : a
    )
  )
  let count = 1
  for (const a of axes) count *= x.shape[a] as number
  const keptDims = x.shape.map((d, a) => (axes.has(a) ? 1 : d))
  const idx = new Array<number>(rank).fill(0)
  for (let i = 0; i < x.data.length; i++) {
    let rest = i
    for (let a = rank - 1; a >= 0; a--) {
      idx[a] = rest % (x.shape[a] as number)
      rest = Math.floor(rest / (x.shape[a] as number))
    }
    let o = 0
    for (let a = 0; a < rank; a++) o = o * (keptDims[a] as number) + (axes.has(a) ? 0 : (idx[a] as number))
    out[o] = (out[o] as number) + (x.data[i] as number) / count
  }
  return { shape: outShape, data: out }
}

export const poolKernels = {
  MAX_POOL_2D: pool2d,
  AVERAGE_POOL_2D: pool2d,
  RESIZE_BILINEAR: resizeBilinear,
  MEAN: mean
} satisfies Kernels
