import { LOWER_TEETH, toothRowAt, UPPER_TEETH } from './mouth-teeth'
import { piecewiseLinearAt } from './piecewise-linear'
import { smoothstep } from './smoothstep'

/** Teeth colour where the portrait shows none: a warm off-white (linear 0..1 RGB) before the cavity's shadow. */
export const DEFAULT_TOOTH_RGB: readonly [number, number, number] = [0.95, 0.91, 0.88]

/**
 * How the face is lit and coloured, read from the skin in `box` (source px x0, y0, x1, y1, clipped; the chin
 * below the mouth). `tooth`: DEFAULT_TOOTH_RGB dimmed by the skin's light (full at a luminance of 0.65 and up,
 * at most halved) and tinted a quarter of the way (in log) toward its hue, so teeth in a dim painting are not a
 * bright white denture. `chroma`: the skin's saturation against a typical 0.25, at most 1: the painted interior's
 * colour is scaled by it, so a black-and-white photo gets a grey mouth, not a red one.
 * `rgb`: the portrait, 3 bytes a px, row-major, `W` px wide and `H` high.
 */
export function mouthLighting(
  rgb: Uint8Array,
  W: number,
  H: number,
  box: readonly [number, number, number, number]
): { tooth: [number, number, number]; chroma: number } {
  const sum = [0, 0, 0]
  let count = 0
  for (let y = Math.max(0, Math.floor(box[1])); y <= Math.min(H - 1, Math.ceil(box[3])); y++) {
    for (let x = Math.max(0, Math.floor(box[0])); x <= Math.min(W - 1, Math.ceil(box[2])); x++) {
      for (let c = 0; c < 3; c++) sum[c] += rgb[3 * (y * W + x) + c]! / 255
      count++
    }
  }
  if (count === 0) return { tooth: [...DEFAULT_TOOTH_RGB], chroma: 1 }
  const mean = sum.map((v) => v / count)
  const lum = Math.max(1e-3, 0.299 * mean[0]! + 0.587 * mean[1]! + 0.114 * mean[2]!)
  const light = Math.max(0.6, Math.min(1, Math.sqrt(lum / 0.65)))
  const out = DEFAULT_TOOTH_RGB.map((t, c) => Math.min(1, t * light * (mean[c]! / lum) ** 0.1))
  const hi = Math.max(...mean)
  const saturation = hi > 1e-3 ? (hi - Math.min(...mean)) / hi : 0
  return { tooth: [out[0]!, out[1]!, out[2]!], chroma: Math.min(1, saturation / 0.12) }
}

/** What the interior is painted from; source px throughout. */
export interface MouthInteriorSpec {
  /** Inner edges of the upper and the lower lip, landmarks sorted by x. */
  readonly upper: readonly (readonly [number, number])[]
  readonly lower: readonly (readonly [number, number])[]
  /** Corner to corner. */
  readonly mouthWidth: number
  /** x0, y0, x1, y1 of the still paint; the jaw's paint reaches `jawReach` mouth widths higher. */
  readonly box: readonly [number, number, number, number]
  /** Paint the teeth (not where the photo shows its own). */
  readonly teeth: boolean
  /**
   * Where the photo shows its own teeth: the upper lip's inner edge, behind which the upper teeth are painted
   * (a raised upper lip uncovers teeth and gums there, not a black bar).
   */
  readonly upperInner?: readonly (readonly [number, number])[]
  /** Teeth colour (0..1 RGB) before shading. */
  readonly toothRgb?: readonly [number, number, number]
  /**
   * Where the photo shows its teeth: their colour just under the upper lip at source x (photoTeethColour). The
   * teeth behind the lip take it, under a light shadow (PHOTO_TEETH_SHADE), without painted gaps. (The lower row is
   * not continued in the jaw's paint: the photo's lower band, mostly hidden lip and teeth edges, filled an opened
   * jaw with a pale grey-pink mass on the astronaut and the analysis read its mouth less open, bench:drive mouthOpen
   * r on lp_d14 0.87 -> 0.70.)
   */
  readonly upperTeethRgb?: (x: number) => readonly [number, number, number]
  /** Share of the painted colours' chroma kept (0 grey .. 1 as painted; see mouthLighting). */
  readonly chroma?: number
}

/** The photo's teeth continued behind the upper lip are this much darker: the lip's shadow over them. */
export const PHOTO_TEETH_SHADE = 0.92
/**
 * How far the upper teeth reach up behind the upper lip's edge, mouth widths: full up to [0], gone by [1], the gums
 * above. Painted teeth (a closed mouth's), and the photo's own continued (a mouth that shows them: the rest of their
 * crowns, about 3 mm; a fifth of the width, as before, drew teeth twice as long as real ones where upperLipRaise +1
 * lifts the lip a centimetre off them, lp_drv12).
 */
