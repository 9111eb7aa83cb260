import { type AvatarImage } from './avatar-representation'

/**
 * How much a shadow on skin deepens its colour: a channel c darkens as G^γ_c with γ_c = 1 − β ln(c̄ / Ḡ) (c̄, Ḡ
 * the skin's mean channel values), so a shadow keeps the skin's hue and grows more saturated, and grey skin (a
 * black-and-white photo) stays grey. Measured on the 28 dev portraits by `npm run bench:skin-shadow` (the skin
 * pixels forEachSkinPixel reads, where the colour varies mostly by shading): the least-squares slopes of ln R and
 * ln B against ln G have medians 0.75 and 1.15 (real crease shadows are warmer than the lit skin, not greyer), and
 * over the 21 colour portraits with a real range of shading the β each needs has medians 1.15 (red) and 1.03
 * (blue).
 */
export const SHADOW_CHROMA_GAIN = 1.1
/** The per-channel exponents are kept within these (a saturated or noisy skin estimate stays a tint). */
export const SHADOW_TINT_RANGE = [0.6, 1.4] as const

/**
 * Skin patches the colour is read from: the landmarks around the centre of each cheek (below the eye, beside the
 * nose) and of the forehead. Each patch is a disc at the mean of its landmarks, of radius PATCH_RADIUS times the
 * smaller side of their bounding box, well inside the skin.
 */
const SKIN_PATCHES = [
  [50, 187, 205, 36, 101, 118, 117, 123],
  [280, 411, 425, 266, 330, 347, 346, 352],
  [151, 108, 69, 104, 67, 109, 10, 338, 297, 333, 299, 337]
] as const
const PATCH_RADIUS = 0.35
/**
 * 8-bit levels outside which a pixel's log-chroma is noise or clipped: green (the reference) at least 20, red and
 * blue at least 8 (dark skin's blue is low), none above 250.
 */
const LEVELS = { green: 20, other: 8, top: 250 } as const

/**
 * Visits the usable skin pixels of a portrait (`image` 8-bit RGB, `landmarks` 468 × 3 image px): those in the
 * SKIN_PATCHES discs within LEVELS, with their 8-bit red, green and blue.
 */
export function forEachSkinPixel(
  image: AvatarImage,
  landmarks: ArrayLike<number>,
  visit: (red: number, green: number, blue: number) => void
): void {
  const { data, width, height } = image
  for (const patch of SKIN_PATCHES) {
    const xs = patch.map((v) => landmarks[3 * v]!)
    const ys = patch.map((v) => landmarks[3 * v + 1]!)
    const cx = xs.reduce((s, x) => s + x, 0) / xs.length
    const cy = ys.reduce((s, y) => s + y, 0) / ys.length
    const r = PATCH_RADIUS * Math.min(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys))
    for (let y = Math.max(0, Math.ceil(cy - r)); y <= Math.min(height - 1, Math.floor(cy + r)); y++) {
      for (let x = Math.max(0, Math.ceil(cx - r)); x <= Math.min(width - 1, Math.floor(cx + r)); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) continue
        const o = 3 * (y * width + x)
        const [red, green, blue] = [data[o]!, data[o + 1]!, data[o + 2]!]
        if (
          green < LEVELS.green ||
          Math.min(red, blue) < LEVELS.other ||
          Math.max(red, green, blue) > LEVELS.top
        ) {
          continue
        }
        visit(red, green, blue)
      }
    }
  }
}

/**
 * The expression shading's per-channel darkening exponents [γ_R, γ_G, γ_B] (γ_G = 1) for this portrait's skin
 * (`image` 8-bit RGB, `landmarks` 468 × 3 image px): the renderer darkens each channel of a shaded pixel by
 * (1 + shade·γ_c) where the shade is negative (a fold, a furrow line), the first-order form of the power law
 * above. [1, 1, 1] when no skin pixel is usable.
 */
export function shadowTint(image: AvatarImage, landmarks: ArrayLike<number>): [number, number, number] {
  let sumR = 0
  let sumB = 0
  let count = 0
  forEachSkinPixel(image, landmarks, (red, green, blue) => {
    sumR += Math.log(red / green)
    sumB += Math.log(blue / green)
    count++
  })
  if (count === 0) return [1, 1, 1]
  const exponent = (logChroma: number): number =>
    Math.max(SHADOW_TINT_RANGE[0], Math.min(SHADOW_TINT_RANGE[1], 1 - SHADOW_CHROMA_GAIN * logChroma))
  return [exponent(sumR / count), 1, exponent(sumB / count)]
}
