import { smoothstep } from './smoothstep'

/** A row of teeth seen from the front, in units of the mouth's half width (corner to centre). */
export interface ToothRow {
  /** Lateral position (half widths from the mouth's centre) of the gaps between neighbouring teeth, one side. */
  readonly gaps: readonly number[]
  /** Visible height (mouth widths) of the central teeth below (upper row) or above (lower row) the lip line. */
  readonly height: number
  /** How much shorter (share of `height`) the row is at the corners: the arch turns away from the camera. */
  readonly taper: number
  /**
   * How much darker the gap between two teeth is than a tooth: a hairline. Drawn deeper, the rows read as a comb
   * (and the lower row's gaps, off the upper's, as a grid).
   */
  readonly gapDepth: number
}

/**
 * Upper teeth: central incisors 8.5 mm wide, laterals 6.5, canines 7.5, premolars 7 along an arch of about 26 mm
 * radius, projected onto a mouth 50 mm wide: gaps at sin(arc / radius), in half widths.
 */
export const UPPER_TEETH: ToothRow = {
  gaps: [0, 0.33, 0.57, 0.79, 0.94],
  height: 0.09,
  taper: 0.4,
  gapDepth: 0.1
}
/**
 * Lower teeth: narrower incisors (5.5 mm, 6 mm), canines 7 mm, premolars 7 mm on a 23 mm arch. Less of them shows
 * than of the upper row in speech (the lower lip covers them): 0.05 of the mouth's width, 2.5 mm.
 */
export const LOWER_TEETH: ToothRow = {
  gaps: [0, 0.22, 0.44, 0.66, 0.82],
  height: 0.05,
  taper: 0.45,
  gapDepth: 0.05
}

/**
 * A tooth row's coverage and shading at one source px. `u`: lateral position (half widths from the centre,
 * signed); `depth`: distance (source px) from the lip line into the row's visible part (upper row: down from
 * the upper lip's edge; lower row: up from the lower lip's edge); `mouthWidth` and `blur` (the finest detail drawn:
 * a gap is at least this wide) in source px. Returns coverage 0..1, anti-aliased over
 * one source px along the biting edge whose tooth corners are rounded; a brightness factor 0..1 for the gaps
 * between teeth; and how much of the tooth colour shows 0..1, less toward the corners where the arch turns into
 * the shadow of the cheeks (the teeth fade into the cavity's dark red there rather than turn grey).
 */
export function toothRowAt(
  row: ToothRow,
  u: number,
  depth: number,
  mouthWidth: number,
  blur: number
): { cover: number; gap: number; side: number } {
  const a = Math.abs(u)
  const halfWidth = 0.5 * mouthWidth
  let gapPx = Infinity
  for (const g of row.gaps) gapPx = Math.min(gapPx, Math.abs(a - g) * halfWidth)
  // The biting edge: shorter toward the corners, each tooth's corners rounded over a radius of 2 % of the
  // mouth width, so the edge is a row of shallow arcs rather than a ruler line.
  const radius = 0.02 * mouthWidth
  const corner = radius * (1 - Math.min(1, gapPx / radius)) ** 2
  const edge = row.height * mouthWidth * (1 - row.taper * a * a) - corner
  const cover = a > 1 ? 0 : Math.max(0, Math.min(1, 0.5 + edge - depth))
  const gapHalf = Math.max(blur, 0.008 * mouthWidth)
  const gap = 1 - row.gapDepth * (1 - smoothstep(0, gapHalf, gapPx))
  const side = 1 - 0.85 * smoothstep(0.45, 1, a)
  return { cover, gap, side }
}