const PAINTED_TEETH_REACH = [0.1, 0.16] as const
const PHOTO_TEETH_REACH = [0.05, 0.08] as const
/** The gums above the teeth: a muted red, lit (0..1 RGB). */
const GUM_RGB = [0.62, 0.36, 0.34] as const

/**
 * The finest detail the paint draws, source px: the renderer reads it at full resolution, bilinear, where each
 * output pixel lands (sampleMouthBack), and the shapes are drawn with one-px ramps (toothRowAt), so it needs no
 * filtering. (Read per cell, it was filtered over a cell, about a tooth's width on a 512 px portrait, and the teeth
 * came out a smooth grey band.)
 */
const PAINT_BLUR = 1

/** How far above the still paint's box (mouth widths) the jaw's paint is read: the largest jaw drop. */
const JAW_REACH = 0.6

/**
 * Paints the mouth's back texture (planar [channels][H][W]) inside the spec's box.
 * Still paint (channels 0–2, upper teeth alpha in 10), static with the skull: the upper tooth row right under the
 * upper lip's inner edge, then a dark cavity, darker deeper into the mouth and toward the corners.
 * Jaw paint (RGB 6–8 premultiplied by its alpha, alpha 9) at rest, drawn against the lower lip's inner edge; the renderer reads it the jaw's
 * drop higher up, so it rides down with the lower lip: the lower tooth row just above that edge, the tongue
 * behind it, rounded, darker toward the throat. Sizes are shares of the mouth width, so a painting or a small
 * face gets the same mouth.
 */
export function paintMouthInterior(back: Float32Array, W: number, H: number, m: MouthInteriorSpec): void {
  const HW = W * H
  const upper = [...m.upper].sort((a, b) => a[0] - b[0])
  const upperInner = m.upperInner ? [...m.upperInner].sort((a, b) => a[0] - b[0]) : null
  const lower = [...m.lower].sort((a, b) => a[0] - b[0])
  const xc = (upper[0]![0] + upper[upper.length - 1]![0]) / 2
  const mw = m.mouthWidth
  const tooth = m.toothRgb ?? DEFAULT_TOOTH_RGB
  const x0 = Math.max(0, Math.floor(m.box[0]))
  const x1 = Math.min(W - 1, Math.ceil(m.box[2]))
  const y0 = Math.max(0, Math.floor(m.box[1]))
  const y1 = Math.min(H - 1, Math.ceil(m.box[3]))
  const jawY0 = Math.max(0, Math.floor(m.box[1] - JAW_REACH * mw))
  const chroma = m.chroma ?? 1
  const grade = (rgb: readonly number[]): number[] => {
    const l = 0.299 * rgb[0]! + 0.587 * rgb[1]! + 0.114 * rgb[2]!
    return [0, 1, 2].map((c) => l + chroma * (rgb[c]! - l))
  }
  const put = (c: number, i: number, v: number): void => {
    back[c * HW + i] = v
  }
  for (let x = x0; x <= x1; x++) {
    const px = x + 0.5
    const upperY = piecewiseLinearAt(upper, px)
    const lowerY = piecewiseLinearAt(lower, px)
    const u = (px - xc) / (0.5 * mw)
    const lateral = Math.abs(u)
    for (let y = jawY0; y <= y1; y++) {
      const py = y + 0.5
      const i = y * W + x
      if (y >= y0) {
        const behind = m.teeth || !upperInner ? null : py - piecewiseLinearAt(upperInner, px)
        const photoTooth = behind !== null && m.upperTeethRgb ? m.upperTeethRgb(px) : null
        const still = stillPaint(
          py - upperY,
          u,
          mw,
          photoTooth ?? (m.teeth || behind !== null ? tooth : null),
          behind,
          photoTooth !== null
        )
        const graded = grade(still)
        for (let c = 0; c < 3; c++) put(c, i, graded[c]!)
        put(10, i, still[3])
      }
      const jaw = jawPaint(lowerY - py, u, lateral, mw, m.teeth ? tooth : null)
      const gradedJaw = grade(jaw)
      for (let c = 0; c < 3; c++) put(6 + c, i, gradedJaw[c]! * jaw[3])
      put(9, i, jaw[3])
    }
  }
}

/**
 * Still paint at `down` source px below the upper lip's edge: RGB and the upper teeth's alpha. `behind`: source px
 * below the upper lip's inner edge where the teeth are painted behind that edge only (the photo shows its own
 * below it), null to paint the whole row. `photo`: `tooth` is the photo's own teeth colour there, shown under
 * the lip's light shadow (PHOTO_TEETH_SHADE) without painted gaps (the photo's teeth carry their own).
 */
