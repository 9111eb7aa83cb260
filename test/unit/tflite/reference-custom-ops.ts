/**
 * Reference kernels of MediaPipe's custom ops, written after MediaPipe's C++ kernels: Landmarks2TransformMatrix,
 * TransformTensorBilinear, TransformLandmarks; any other custom code is Convolution2DTransposeBias.
 */
import { toObject } from 'flatbuffers/js/flexbuffers'
import { type EvalArgs, type Kernel, type Kernels, size, type Tensor } from './reference-common'
import { convolution2DTransposeBias } from './reference-conv-ops'

/** MediaPipe Landmarks2TransformMatrix v2, written after landmarks_to_transform_matrix.cc (atan2, Mat4 products). */
function landmarksToTransformMatrix({ op, input }: EvalArgs): Tensor {
  const lm = input(0)
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
function transformTensorBilinear({ outShape, input }: EvalArgs): Tensor {
  const x = input(0)
  const m = input(1)
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

/** MediaPipe TransformLandmarks v2, 2-D: x' = m0 x + m1 y + m3, y' = m4 x + m5 y + m7. */
function transformLandmarks({ outShape, input }: EvalArgs): Tensor {
  const out = new Float32Array(size(outShape))
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

const customCodeKernels: ReadonlyMap<string, Kernel> = new Map<string, Kernel>([
  ['Landmarks2TransformMatrix', landmarksToTransformMatrix],
  ['TransformTensorBilinear', transformTensorBilinear],
  ['TransformLandmarks', transformLandmarks]
])

function custom(a: EvalArgs): Tensor {
  const kernel = a.op.customCode === null ? undefined : customCodeKernels.get(a.op.customCode)
  return (kernel ?? convolution2DTransposeBias)(a)
}

export const customKernels = { CUSTOM: custom } satisfies Kernels
