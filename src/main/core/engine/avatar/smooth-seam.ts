import { chamferDistance } from './person-edge-band'

/**
 * Smooths a depth grid (w x h, in place) across the border of `region` (1 inside): each sample moves toward its
 * Gaussian-blurred value (sigma `sigma` samples) by a weight that is 1 on the border and falls off as a
 * Gaussian of the distance to it (same sigma), so the interior and the far surroundings keep their depth.
 */
export function smoothSeam(
  depth: Float32Array,
  region: Float32Array,
  w: number,
  h: number,
  sigma: number
): void {
  if (!(sigma > 0)) return
  const outside = chamferDistance(region, w, h)
  const inside = chamferDistance(
    Float32Array.from(region, (v) => (v > 0 ? 0 : 1)),
    w,
    h
  )
  const radius = Math.ceil(3 * sigma)
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) =>
    Math.exp(-0.5 * ((k - radius) / sigma) ** 2)
  )
  const pass = (src: Float32Array, horizontal: boolean): Float32Array => {
    const out = new Float32Array(w * h)
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let sw = 0
        let sv = 0
        for (let k = -radius; k <= radius; k++) {
          const xx = horizontal ? x + k : x
          const yy = horizontal ? y : y + k
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue
          const kw = kernel[k + radius]!
          sw += kw
          sv += kw * src[yy * w + xx]!
        }
        out[y * w + x] = sv / sw
      }
    }
    return out
  }
  const blurred = pass(pass(depth, true), false)
  for (let i = 0; i < w * h; i++) {
    // Distance to the border: half a sample on either side of it.
    const d = Math.max(outside[i]!, inside[i]!) - 0.5
    const weight = Math.exp(-0.5 * (Math.max(0, d) / sigma) ** 2)
    depth[i] = depth[i]! + weight * (blurred[i]! - depth[i]!)
  }
}
