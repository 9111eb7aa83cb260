import { smoothstep } from './smoothstep'

/**
 * The plate past the portrait's edges. A camera that pans (±0.5 of the frame) or zooms out (to 0.5) looks
 * past the photo; the plate continues the background there as its mirror image about each edge, so the frame
 * shows a continuous backdrop instead of a black band. The mirror image fades into a wide blur of itself with
 * the distance from the edge: right at the edge the texture continues, further out no feature of the photo
 * (the body below a head-and-shoulders crop, a lamp) is seen a second time, only its colours. The outermost part
 * of the margin then fades into the picture's mean colour, which the renderer also shows past the margin (only
 * the extremes of pan and zoom together reach it), so the backdrop ends in a flat colour rather than a black band
 * or a hard-edged rectangle.
 */

/**
 * Margin on each side, as a share of the portrait's longer side: covers a pan of 0.3 of the frame, or a zoom
 * out to 0.62, or a 0.8 zoom panned by 0.17.
 */
const PLATE_MARGIN_SHARE = 0.3
/** At most this many px a side (a 1024 px avatar's plate is 1638 px square, 32 MB). */
const PLATE_MARGIN_MAX_PX = 320
/** Distance past the edge (share of the longer side) over which the mirror image fades into its blur. */
const FADE_SHARE = 0.12
/** Radius of the blur it fades into (share of the longer side); three box passes make it about Gaussian. */
const BLUR_SHARE = 0.04
/** The blur is computed on blocks of this many px a side. */
const BLUR_STEP = 4
/** The outer share of the margin over which the blur fades into the picture's mean colour. */
const MEAN_FADE_SHARE = 0.35

/** The plate's margin on each side, px, for a portrait of w x h px (at least the 1 px the Resize needs). */
export function plateMarginPx(w: number, h: number): number {
  return Math.max(1, Math.min(PLATE_MARGIN_MAX_PX, Math.ceil(PLATE_MARGIN_SHARE * Math.max(w, h))))
}

/** Index i (any integer) folded into 0..n-1 by mirroring about the edges (…2 1 0 | 0 1 2 … n-1 | n-1 n-2…). */
export function mirrorIndex(i: number, n: number): number {
  const period = 2 * n
  const m = ((i % period) + period) % period
  return m < n ? m : period - 1 - m
}

/**
 * Planar [channels][h][w] -> [channels][h + 2 pad][w + 2 pad]: the margin mirrored about each edge, fading
 * into a blur of itself with the distance from the edge. The portrait's own pixels are copied unchanged.
 */
export function extendPlate(
  data: Float32Array,
  w: number,
  h: number,
  channels: number,
  pad: number
): Float32Array {
  const pw = w + 2 * pad
  const ph = h + 2 * pad
  const out = new Float32Array(channels * pw * ph)
  const sx = Int32Array.from({ length: pw }, (_, x) => mirrorIndex(x - pad, w))
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < ph; y++) {
      const row = c * w * h + mirrorIndex(y - pad, h) * w
      const outRow = c * pw * ph + y * pw
      out.set(data.subarray(row, row + w), outRow + pad)
      for (let x = 0; x < pad; x++) out[outRow + x] = data[row + sx[x]!]!
      for (let x = pad + w; x < pw; x++) out[outRow + x] = data[row + sx[x]!]!
    }
  }
  const side = Math.max(w, h)
  if (pad <= 1 || BLUR_SHARE * side < BLUR_STEP) return out
  fadeMarginIntoBlur(out, data, w, h, channels, pad, side)
  fadeMarginIntoMean(out, data, w, h, channels, pad)
  return out
}

/**
 * Blends the outer MEAN_FADE_SHARE of the margin of `out` toward the picture's mean colour per channel, all the
 * way at the outermost px (the colour the renderer shows past the plate: the mean of its corners).
 */
function fadeMarginIntoMean(
  out: Float32Array,
  data: Float32Array,
  w: number,
  h: number,
  channels: number,
  pad: number
): void {
  const pw = w + 2 * pad
  const ph = h + 2 * pad
  const start = Math.max(0, pad - Math.max(2, Math.round(MEAN_FADE_SHARE * pad)))
  const weight = Float32Array.from({ length: pad + 1 }, (_, d) => smoothstep(start, pad, d))
  const past = (q: number, inner: number): number => Math.max(0, pad - q, q - (pad + inner - 1))
  for (let c = 0; c < channels; c++) {
    let sum = 0
    for (let i = c * w * h; i < (c + 1) * w * h; i++) sum += data[i]!
    const mean = sum / (w * h)
    for (let y = 0; y < ph; y++) {
      const dy = past(y, h)
      for (let x = 0; x < pw; x++) {
        const d = Math.max(dy, past(x, w))
        if (d <= start) {
          if (dy <= start && x >= pad && x < pad + w) x = pad + w - 1 // inside the portrait's columns
          continue
        }
        const i = c * pw * ph + y * pw + x
        out[i] = out[i]! + weight[d]! * (mean - out[i]!)
      }
    }
  }
}

