import { chamferDistance } from './person-edge-band'
import { pushPullFill } from './push-pull-fill'

/** Tuning of {@link estimateWispAlpha}; distances in cm, colours in 0..1 RGB. */
export interface WispMatteOptions {
  /** How far past the segmentation's core the search reaches (cm). */
  readonly reach: number
  /** Width (cm) of the core's rim whose colour stands for the hair at the edge. */
  readonly rimWidth: number
  /** A pixel counts only where its pull toward the hair colour exceeds this many times the background's own noise. */
  readonly noiseFactor: number
  /** Hair and background colours closer than this are not told apart (no alpha, nothing to leave behind either). */
  readonly minContrast: number
  /** Radius (cm) of the box over which the background's local mean is taken. */
  readonly backgroundRadius: number
  /**
   * Finer images are matted at a whole-number fraction of their size with at most this many px per cm, and
   * the alpha is upsampled (wisps stay a few px wide; the cost of a 1024 px portrait drops about fourfold).
   */
  readonly maxPxPerCm: number
}

export const DEFAULT_WISP_MATTE: WispMatteOptions = {
  reach: 0.8,
  rimWidth: 0.4,
  noiseFactor: 2.5,
  minContrast: 0.06,
  backgroundRadius: 0.4,
  maxPxPerCm: 18
}

/**
 * Alpha (w x h, 0..1) of the hair wisps and soft fringe just outside a person segmentation's core, by a
 * knockout-style colour-line matte: each pixel within `reach` of the core is modelled as a mix of the hair
 * colour at the edge F (the core's rim colour carried outward) and the background B (the photo beyond `reach`
 * carried inward), `S = a F + (1 - a) B`, and `a` is the projection of S - B on F - B.
 *
 * A pixel gets alpha only where the model fits (the residual off the F-B line is small next to the pull) and
 * where the pull stands out of the background's own variation around its local mean B, measured in the ring
 * just beyond `reach`: on a busy background (foliage) that variation is large, so the matte stays off and the background's
 * texture is not mistaken for hair. Colours are planar `rgb` [3][w * h] in 0..1; `core` is 1 where the
 * segmentation is certain.
 *
 * Why: wisps and soft edges the segmentation leaves out stay in the background plate and draw a ghost outline of
 * the hair once the head moves; with this alpha they join the moving person layer and the plate is filled there.
 */
export function estimateWispAlpha(
  rgb: Float32Array,
  core: Float32Array,
  w: number,
  h: number,
  pxPerCm: number,
  options: WispMatteOptions = DEFAULT_WISP_MATTE
): Float32Array {
  const f = Math.max(1, Math.ceil(pxPerCm / options.maxPxPerCm))
  if (f === 1) return matte(rgb, core, w, h, pxPerCm, options)
  // Box-downsample by f (the core only where every covered pixel is core), matte, upsample bilinearly.
  const sw = Math.ceil(w / f)
  const sh = Math.ceil(h / f)
  const small = new Float32Array(3 * sw * sh)
  const smallCore = new Float32Array(sw * sh)
  for (let y = 0; y < sh; y++) {
    for (let x = 0; x < sw; x++) {
      let count = 0
      let inCore = 0
      const sum = [0, 0, 0]
      for (let yy = y * f; yy < Math.min(h, (y + 1) * f); yy++) {
        for (let xx = x * f; xx < Math.min(w, (x + 1) * f); xx++) {
          const i = yy * w + xx
          count++
          if (core[i]! > 0) inCore++
          for (let c = 0; c < 3; c++) sum[c]! += rgb[c * w * h + i]!
        }
      }
      const j = y * sw + x
      smallCore[j] = inCore === count ? 1 : 0
      for (let c = 0; c < 3; c++) small[c * sw * sh + j] = sum[c]! / count
    }
  }
  const a = matte(small, smallCore, sw, sh, pxPerCm / f, options)
  const alpha = new Float32Array(w * h)
  for (let y = 0; y < h; y++) {
    const fy = Math.min(sh - 1, Math.max(0, (y + 0.5) / f - 0.5))
    const y0 = Math.floor(fy)
    const y1 = Math.min(sh - 1, y0 + 1)
    const ty = fy - y0
    for (let x = 0; x < w; x++) {
      if (core[y * w + x]! > 0) continue
      const fx = Math.min(sw - 1, Math.max(0, (x + 0.5) / f - 0.5))
      const x0 = Math.floor(fx)
      const x1 = Math.min(sw - 1, x0 + 1)
      const tx = fx - x0
      alpha[y * w + x] =
        (1 - ty) * ((1 - tx) * a[y0 * sw + x0]! + tx * a[y0 * sw + x1]!) +
        ty * ((1 - tx) * a[y1 * sw + x0]! + tx * a[y1 * sw + x1]!)
    }
  }
  return alpha
}

