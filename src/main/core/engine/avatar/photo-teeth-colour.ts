import { type AvatarImage } from './avatar-representation'

/**
 * Depth of the band beside a lip's inner edge the photo's teeth are read from, as a share of the mouth's width
 * (about 3 mm on an adult), from one source px in from the edge (the lip's own edge is mixed into that px).
 */
const BAND_SHARE = 0.06
/** Half-width of the running mean across columns, as a share of the mouth's width (a tooth is about 0.12). */
const SMOOTH_SHARE = 0.03

/**
 * Where the photo shows its teeth, the colour of one row of them just inside a lip, per source column: the mean RGB
 * (0..1) of the whiter half of the band BAND_SHARE of the mouth's width deep from the lip's inner edge (`edgeY`,
 * source px at x) toward the seam between the rows (`seamY`), not past it, smoothed across SMOOTH_SHARE of the width
 * each way. The painted teeth behind the upper lip continue these: a smile or a raised upper lip that uncovers them
 * shows the photo's own teeth going on up, not the painted denture (chin-lit beige, a third darker than a bright
 * photo's teeth), whose cell-sized blocks stood out grey along the lip (the astronaut at smile +1). Columns with no
 * band (where the lips meet) take the nearest column's colour. Returns the colour at source x (clamped to
 * `x0`..`x1`), or null when no column has a band.
 */
export function photoTeethColour(
  image: AvatarImage,
  edgeY: (x: number) => number,
  seamY: (x: number) => number,
  x0: number,
  x1: number,
  mouthWidth: number
): ((x: number) => readonly [number, number, number]) | null {
  const { data, width, height } = image
  const first = Math.max(0, Math.floor(x0))
  const last = Math.min(width - 1, Math.ceil(x1))
  if (last < first) return null
  const n = last - first + 1
  const sums = new Float64Array(3 * n)
  const counts = new Float64Array(n)
  const band = Math.max(1, BAND_SHARE * mouthWidth)
  const whiteness = (o: number): number => Math.min(data[o]!, data[o + 1]!, data[o + 2]!)
  for (let x = first; x <= last; x++) {
    const edge = edgeY(x + 0.5)
    const seam = seamY(x + 0.5)
    const inward = seam >= edge ? 1 : -1
    // The band's rows: px centres from one px in from the edge, BAND deep, not past the seam.
    const [from, to] =
      inward > 0 ? [edge + 1, Math.min(seam, edge + 1 + band)] : [Math.max(seam, edge - 1 - band), edge - 1]
    const rows: number[] = []
    for (let y = Math.max(0, Math.ceil(from - 0.5)); y < Math.min(height, to - 0.5); y++) {
      rows.push(3 * (y * width + x))
    }
    // The whiter half of the band: the landmarks' inner edge may sit a px or two up in the lip.
    const cut = rows.map(whiteness).sort((a, b) => a - b)[rows.length >> 1]
    for (const o of rows) {
      if (whiteness(o) < cut!) continue
      for (let c = 0; c < 3; c++) sums[3 * (x - first) + c] += data[o + c]! / 255
      counts[x - first]++
    }
  }
  const radius = Math.max(1, Math.round(SMOOTH_SHARE * mouthWidth))
  const colours = new Float64Array(3 * n)
  const known = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    let count = 0
    const sum = [0, 0, 0]
    for (let j = Math.max(0, i - radius); j <= Math.min(n - 1, i + radius); j++) {
      count += counts[j]!
      for (let c = 0; c < 3; c++) sum[c] += sums[3 * j + c]!
    }
    if (count === 0) continue
    known[i] = 1
    for (let c = 0; c < 3; c++) colours[3 * i + c] = sum[c]! / count
  }
  if (!known.includes(1)) return null
  // Columns with no band take the nearest known column's colour.
  for (let i = 0; i < n; i++) {
    if (known[i]) continue
    let nearest = -1
    for (let d = 1; nearest < 0; d++) {
      if (i - d >= 0 && known[i - d]) nearest = i - d
      else if (i + d < n && known[i + d]) nearest = i + d
    }
    for (let c = 0; c < 3; c++) colours[3 * i + c] = colours[3 * nearest + c]!
  }
  return (x) => {
    const i = Math.max(0, Math.min(n - 1, Math.floor(x) - first))
    return [colours[3 * i]!, colours[3 * i + 1]!, colours[3 * i + 2]!]
  }
}
