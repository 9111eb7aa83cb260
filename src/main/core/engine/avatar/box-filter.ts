/**
 * Box-filters channels of a planar [channels][H][W] image inside a box, in place: a (2 radius + 1)² mean, as a
 * row pass and a column pass, each clamped to the box's edges (px outside it neither read nor written).
 * `box`: x0, y0, x1, y1 (inclusive px, clipped to the image); `radius` in px.
 */
export function boxFilterRegion(
  data: Float32Array,
  W: number,
  H: number,
  channels: readonly number[],
  box: readonly [number, number, number, number],
  radius: number
): void {
  const r = Math.max(0, Math.round(radius))
  const x0 = Math.max(0, box[0])
  const y0 = Math.max(0, box[1])
  const x1 = Math.min(W - 1, box[2])
  const y1 = Math.min(H - 1, box[3])
  if (r === 0 || x1 < x0 || y1 < y0) return
  const HW = W * H
  const line = new Float32Array(Math.max(x1 - x0, y1 - y0) + 1)
  // One pass along a line of n px starting at `start`, `step` apart.
  const pass = (c: number, start: number, step: number, n: number): void => {
    for (let k = 0; k < n; k++) line[k] = data[c * HW + start + k * step]!
    for (let k = 0; k < n; k++) {
      const a = Math.max(0, k - r)
      const b = Math.min(n - 1, k + r)
      let sum = 0
      for (let j = a; j <= b; j++) sum += line[j]!
      data[c * HW + start + k * step] = sum / (b - a + 1)
    }
  }
  for (const c of channels) {
    for (let y = y0; y <= y1; y++) pass(c, y * W + x0, 1, x1 - x0 + 1)
    for (let x = x0; x <= x1; x++) pass(c, y0 * W + x, W, y1 - y0 + 1)
  }
}