/**
 * Blends the margin of `out` (the mirrored plate) toward a wide blur of the mirrored portrait, more with the
 * distance past the edge. The blur is taken at 1/BLUR_STEP resolution: it is wide, and only the margin uses it.
 */
function fadeMarginIntoBlur(
  out: Float32Array,
  data: Float32Array,
  w: number,
  h: number,
  channels: number,
  pad: number,
  side: number
): void {
  const k = BLUR_STEP
  const pw = w + 2 * pad
  const ph = h + 2 * pad
  const sw = Math.ceil(w / k)
  const sh = Math.ceil(h / k)
  const lpad = Math.ceil(pad / k)
  const lw = sw + 2 * lpad
  const lh = sh + 2 * lpad
  const r = Math.max(1, Math.round((BLUR_SHARE * side) / k))
  const fade = FADE_SHARE * side
  const lows: Float32Array[] = []
  for (let c = 0; c < channels; c++) {
    const small = downsample(data.subarray(c * w * h, (c + 1) * w * h), w, h, k, sw, sh)
    const low = new Float32Array(lw * lh)
    for (let y = 0; y < lh; y++) {
      const row = mirrorIndex(y - lpad, sh) * sw
      for (let x = 0; x < lw; x++) low[y * lw + x] = small[row + mirrorIndex(x - lpad, sw)]!
    }
    for (let pass = 0; pass < 3; pass++) boxBlur(low, lw, lh, r)
    lows.push(low)
  }
  // Output px (x, y) sits at low-res (x - pad + lpad k + 0.5) / k - 0.5; per column and per row, where it
  // reads the blur and how far past the edge it is (px, 0 inside); the fade per whole px of distance.
  const offset = lpad * k - pad
  const axis = (n: number, inner: number, lowLen: number) => {
    const i0 = new Int32Array(n)
    const i1 = new Int32Array(n)
    const frac = new Float32Array(n)
    const past = new Int32Array(n)
    for (let q = 0; q < n; q++) {
      const f = Math.min(lowLen - 1, Math.max(0, (q + offset + 0.5) / k - 0.5))
      i0[q] = Math.floor(f)
      i1[q] = Math.min(lowLen - 1, i0[q]! + 1)
      frac[q] = f - i0[q]!
      past[q] = Math.max(0, pad - q, q - (pad + inner - 1))
    }
    return { i0, i1, frac, past }
  }
  const ax = axis(pw, w, lw)
  const ay = axis(ph, h, lh)
  const weight = Float32Array.from({ length: pad + 1 }, (_, d) => smoothstep(0, fade, d))
  for (let y = 0; y < ph; y++) {
    const dy = ay.past[y]!
    const r0 = ay.i0[y]! * lw
    const r1 = ay.i1[y]! * lw
    const ty = ay.frac[y]!
    for (let x = 0; x < pw; x++) {
      const d = Math.max(dy, ax.past[x]!)
      if (d === 0) {
        x = pad + w - 1 // inside the portrait's rows: on to the right margin
        continue
      }
      const t = weight[d]!
      const x0 = ax.i0[x]!
      const x1 = ax.i1[x]!
      const tx = ax.frac[x]!
      for (let c = 0; c < channels; c++) {
        const low = lows[c]!
        const top = low[r0 + x0]! + tx * (low[r0 + x1]! - low[r0 + x0]!)
        const bottom = low[r1 + x0]! + tx * (low[r1 + x1]! - low[r1 + x0]!)
        const i = c * pw * ph + y * pw + x
        out[i] = out[i]! + t * (top + ty * (bottom - top) - out[i]!)
      }
    }
  }
}

/** Area mean over k x k blocks of a w x h plane -> lw x lh (edge blocks average what they hold). */
function downsample(
  plane: Float32Array,
  w: number,
  h: number,
  k: number,
  lw: number,
  lh: number
): Float32Array {
  const out = new Float32Array(lw * lh)
  for (let by = 0; by < lh; by++) {
    const y1 = Math.min(h, (by + 1) * k)
    for (let bx = 0; bx < lw; bx++) {
      const x1 = Math.min(w, (bx + 1) * k)
      let sum = 0
      for (let y = by * k; y < y1; y++) for (let x = bx * k; x < x1; x++) sum += plane[y * w + x]!
      out[by * lw + bx] = sum / ((y1 - by * k) * (x1 - bx * k))
    }
  }
  return out
}

/** One box-blur pass of radius r (px) over a w x h plane, in place; edges clamped. */
function boxBlur(plane: Float32Array, w: number, h: number, r: number): void {
  const line = new Float32Array(Math.max(w, h))
  const norm = 1 / (2 * r + 1)
  const run = (n: number, start: number, stride: number) => {
    for (let i = 0; i < n; i++) line[i] = plane[start + i * stride]!
    let sum = 0
    for (let q = -r; q <= r; q++) sum += line[Math.min(n - 1, Math.max(0, q))]!
    for (let i = 0; i < n; i++) {
      plane[start + i * stride] = sum * norm
      sum += line[Math.min(n - 1, i + r + 1)]! - line[Math.max(0, i - r)]!
    }
  }
  for (let y = 0; y < h; y++) run(w, y * w, 1)
  for (let x = 0; x < w; x++) run(h, x, w)
}