function stillPaint(
  down: number,
  u: number,
  mw: number,
  tooth: readonly [number, number, number] | null,
  behind: number | null,
  photo = false
): [number, number, number, number] {
  const rel = down / mw
  const lateral = Math.abs(u)
  const shade = 1 - 0.6 * smoothstep(0, 0.45, rel) - 0.3 * smoothstep(0.5, 1, lateral)
  // The teeth reach up behind the upper lip (a raised lip shows them, not the cavity).
  const row = toothRowAt(UPPER_TEETH, u, Math.max(0, down), mw, PAINT_BLUR)
  // Under the lip's edge the teeth are in its shadow; they fade out deep behind it.
  const light = photo
    ? PHOTO_TEETH_SHADE
    : 0.97 * (0.84 + 0.16 * smoothstep(-0.04 * mw, 0.03 * mw, down)) * row.gap
  const reach = photo ? PHOTO_TEETH_REACH : PAINTED_TEETH_REACH
  const cover =
    behind === null
      ? row.cover * (1 - smoothstep(reach[0], reach[1], -rel))
      : Math.max(0, Math.min(1, 0.5 - behind)) * (1 - smoothstep(reach[0], reach[1], -behind / mw))
  const a = tooth ? cover * (photo ? 1 : row.side) : 0
  // Behind the upper lip above the teeth (the photo's continued, or painted ones), the gums (a muted red, lit), where
  // a raised lip stops: darker toward the corners and higher up, into the fold under the lip. Below the lip's edge
  // the cavity stays dark. Without gums above the painted teeth, a raised lip uncovered a dark band (sad_art19).
  const above = behind !== null ? -behind / mw : -rel
  const gum = tooth ? smoothstep(reach[0] - 0.03, reach[1], above) : 0
  const gumShade =
    (1 - 0.3 * smoothstep(0.5, 1, lateral)) * (1 - 0.35 * smoothstep(reach[1], reach[1] + 0.12, above))
  const back = [0.16, 0.05, 0.05].map((c, k) => c * shade + gum * (GUM_RGB[k]! * gumShade - c * shade))
  // The photo's own teeth keep their colour under the lip's light shadow; painted ones warm as they darken.
  const lit = !tooth ? [0, 0, 0] : photo ? tooth.map((t) => t * light) : shadeTooth(tooth, light)
  const rgb = back.map((c, k) => c + a * (lit[k]! - c))
  return [rgb[0]!, rgb[1]!, rgb[2]!, a]
}

/**
 * Teeth in shadow are warmer, not greyer: the light that reaches them has bounced off the mouth's red walls and
 * gone through the enamel (real teeth at a mouth's corners read about 1 : 0.86 : 0.72 in RGB where the front
 * ones read nearly neutral). Each channel is dimmed by `light` to the power TOOTH_SHADE_EXPONENT.
 */
function shadeTooth(tooth: readonly number[], light: number): number[] {
  return tooth.map((t, k) => t * light ** TOOTH_SHADE_EXPONENT[k]!)
}
const TOOTH_SHADE_EXPONENT = [0.8, 1, 1.1] as const

/** Jaw paint at `up` source px above the lower lip's edge at rest: RGBA, straight alpha. */
function jawPaint(
  up: number,
  u: number,
  lateral: number,
  mw: number,
  tooth: readonly [number, number, number] | null
): [number, number, number, number] {
  // Tongue: a rounded dorsum behind the lower teeth, its top (mouth widths above the lower lip's edge) highest
  // in the middle, darker toward the throat (upward in the picture) and the sides.
  const top = (LOWER_TEETH.height + 0.08 * Math.sqrt(Math.max(0, 1 - (u / 0.8) ** 2))) * mw
  const tongueA = Math.max(0, Math.min(1, 0.5 + top - up)) * (1 - smoothstep(0.7, 0.9, lateral))
  const back = smoothstep(0, top, up)
  const tongueShade = (0.62 - 0.3 * back) * (1 - 0.45 * smoothstep(0.3, 0.85, lateral))
  // The lower teeth in front, less lit than the upper ones (the upper lip shades them); deep behind the lower
  // lip they end. Composed over the tongue premultiplied, returned with straight alpha.
  const row = toothRowAt(LOWER_TEETH, u, Math.max(0, up), mw, PAINT_BLUR)
  const teethA = tooth ? row.cover * row.side * (1 - smoothstep(0.08, 0.14, -up / mw)) : 0
  const light = 0.65 * row.gap
  const a = teethA + (1 - teethA) * tongueA
  const lit = tooth ? shadeTooth(tooth, light) : null
  const tongue = [0.78, 0.36, 0.36]
  // Where nothing covers, the tongue's colour (not black) so the paint's bilinear read has no dark fringe.
  const w = a > 1e-3 ? 1 / a : 0
  const rgb = tongue.map((t, k) =>
    w > 0 ? (teethA * (lit?.[k] ?? 0) + (1 - teethA) * tongueA * t * tongueShade) * w : t * tongueShade
  )
  return [rgb[0]!, rgb[1]!, rgb[2]!, a]
}