function matte(
  rgb: Float32Array,
  core: Float32Array,
  w: number,
  h: number,
  pxPerCm: number,
  options: WispMatteOptions
): Float32Array {
  const n = w * h
  const alpha = new Float32Array(n)
  const reach = options.reach * pxPerCm
  if (!(reach > 0)) return alpha
  const outside = chamferDistance(core, w, h)
  const notCore = new Float32Array(n)
  for (let i = 0; i < n; i++) notCore[i] = core[i]! > 0 ? 0 : 1
  const inside = chamferDistance(notCore, w, h)

  // Background: the local mean of the photo beyond the reach (a box of about a background radius), carried
  // into the band where no such pixel is near. Being a mean, it also gives the background's own variation.
  const backgroundKnown = new Float32Array(n)
  for (let i = 0; i < n; i++) backgroundKnown[i] = outside[i]! > reach ? 1 : 0
  if (!backgroundKnown.some((k) => k > 0)) return alpha
  const radius = Math.max(2, Math.round(options.backgroundRadius * pxPerCm))
  const { mean: background, known: meanKnown } = maskedBoxMean(rgb, backgroundKnown, w, h, 3, radius)
  pushPullFill(background, meanKnown, w, h, 3)

  const hair = rgb.slice()
  const hairKnown = new Float32Array(n)
  for (let i = 0; i < n; i++) hairKnown[i] = core[i]! > 0 && inside[i]! < options.rimWidth * pxPerCm ? 1 : 0
  if (!hairKnown.some((k) => k > 0)) return alpha
  pushPullFill(hair, hairKnown, w, h, 3)

  // The background's own variation around its smooth estimate, in a ring beyond the search, carried inward.
  const noise = new Float32Array(n)
  const noiseKnown = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    if (outside[i]! <= reach || outside[i]! > reach + pxPerCm) continue
    let e = 0
    for (let c = 0; c < 3; c++) e += (rgb[c * n + i]! - background[c * n + i]!) ** 2
    noise[i] = Math.sqrt(e)
    noiseKnown[i] = 1
  }
  if (!noiseKnown.some((k) => k > 0)) return alpha
  pushPullFill(noise, noiseKnown, w, h, 1)

  for (let i = 0; i < n; i++) {
    const d = outside[i]!
    if (d === 0 || d > reach) continue
    let ff = 0
    let sf = 0
    for (let c = 0; c < 3; c++) {
      const fb = hair[c * n + i]! - background[c * n + i]!
      ff += fb * fb
      sf += (rgb[c * n + i]! - background[c * n + i]!) * fb
    }
    const contrast = Math.sqrt(ff)
    if (contrast < options.minContrast) continue
    const a = Math.max(0, Math.min(1, sf / ff))
    if (a === 0) continue
    let off = 0
    for (let c = 0; c < 3; c++) {
      const fb = hair[c * n + i]! - background[c * n + i]!
      off += (rgb[c * n + i]! - background[c * n + i]! - a * fb) ** 2
    }
    const pull = a * contrast
    if (Math.sqrt(off) > 0.5 * pull + 0.02) continue
    const excess = Math.max(0, pull - options.noiseFactor * noise[i]!) / pull
    alpha[i] = a * excess
  }
  return alpha
}

/**
 * Mean of planar `data` ([channels][w * h]) over the `known` samples in a (2r + 1)^2 box around each sample
 * (summed-area table), and where the box held any known sample.
 */
function maskedBoxMean(
  data: Float32Array,
  known: Float32Array,
  w: number,
  h: number,
  channels: number,
  r: number
): { mean: Float32Array; known: Float32Array } {
  const n = w * h
  const sw = w + 1
  const table = (value: (i: number) => number): Float64Array => {
    const t = new Float64Array(sw * (h + 1))
    for (let y = 0; y < h; y++) {
      let row = 0
      for (let x = 0; x < w; x++) {
        row += value(y * w + x)
        t[(y + 1) * sw + x + 1] = t[y * sw + x + 1]! + row
      }
    }
    return t
  }
  const boxSum = (t: Float64Array, x: number, y: number): number => {
    const x0 = Math.max(0, x - r)
    const y0 = Math.max(0, y - r)
    const x1 = Math.min(w, x + r + 1)
    const y1 = Math.min(h, y + r + 1)
    return t[y1 * sw + x1]! - t[y0 * sw + x1]! - t[y1 * sw + x0]! + t[y0 * sw + x0]!
  }
  const count = table((i) => (known[i]! > 0 ? 1 : 0))
  const sums = Array.from({ length: channels }, (_, c) =>
    table((i) => (known[i]! > 0 ? data[c * n + i]! : 0))
  )
  const mean = new Float32Array(channels * n)
  const has = new Float32Array(n)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const k = boxSum(count, x, y)
      if (k < 1) continue
      has[y * w + x] = 1
      for (let c = 0; c < channels; c++) mean[c * n + y * w + x] = boxSum(sums[c]!, x, y) / k
    }
  }
  return { mean, known: has }
}
