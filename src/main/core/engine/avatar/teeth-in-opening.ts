import { type AvatarImage } from './avatar-representation'

/**
 * Least whiteness of a source opening's whitest quarter, as a share of the chin's, for the opening to show teeth.
 * Whiteness is a px's least channel (teeth are light in all three; lips, gums and the tongue only in red, a dark
 * mouth in none). Measured on the dev portraits whose landmarks part the lips by 0.2 cm or more: those showing
 * teeth 0.91–2.31 (lp_s1's shaded smile lowest), the dark slits of lips barely parted 0.20–0.62 (sad_people0,
 * lp_s2, lp_s11, cf_solvay18), a wide-open mouth dark inside 0.87 (lp_drv19).
 */
export const TEETH_WHITENESS_SHARE = 0.75
/** Central share of the mouth's width sampled: toward the corners the opening is lip and shadow. */
const CENTRAL_SHARE = 0.6
/** Chin band the skin's whiteness is read over: this far below the lower lip's inner edge (cm). */
const CHIN_BAND_CM = [0.6, 1.4] as const

/**
 * Whiteness of the px at byte offset `o` of an RGB image: its least channel, 0..1. Teeth are light in all three
 * channels; lips, gums and the tongue only in red, a dark mouth in none.
 */
export function whitenessAt(image: AvatarImage, o: number): number {
  return Math.min(image.data[o]!, image.data[o + 1]!, image.data[o + 2]!) / 255
}

/**
 * Whether the portrait's open mouth shows teeth: the mean whiteness (least channel) of the whitest quarter of the
 * px between the inner lips (`upperY`, `lowerY`: source px at x, one px in from each), across the central
 * CENTRAL_SHARE of `x0`..`x1`, is at least TEETH_WHITENESS_SHARE of the chin's median whiteness (the band
 * CHIN_BAND_CM below the lower lip's lowest inner point, `scale` source px per cm). The landmarks alone parted
 * lips over a dark slit by 0.29 cm (sad_people0): taken for teeth, the slit stayed with the skull while a smile
 * lifted the upper lip, and showed as a second, striped upper lip (and as stripes through the lip with the jaw
 * open). True where there are no px to compare (the landmarks' reading stands).
 */
export function teethInOpening(
  image: AvatarImage,
  upperY: (x: number) => number,
  lowerY: (x: number) => number,
  x0: number,
  x1: number,
  scale: number
): boolean {
  const { width, height } = image
  const whiteness = (x: number, y: number): number => whitenessAt(image, 3 * (y * width + x))
  const margin = 0.5 * (1 - CENTRAL_SHARE) * (x1 - x0)
  const first = Math.max(0, Math.ceil(x0 + margin))
  const last = Math.min(width - 1, Math.floor(x1 - margin))
  const opening: number[] = []
  const chin: number[] = []
  let lowest = -Infinity
  for (let x = first; x <= last; x++) lowest = Math.max(lowest, lowerY(x + 0.5))
  const chinTop = Math.max(0, Math.round(lowest + CHIN_BAND_CM[0] * scale))
  const chinBottom = Math.min(height - 1, Math.round(lowest + CHIN_BAND_CM[1] * scale))
  for (let x = first; x <= last; x++) {
    const top = Math.max(0, Math.ceil(upperY(x + 0.5) + 1))
    const bottom = Math.min(height - 1, Math.floor(lowerY(x + 0.5) - 1))
    for (let y = top; y <= bottom; y++) opening.push(whiteness(x, y))
    for (let y = chinTop; y <= chinBottom; y++) chin.push(whiteness(x, y))
  }
  if (opening.length === 0 || chin.length === 0) return true
  opening.sort((a, b) => b - a)
  const whitest = opening.slice(0, Math.max(1, Math.round(opening.length / 4)))
  const mean = whitest.reduce((sum, v) => sum + v, 0) / whitest.length
  chin.sort((a, b) => a - b)
  return mean >= TEETH_WHITENESS_SHARE * chin[Math.floor(chin.length / 2)]!
}
