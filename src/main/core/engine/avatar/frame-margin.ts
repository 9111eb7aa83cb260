/**
 * Points beyond the portrait's frame. Where the moving person layer reaches the frame's edge (hair leaving the
 * top, shoulders and chest cut by the bottom), the photo has nothing past the edge; when the head turns or
 * rolls, those edge points move inward and the plate used to show through a wedge with a hard, cell-stepped
 * border. Margin cells continue the layer outward, each a copy of the frame cell it is nearest to (depth,
 * expression fields), at its own position outside the frame, so it moves in with the rest and its texture read
 * lands outside the frame (the renderer mirrors the texture there).
 */
export interface MarginCell {
  /** Grid coordinates of the margin cell (outside 0..gw-1 x 0..gh-1 on at least one axis). */
  readonly gx: number
  readonly gy: number
  /** Index (gy * gw + gx) of the frame cell it continues. */
  readonly from: number
}

/**
 * Margin cells around a `gw` x `gh` grid: every cell outside the grid whose nearest grid cell (coordinates
 * clamped) is `moving` and lies at most `extent(from)` cells away along each axis it is outside of ([across
 * the left or right edge, across the top or bottom edge]), where `keep` agrees (the padded texture's alpha
 * there, see padTextureForMargin). Within `dense` cells of the frame every cell is
 * kept; further out only cells with even coordinates (a quarter of them: the renderer's crack fill closes the
 * one-cell gaps between them, and the texture there is a mirrored continuation, soft by nature).
 */
export function frameMarginCells(
  moving: Uint8Array,
  gw: number,
  gh: number,
  extent: (from: number) => readonly [number, number],
  keep: (gx: number, gy: number) => boolean,
  dense = 2
): MarginCell[] {
  const out: MarginCell[] = []
  const reachX = new Int32Array(gw * gh)
  const reachY = new Int32Array(gw * gh)
  let most = 0
  for (let gx = 0; gx < gw; gx++) {
    for (const gy of gh > 1 ? [0, gh - 1] : [0]) setReach(gy * gw + gx)
  }
  for (let gy = 0; gy < gh; gy++) {
    for (const gx of gw > 1 ? [0, gw - 1] : [0]) setReach(gy * gw + gx)
  }
  function setReach(i: number): void {
    if (!moving[i]) return
    const [ex, ey] = extent(i)
    reachX[i] = Math.max(0, Math.floor(ex))
    reachY[i] = Math.max(0, Math.floor(ey))
    most = Math.max(most, reachX[i], reachY[i])
  }
  if (most === 0) return out
  for (let gy = -most; gy < gh + most; gy++) {
    const cy = Math.min(gh - 1, Math.max(0, gy))
    const dy = gy < 0 ? -gy : gy >= gh ? gy - gh + 1 : 0
    for (let gx = -most; gx < gw + most; gx++) {
      const dx = gx < 0 ? -gx : gx >= gw ? gx - gw + 1 : 0
      if (dx === 0 && dy === 0) {
        // inside the frame: jump to the right edge's margin
        if (gx === 0) gx = gw - 1
        continue
      }
      const from = cy * gw + Math.min(gw - 1, Math.max(0, gx))
      if (!moving[from]) continue
      if (dx > reachX[from]! || dy > reachY[from]!) continue
      if (Math.max(dx, dy) > dense && (gx % 2 !== 0 || gy % 2 !== 0)) continue
      if (!keep(gx, gy)) continue
      out.push({ gx, gy, from })
    }
  }
  return out
}

/**
 * The texture (planar [channels][h][w], the last channel the person alpha) padded by `pad` px on each side for
 * the frame margin: colour and alpha mirrored about the frame's edge, the alpha closing as a rounded cap over
 * each run of the layer along an edge (alpha >= 0.5 on the edge row or column): an arc of radius `capRadius`
 * px through the points where the outline crosses the edge, with a soft edge (`ramp` px). A crown cut by the
 * frame continues past the cut and closes over it, instead of running on straight or widening again like its
 * mirror image. A run's end at a frame corner is not a crossing of the
 * outline: the layer goes on round the corner there. Returns [channels][h + 2 pad][w + 2 pad].
 */
export function padTextureForMargin(
  texture: Float32Array,
  w: number,
  h: number,
  channels: number,
  pad: number,
  ramp: number,
  capRadius: number
): Float32Array {
  const pw = w + 2 * pad
  const ph = h + 2 * pad
  const HW = w * h
  const alpha = texture.subarray((channels - 1) * HW, channels * HW)
  // Cap height (px past the edge) along each edge: top, bottom (per column), left, right (per row).
  const capAlong = (length: number, at: (k: number) => number): Float32Array => {
    const cap = new Float32Array(length)
    for (let k = 0; k < length;) {
      if (alpha[at(k)]! < 0.5) {
        k++
        continue
      }
      let end = k
      while (end < length && alpha[at(end)]! >= 0.5) end++
      const closedStart = k > 0
      const closedEnd = end < length
      const ends = (closedStart ? 1 : 0) + (closedEnd ? 1 : 0)
      // An arc of radius `capRadius` (a head's curvature) through the crossings; a run crossing the edge at one
      // end only is taken as half of a chord twice its length. Chords wider than the arc's diameter close as a
      // semicircle over them.
      const half = ends === 2 ? (end - k) / 2 : end - k
      const radius = Math.max(capRadius, half)
      const base = Math.sqrt(radius * radius - half * half)
      for (let j = k; j < end; j++) {
        const e = Math.min(closedStart ? j - k + 0.5 : Infinity, closedEnd ? end - j - 0.5 : Infinity)
        cap[j] = ends === 0 ? Infinity : Math.sqrt(Math.max(0, radius * radius - (half - e) ** 2)) - base
      }
      k = end
    }
    return cap
  }
  const caps = [
    capAlong(w, (x) => x),
    capAlong(w, (x) => (h - 1) * w + x),
    capAlong(h, (y) => y * w),
    capAlong(h, (y) => y * w + w - 1)
  ] as const
  const profile = (cap: number, d: number): number => {
    if (d <= 0) return 1
    const t = Math.max(0, Math.min(1, (d - (cap - ramp)) / ramp))
    return 1 - t * t * (3 - 2 * t)
  }
  const mirror = (v: number, n: number): number => {
    const m = v < 0 ? -v - 1 : v >= n ? 2 * n - v - 1 : v
    return Math.max(0, Math.min(n - 1, m))
  }
  const out = new Float32Array(channels * pw * ph)
  for (let Y = 0; Y < ph; Y++) {
    const y = Y - pad
    const my = mirror(y, h)
    const cy = Math.max(0, Math.min(h - 1, y))
    const dy = y < 0 ? -y : y >= h ? y - h + 1 : 0
    for (let X = 0; X < pw; X++) {
      const x = X - pad
      const mx = mirror(x, w)
      const src = my * w + mx
      const o = Y * pw + X
      for (let c = 0; c < channels - 1; c++) out[c * pw * ph + o] = texture[c * HW + src]!
      let a = alpha[src]!
      if (dy > 0 || x < 0 || x >= w) {
        const cx = Math.max(0, Math.min(w - 1, x))
        const dx = x < 0 ? -x : x >= w ? x - w + 1 : 0
        if (dy > 0) a *= profile((y < 0 ? caps[0] : caps[1])[cx]!, dy)
        if (dx > 0) a *= profile((x < 0 ? caps[2] : caps[3])[cy]!, dx)
      }
      out[(channels - 1) * pw * ph + o] = a
    }
  }
  return out
}
