/**
 * Texture for the plate's hole where the PatchMatch fill (plate-hole-fill.ts) has too little background to copy
 * from. Push-pull fills the hole with the background's low frequencies only, a smooth smear that a turning head
 * uncovers as a blur (bench:turns: gradient 0.4–0.6 of the surrounding plate's).
 * This adds the background's own high frequencies back: each hole pixel takes the detail of the background
 * pixel mirrored across a line just outside the hole's edge (p → 2q − p, pushed past the edge band; q the
 * nearest known pixel), so the fill carries the grain, noise and texture of what surrounds it, fading out
 * deep inside the hole where the mirror would reach far from the background it copies.
 *
 * `plate` is planar RGB [3][h][w] (0..1) and already push-pull filled; `known[i]` is 1 for background and 0
 * for the hole; `target[i]` is 1 where detail may be added (pixels the person layer covers fully, so the
 * render at the source camera stays exact). Distances in px.
 */
export function addPlateDetail(
  plate: Float32Array,
  known: Float32Array,
  target: Uint8Array,
  w: number,
  h: number,
  options: { radius?: number; fadeStart?: number; fadeEnd?: number; edgeBand?: number } = {}
): void {
  const radius = options.radius ?? 3
  const fadeStart = options.fadeStart ?? 40
  const fadeEnd = options.fadeEnd ?? 90
  const edgeBand = options.edgeBand ?? 8
  const hw = w * h
  let any = false
  for (let i = 0; i < hw; i++) {
    if (target[i] && !(known[i]! > 0)) {
      any = true
      break
    }
  }
  if (!any) return
  const detail = highPassOfKnown(plate, known, w, h, radius)
  // The background right at the hole's edge still holds the person's rim (hair wisps, a sharpening halo):
  // mirrored into the hole it would draw ghost strands. Its detail is left out, and the mirror starts past it.
  const hole = new Float32Array(hw)
  for (let i = 0; i < hw; i++) hole[i] = known[i]! > 0 ? 0 : 1
  const toHole = nearestKnown(hole, w, h)
  const band2 = edgeBand * edgeBand
  for (let i = 0; i < hw; i++) {
    if (!(known[i]! > 0) || toHole.x[i]! < 0) continue
    const dx = (i % w) - toHole.x[i]!
    const dy = Math.floor(i / w) - toHole.y[i]!
    if (dx * dx + dy * dy < band2) {
      detail[i] = 0
      detail[hw + i] = 0
      detail[2 * hw + i] = 0
    }
  }
  const toKnown = nearestKnown(known, w, h)
  for (let i = 0; i < hw; i++) {
    if (!target[i] || known[i]! > 0) continue
    const qx = toKnown.x[i]!
    const qy = toKnown.y[i]!
    if (qx < 0) continue
    const x = i % w
    const y = (i - x) / w
    const d = Math.hypot(x - qx, y - qy)
    const fade = d <= fadeStart ? 1 : d >= fadeEnd ? 0 : (fadeEnd - d) / (fadeEnd - fadeStart)
    if (fade === 0 || d === 0) continue
    // Mirror across a line `edgeBand` px outside the edge, then clamp into the image; a mirror that lands in
    // the hole takes no detail.
    const k = 1 + (2 * edgeBand) / d
    const sx = Math.max(0, Math.min(w - 1, Math.round(x + (qx - x) * (1 + k))))
    const sy = Math.max(0, Math.min(h - 1, Math.round(y + (qy - y) * (1 + k))))
    const s = sy * w + sx
    if (!(known[s]! > 0)) continue
    for (let c = 0; c < 3; c++) {
      const v = plate[c * hw + i]! + fade * detail[c * hw + s]!
      plate[c * hw + i] = v < 0 ? 0 : v > 1 ? 1 : v
    }
  }
}

