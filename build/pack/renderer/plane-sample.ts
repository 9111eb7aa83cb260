import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/** One group of reads of a single plane (channel) of an image: positions [1, K] each, source px. */
export interface PlaneReads {
  readonly x: Value
  readonly y: Value
  /** The channel read. */
  readonly plane: number
}

/**
 * Bilinear reads (GridSample's border padding, align_corners 0) of single channels of `image` [1, C, H, W]
 * (H, W = `srcH`, `srcW`, source px, pixel centres at i + 0.5) without copying them out: the image is read as
 * one [1, 1, C H, W] plane (a Reshape), channel c's row y at row c H + y. The reads are clamped to the channel's
 * outermost texel centres and sampled with zero padding, so a read's weight on the neighbouring channel's row
 * is 0 and the values are those border padding gives (and onnxruntime's GridSample takes its fast path for zero
 * padding). Slicing two channels of the 11-channel back texture copied 2 MB (0.3 ms) per frame for a few
 * hundred reads. The rows are C times as many, so a read lands to within about 3e-4 px on a 512 px image.
 * Returns [1, K1 + K2 + ...]: the groups' values in order.
 */
export function samplePlanes(
  g: GraphBuilder,
  inputs: { image: Value; reads: readonly PlaneReads[]; srcW: Value; srcH: Value }
): Value {
  const { f, i64, op, add, sub, mul, div, slice } = graphOps(g)
  const { image, reads, srcW, srcH } = inputs
  const shape = op('Shape', [image]) // [1, C, H, W]
  const channels = op('Cast', [slice(shape, 1, 2, 0)], { to: 1 })
  const stacked = op('Reshape', [image, op('Concat', [i64([1, 1, -1]), slice(shape, 3, 4, 0)], { axis: 0 })])
  const clamp = (v: Value, len: Value): Value => op('Min', [op('Max', [v, f(0.5)]), sub(len, f(0.5))])
  const xs = op(
    'Concat',
    reads.map((r) => clamp(r.x, srcW)),
    { axis: 1 }
  )
  const ys = op(
    'Concat',
    reads.map((r) => add(clamp(r.y, srcH), mul(srcH, f(r.plane)))),
    { axis: 1 }
  )
  // source px -> GridSample's [-1, 1] (align_corners 0: the extent is W, C H)
  const gx = sub(mul(xs, div(f(2), srcW)), f(1))
  const gy = sub(mul(ys, div(f(2), mul(srcH, channels))), f(1))
  const grid = op('Unsqueeze', [
    op('Transpose', [op('Concat', [gx, gy], { axis: 0 })], { perm: [1, 0] }),
    i64([0, 1])
  ])
  const read = g.op('GridSample', [stacked, grid], {
    align_corners: 0,
    mode: 'bilinear',
    padding_mode: 'zeros'
  })
  return op('Reshape', [read, i64([1, -1])])
}

/**
 * Reads [2, K] (source px, x then y) clamped to the outermost texel centres of a `srcW` x `srcH` image: sampled
 * with zero padding they give what border padding gives (the weight past the edge is 0), through onnxruntime's
 * GridSample fast path for bilinear, zero padding and align_corners 0 (its border path clamps every tap of every
 * channel, about 3x slower).
 */
export function clampToTexels(g: GraphBuilder, reads: Value, srcW: Value, srcH: Value): Value {
  const { f, i64, op, sub } = graphOps(g)
  const highest = op('Reshape', [sub(op('Concat', [srcW, srcH], { axis: 0 }), f(0.5)), i64([2, 1])])
  return op('Min', [op('Max', [reads, f(0.5)]), highest])
}
