import { type AvatarImage } from './avatar-representation'
import { whitenessAt } from './teeth-in-opening'

/**
 * Half-width of the running mean across columns, as a share of the mouth's width (a tooth is about 0.12): wide
 * enough that the continued teeth are an even white. At 0.03 each tooth's edge and the gap beside it went on up as a
 * streak, and the band read as brushed metal (lp_drv12 at upperLipRaise +1).
 */
const SMOOTH_SHARE = 0.012

/**
 * Where the photo shows its teeth, the colour of its upper row, per source column: the mean RGB (0..1) of the whiter
 * half of the column between the upper lip's inner edge (`edgeY`, source px at x; from a px below it, where the
 * lip's own edge is mixed in) and the seam between the rows (`seamY`), smoothed across SMOOTH_SHARE of the width each
 * way. The painted teeth behind the upper lip continue these: a smile or a raised upper lip that uncovers them shows
 * the photo's own teeth going on up, not the painted denture (chin-lit beige, a third darker than a bright photo's
 * teeth), whose cell-sized blocks stood out grey along the lip (the astronaut at smile +1). Read from a band 3 mm deep
 * under the lip, the colour was the lip's shadow on the teeth's tops and the dark gum line: the continued teeth came
 * out steel grey (lp_drv12, lp_s42). Columns with no teeth (where the lips meet) take the nearest column's colour.
 * Returns the colour at source x (clamped to `x0`..`x1`), or null when no column has teeth.
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
  for (let x = first; x <= last; x++) {
    // The column's rows: px centres from one px below the edge to the seam.
    const top = edgeY(x + 0.5) + 1
    const bottom = seamY(x + 0.5)
    const rows: number[] = []
    for (let y = Math.max(0, Math.ceil(top - 0.5)); y < Math.min(height, bottom - 0.5); y++) {
      rows.push(3 * (y * width + x))
    }
    // The whiter half (by least channel): the lit teeth, not the lip's shadow on their tops, the gaps or the edge.
    const whiteness = rows.map((o) => whitenessAt(image, o))
    const cut = [...whiteness].sort((a, b) => a - b)[rows.length >> 1]!
    rows.forEach((o, k) => {
      if (whiteness[k]! < cut) return
      for (let c = 0; c < 3; c++) sums[3 * (x - first) + c] += data[o + c]! / 255
      counts[x - first]++
    })
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