/**
 * The known pixels' detail: each value minus the mean of the known values in the (2r + 1)² box around it
 * (normalised, so the hole does not darken the edge's mean). Box sums by running totals, so the cost does not
 * grow with r (a 1024 px avatar is built in about 1.2 s; a Gaussian here added 0.5 s). Planar [3][h][w]; 0 in
 * the hole.
 */
export function highPassOfKnown(
  data: Float32Array,
  known: Float32Array,
  w: number,
  h: number,
  r: number
): Float32Array {
  const hw = w * h
  // Four planes summed together: the known weight, then each channel masked by it.
  const planes = new Float32Array(4 * hw)
  for (let i = 0; i < hw; i++) {
    const k = known[i]! > 0 ? 1 : 0
    planes[i] = k
    for (let c = 0; c < 3; c++) planes[(c + 1) * hw + i] = k * data[c * hw + i]!
  }
  const rows = new Float32Array(4 * hw)
  for (let p = 0; p < 4; p++) {
    const o = p * hw
    for (let y = 0; y < h; y++) {
      const row = o + y * w
      let s = 0
      for (let x = 0; x <= Math.min(r, w - 1); x++) s += planes[row + x]!
      for (let x = 0; x < w; x++) {
        rows[row + x] = s
        if (x + r + 1 < w) s += planes[row + x + r + 1]!
        if (x - r >= 0) s -= planes[row + x - r]!
      }
    }
  }
  const sums = new Float32Array(4 * hw)
  for (let p = 0; p < 4; p++) {
    const o = p * hw
    for (let x = 0; x < w; x++) {
      let s = 0
      for (let y = 0; y <= Math.min(r, h - 1); y++) s += rows[o + y * w + x]!
      for (let y = 0; y < h; y++) {
        sums[o + y * w + x] = s
        if (y + r + 1 < h) s += rows[o + (y + r + 1) * w + x]!
        if (y - r >= 0) s -= rows[o + (y - r) * w + x]!
      }
    }
  }
  const out = new Float32Array(3 * hw)
  for (let i = 0; i < hw; i++) {
    const weight = sums[i]!
    if (!(known[i]! > 0) || weight < 0.5) continue
    for (let c = 0; c < 3; c++) out[c * hw + i] = data[c * hw + i]! - sums[(c + 1) * hw + i]! / weight
  }
  return out
}

/**
 * For every pixel, the coordinates of a nearby known pixel (approximately the nearest, by two raster passes
 * that pass each neighbour's nearest seed on, as in a feature transform); −1 where nothing is known.
 */
export function nearestKnown(known: Float32Array, w: number, h: number): { x: Int32Array; y: Int32Array } {
  const hw = w * h
  const sx = new Int32Array(hw).fill(-1)
  const sy = new Int32Array(hw).fill(-1)
  const best = new Float64Array(hw).fill(Infinity)
  for (let i = 0; i < hw; i++) {
    if (known[i]! > 0) {
      sx[i] = i % w
      sy[i] = Math.floor(i / w)
      best[i] = 0
    }
  }
  const relax = (i: number, x: number, y: number, j: number): void => {
    const jx = sx[j]!
    if (jx < 0) return
    const jy = sy[j]!
    const d = (x - jx) * (x - jx) + (y - jy) * (y - jy)
    if (d < best[i]!) {
      best[i] = d
      sx[i] = jx
      sy[i] = jy
    }
  }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x
      if (x > 0) relax(i, x, y, i - 1)
      if (y > 0) {
        relax(i, x, y, i - w)
        if (x > 0) relax(i, x, y, i - w - 1)
        if (x + 1 < w) relax(i, x, y, i - w + 1)
      }
    }
  for (let y = h - 1; y >= 0; y--)
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x
      if (x + 1 < w) relax(i, x, y, i + 1)
      if (y + 1 < h) {
        relax(i, x, y, i + w)
        if (x + 1 < w) relax(i, x, y, i + w + 1)
        if (x > 0) relax(i, x, y, i + w - 1)
      }
    }
  return { x: sx, y: sy }
}
