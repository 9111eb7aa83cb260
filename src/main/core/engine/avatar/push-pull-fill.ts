/**
 * Fills unknown samples of a multi-channel grid smoothly from the known ones (push-pull: average the known
 * samples down a pyramid, then fill each level's holes from the coarser level, upsampled bilinearly).
 * `data` is planar [channels][h * w]; `known[i]` in 0..1 is the confidence of sample i. Known samples keep
 * their values. Runs in O(channels * w * h).
 */
export function pushPullFill(
  data: Float32Array,
  known: Float32Array,
  w: number,
  h: number,
  channels: number
): void {
  if (w <= 1 && h <= 1) return
  const cw = Math.max(1, Math.ceil(w / 2))
  const ch = Math.max(1, Math.ceil(h / 2))
  const coarse = new Float32Array(channels * cw * ch)
  const coarseKnown = new Float32Array(cw * ch)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const k = known[y * w + x]!
      if (k <= 0) continue
      const j = (y >> 1) * cw + (x >> 1)
      coarseKnown[j] += k
      for (let c = 0; c < channels; c++) coarse[c * cw * ch + j] += k * data[c * w * h + y * w + x]!
    }
  }
  for (let j = 0; j < cw * ch; j++) {
    const k = coarseKnown[j]!
    if (k > 0) for (let c = 0; c < channels; c++) coarse[c * cw * ch + j] /= k
    coarseKnown[j] = Math.min(1, k)
  }
  if (cw * ch > 1 && coarseKnown.some((k) => k < 1)) pushPullFill(coarse, coarseKnown, cw, ch, channels)
  for (let y = 0; y < h; y++) {
    const fy = Math.min(ch - 1, Math.max(0, (y + 0.5) / 2 - 0.5))
    const y0 = Math.floor(fy)
    const y1 = Math.min(ch - 1, y0 + 1)
    const ty = fy - y0
    for (let x = 0; x < w; x++) {
      const i = y * w + x
      const k = Math.min(1, known[i]!)
      if (k >= 1) continue
      const fx = Math.min(cw - 1, Math.max(0, (x + 0.5) / 2 - 0.5))
      const x0 = Math.floor(fx)
      const x1 = Math.min(cw - 1, x0 + 1)
      const tx = fx - x0
      for (let c = 0; c < channels; c++) {
        const base = c * cw * ch
        const v =
          (1 - ty) * ((1 - tx) * coarse[base + y0 * cw + x0]! + tx * coarse[base + y0 * cw + x1]!) +
          ty * ((1 - tx) * coarse[base + y1 * cw + x0]! + tx * coarse[base + y1 * cw + x1]!)
        const o = c * w * h + i
        data[o] = k * data[o]! + (1 - k) * v
      }
    }
  }
}
