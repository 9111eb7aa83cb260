/**
 * A slow, straightforward TFLite interpreter for float graphs, written after TFLite's reference kernels
 * (NHWC, loops, no layout tricks). Tests use it as the numeric reference for the ONNX conversion.
 */
import { toObject } from 'flatbuffers/js/flexbuffers'
import {
  type TfliteModel,
  type TfliteOperator,
  type TfliteTensor,
  tensorFloat32,
  tensorInt32
} from '../../../build/tflite'

interface Tensor {
  shape: number[]
  data: Float32Array
}

const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1)

/** TFLite ComputePaddingHeightWidth: before-padding of one dim (the odd extra pixel goes after). */
function padBefore(
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

function act(v: number, a: string): number {
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
function broadcast(a: Tensor, b: Tensor, outShape: number[], f: (x: number, y: number) => number): Tensor {
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
  const o = op.options
  const outShape = outT.shape
  const out = new Float32Array(size(outShape))
  switch (op.opName) {
    case 'DEQUANTIZE':
      return { shape: outShape, data: input(0).data }
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D': {
      if (o.kind !== 'conv2d' && o.kind !== 'depthwiseConv2d') throw new Error('opts')
      const x = input(0)
      const w = input(1)
      const bias = op.inputs[2] !== undefined && op.inputs[2] >= 0 ? input(2).data : null
      const [, H, W, C] = x.shape as [number, number, number, number]
      const [, OH, OW, OC] = outShape as [number, number, number, number]
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
    case 'STRIDED_SLICE':
      return { shape: outShape, data: input(0).data.slice(0, size(outShape)) }
    case 'CUSTOM': {
      if (op.customCode === 'Landmarks2TransformMatrix') return landmarksToTransformMatrix(op, input(0))
      if (op.customCode === 'TransformTensorBilinear')
        return transformTensorBilinear(input(0), input(1), outShape)
      if (op.customCode === 'TransformLandmarks') {
        // v2, 2-D: x' = m0 x + m1 y + m3, y' = m4 x + m5 y + m7
        const l = input(0).data
        const m = input(1).data
        for (let i = 0; i < l.length; i += 2) {
          const x = l[i] as number
          const y = l[i + 1] as number
          out[i] = (m[0] as number) * x + (m[1] as number) * y + (m[3] as number)
          out[i + 1] = (m[4] as number) * x + (m[5] as number) * y + (m[7] as number)
        }
        return { shape: outShape, data: out }
      }
      // Convolution2DTransposeBias: scatter form of the transposed convolution, MediaPipe padding.
      const co = op.customOptions as Uint8Array
      const dv = new DataView(co.buffer, co.byteOffset, co.byteLength)
      const same = dv.getInt32(0, true) === 1
      const sw = dv.getInt32(4, true)
      const sh = dv.getInt32(8, true)
      const x = input(0)
      const w = input(1)
      const bias = input(2).data
      const [, H, W, C] = x.shape as [number, number, number, number]
      const [, OH, OW, OC] = outShape as [number, number, number, number]
      const kh = w.shape[1] as number
      const kw = w.shape[2] as number
      // MediaPipe transpose_conv_bias.cc: total = max(0, k - (in - 1) % s - 1), origin shift total / 2.
      const totalH = same ? Math.max(0, kh - ((H - 1) % sh) - 1) : 0
      const totalW = same ? Math.max(0, kw - ((W - 1) % sw) - 1) : 0
      if (OH !== sh * (H - 1) + kh - totalH || OW !== sw * (W - 1) + kw - totalW)
        throw new Error('output size')
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
    case 'MAX_POOL_2D':
    case 'AVERAGE_POOL_2D': {
      if (o.kind !== 'pool2d') throw new Error('opts')
      const x = input(0)
      const [, H, W, C] = x.shape as [number, number, number, number]
      const [, OH, OW] = outShape as [number, number, number, number]
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
    case 'ADD':
    case 'MUL':
    case 'SUB':
    case 'DIV': {
      const a = o.kind === 'activation' ? o.activation : 'NONE'
      const f = {
        ADD: (p: number, q: number) => p + q,
        MUL: (p: number, q: number) => p * q,
        SUB: (p: number, q: number) => p - q,
        DIV: (p: number, q: number) => p / q
      }[op.opName]
      return broadcast(input(0), input(1), outShape, (p, q) => act(f(p, q), a))
    }
    case 'PRELU':
      return broadcast(input(0), input(1), outShape, (x, al) => (x >= 0 ? x : x * al))
    case 'RELU':
      return { shape: outShape, data: input(0).data.map((v) => Math.max(v, 0)) }
    case 'RELU6':
      return { shape: outShape, data: input(0).data.map((v) => Math.min(Math.max(v, 0), 6)) }
    case 'LOGISTIC':
      return { shape: outShape, data: input(0).data.map((v) => 1 / (1 + Math.exp(-v))) }
    case 'TANH':
      return { shape: outShape, data: input(0).data.map((v) => Math.tanh(v)) }
    case 'HARD_SWISH':
      return { shape: outShape, data: input(0).data.map((v) => (v * Math.min(Math.max(v + 3, 0), 6)) / 6) }
    case 'PAD': {
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
    case 'RESHAPE':
      return { shape: outShape, data: input(0).data }
    case 'CONCATENATION': {
      if (o.kind !== 'concatenation') throw new Error('opts')
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
    case 'RESIZE_BILINEAR': {
      if (o.kind !== 'resizeBilinear') throw new Error('opts')
      const x = input(0)
      const [, H, W, C] = x.shape as [number, number, number, number]
      const [, OH, OW] = outShape as [number, number, number, number]
      const scale = (i: number, oo: number): number =>
        o.alignCorners && oo > 1 ? (i - 1) / (oo - 1) : i / oo
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
    case 'MEAN': {
      // Mean over the listed axes, written as TFLite's reference kernel: every input element adds to the output
      // element whose index drops (or zeroes, with keep_dims) the reduced axes.
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
        for (let a = 0; a < rank; a++)
          o = o * (keptDims[a] as number) + (axes.has(a) ? 0 : (idx[a] as number))
        out[o] = (out[o] as number) + (x.data[i] as number) / count
      }
      return { shape: outShape, data: out }
    }
    case 'FULLY_CONNECTED': {
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
    default:
      throw new Error(`reference: unsupported ${op.opName}`)
  }
}

/** MediaPipe Landmarks2TransformMatrix v2, written after landmarks_to_transform_matrix.cc (atan2, Mat4 products). */
function landmarksToTransformMatrix(op: TfliteOperator, lm: Tensor): Tensor {
  const c = op.customOptions as Uint8Array
  const raw = toObject(c.slice().buffer) as Record<string, unknown>
  // flexbuffers gives bigint for 64-bit ints
  const o = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])
  ) as Record<string, unknown>
  const subset = (o.subset_idxs as number[]).map(Number)
  const pairs: [number, number][] = []
  for (let i = 0; i + 1 < subset.length; i += 2) pairs.push([subset[i] as number, subset[i + 1] as number])
  if (subset.length % 2 === 1)
    pairs.push([subset[subset.length - 1] as number, subset[subset.length - 1] as number])
  const target = typeof o.target_rotation_radians === 'number' ? o.target_rotation_radians : 0
  const ow = o.output_width as number
  const oh = o.output_height as number
  const d = lm.data
  const X = (i: number): number => d[3 * i] as number
  const Y = (i: number): number => d[3 * i + 1] as number
  const li = o.left_rotation_idx as number
  const ri = o.right_rotation_idx as number
  const rotation = target - Math.atan2(Y(ri) - Y(li), X(ri) - X(li))
  const cr = Math.cos(rotation)
  const sr = Math.sin(rotation)
  let maxX = -Infinity
  let maxY = -Infinity
  let minX = Infinity
  let minY = Infinity
  for (const [a, b] of pairs) {
    for (const i of [a, b]) {
      const x = cr * X(i) - sr * Y(i)
      const y = sr * X(i) + cr * Y(i)
      maxX = Math.max(maxX, x)
      maxY = Math.max(maxY, y)
      minX = Math.min(minX, x)
      minY = Math.min(minY, y)
    }
  }
  const cw = maxX - minX
  const ch = maxY - minY
  const mx = (minX + maxX) / 2
  const my = (minY + maxY) / 2
  // inverse rotation of the crop centre
  const cx = Math.cos(-rotation) * mx - Math.sin(-rotation) * my
  const cy = Math.sin(-rotation) * mx + Math.cos(-rotation) * my
  const mul = (p: number[], q: number[]): number[] => {
    const r = new Array<number>(16).fill(0)
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++)
        for (let k = 0; k < 4; k++)
          r[i * 4 + j] = (r[i * 4 + j] as number) + (p[i * 4 + k] as number) * (q[k * 4 + j] as number)
    return r
  }
  const r = -rotation
  let t = [1, 0, 0, cx, 0, 1, 0, cy, 0, 0, 1, 0, 0, 0, 0, 1]
  t = mul(t, [Math.cos(r), -Math.sin(r), 0, 0, Math.sin(r), Math.cos(r), 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
  const sx = ((o.scale_x as number) * cw) / ow
  const sy = ((o.scale_y as number) * ch) / oh
  t = mul(t, [sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
  t = mul(t, [1, 0, 0, -ow / 2, 0, 1, 0, -oh / 2, 0, 0, 1, 0, 0, 0, 0, 1])
  return { shape: [1, 4, 4], data: Float32Array.from(t) }
}

/** MediaPipe TransformTensorBilinear v2, written after transform_tensor_bilinear.cc. */
function transformTensorBilinear(x: Tensor, m: Tensor, outShape: number[]): Tensor {
  const [, H, W, C] = x.shape as [number, number, number, number]
  const [, OH, OW] = outShape as [number, number, number, number]
  const mt = m.data
  const xt = [mt[0], mt[1], mt[2], mt[3]] as number[]
  const yt = [mt[4], mt[5], mt[6], mt[7]] as number[]
  xt[3] = (xt[3] as number) + (xt[0] as number) * 0.5 + (xt[1] as number) * 0.5 - 0.5
  yt[3] = (yt[3] as number) + (yt[0] as number) * 0.5 + (yt[1] as number) * 0.5 - 0.5
  const out = new Float32Array(OH * OW * C)
  const read = (h: number, w: number, c: number): number =>
    h < 0 || w < 0 || h >= H || w >= W ? 0 : (x.data[(h * W + w) * C + c] as number)
  for (let oy = 0; oy < OH; oy++) {
    for (let ox = 0; ox < OW; ox++) {
      const tx = (xt[0] as number) * ox + (xt[1] as number) * oy + (xt[3] as number)
      const ty = (yt[0] as number) * ox + (yt[1] as number) * oy + (yt[3] as number)
      if (tx < 0 || tx > W - 1 || ty < 0 || ty > H - 1) continue
      const fx = Math.floor(tx)
      const fy = Math.floor(ty)
      const rc = tx - fx
      const lc = ty - fy
      for (let c = 0; c < C; c++) {
        const upper = (1 - rc) * read(fy, fx, c) + rc * read(fy, fx + 1, c)
        const lower = (1 - rc) * read(fy + 1, fx, c) + rc * read(fy + 1, fx + 1, c)
        out[(oy * OW + ox) * C + c] = lc * lower + (1 - lc) * upper
      }
    }
  }
  return { shape: outShape, data: out }
}
