/** Hermite smoothstep of x between e0 and e1. */
const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}

/** Width (px) of the feather at the outer edge of the band. */
export const EDGE_FEATHER_PX = 1.5

/**
 * Distance (px, 3-4 chamfer: 1 per step along an axis, 4/3 per diagonal step) from each sample of a w x h
 * grid to the nearest sample where `known` is > 0; 1e9 / 3 where no sample is known.
 */
export function chamferDistance(known: Float32Array, w: number, h: number): Float32Array {
  // Integer costs (3 per axis step, 4 per diagonal), two raster passes; written out inline because this runs
  // several times per avatar over every source pixel.
  const d = new Float32Array(w * h)
  for (let i = 0; i < w * h; i++) d[i] = known[i]! > 0 ? 0 : 1e9
  for (let y = 0; y < h; y++) {
    const row = y * w
    for (let x = 0; x < w; x++) {
      const i = row + x
      let v = d[i]!
      if (v === 0) continue
      if (x > 0 && d[i - 1]! + 3 < v) v = d[i - 1]! + 3
      if (y > 0) {
        const up = i - w
        if (d[up]! + 3 < v) v = d[up]! + 3
        if (x > 0 && d[up - 1]! + 4 < v) v = d[up - 1]! + 4
        if (x < w - 1 && d[up + 1]! + 4 < v) v = d[up + 1]! + 4
      }
      d[i] = v
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    const row = y * w
    for (let x = w - 1; x >= 0; x--) {
      const i = row + x
      let v = d[i]!
      if (v === 0) continue
      if (x < w - 1 && d[i + 1]! + 3 < v) v = d[i + 1]! + 3
      if (y < h - 1) {
        const down = i + w
        if (d[down]! + 3 < v) v = d[down]! + 3
        if (x < w - 1 && d[down + 1]! + 4 < v) v = d[down + 1]! + 4
        if (x > 0 && d[down - 1]! + 4 < v) v = d[down - 1]! + 4
      }
      d[i] = v
    }
  }
  for (let i = 0; i < w * h; i++) d[i] = d[i]! / 3
  return d
}

/**
 * Widens the person layer's alpha `layer` (w x h, in place) over a band of `bandPx` around the segmentation's
 * core (where `coverage` is 1): alpha 1 across the band, feathered to 0 over its last EDGE_FEATHER_PX, times
 * `weightAt(x, y)` (the layer's own fade, e.g. toward the shoulders). Alpha only ever grows.
 *
 * Why: a segmentation's edge lies on or just inside the person's outline, so the photo's rim around the person
 * (hair wisps, a sharpening halo, a dark edge) is background to it. Left in the plate, that rim would stay
 * behind as an outline of where the head was once the head moves; inside the layer it moves with the head.
 */
export function widenPersonLayer(
  layer: Float32Array,
  coverage: Float32Array,
  w: number,
  h: number,
  bandPx: number,
  weightAt: (x: number, y: number) => number
): void {
  if (!(bandPx > 0)) return
  const core = new Float32Array(w * h)
  for (let i = 0; i < w * h; i++) core[i] = coverage[i]! >= 1 ? 1 : 0
  const distance = chamferDistance(core, w, h)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x
      const d = distance[i]!
      if (d === 0 || d > bandPx) continue
      const reach = 1 - smoothstep(bandPx - EDGE_FEATHER_PX, bandPx, d)
      if (reach > layer[i]!) layer[i] = Math.max(layer[i]!, reach * weightAt(x + 0.5, y + 0.5))
    }
  }
}
