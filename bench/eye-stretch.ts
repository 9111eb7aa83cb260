// A clean, artefact-free change of the eyes' opening for bench/eye-gap-readback.ts: each eye's region of a picture
// stretched (or squeezed) vertically about the midpoint of its corners, so that what the analysis reads of it can be
// compared with the change that was made, with no lid, eyeball or gap fill of the renderer involved.
import { LEFT_EYE, RIGHT_EYE } from '../src/main/core/engine/expression/face-regions'

/** The window's half-width and half-height about the eye's centre, as shares of the corner-to-corner distance. */
const WINDOW = [0.75, 0.6] as const

/**
 * `rgba` (8-bit RGBA, `width` x `height`, row-major) with each eye stretched vertically by `factor` at its centre
 * (the midpoint of its corners, from `landmarks`: 468 x 3 image px), the stretch fading to none at the edge of an
 * elliptical window (WINDOW) as (1 − r²)², so the lid gap grows (factor > 1) or shrinks (< 1) by about `factor`
 * while the brows and cheeks stay. Sampled bilinearly along y; alpha is kept. Returns a new array.
 */
export function stretchEyes(
  rgba: Uint8Array,
  width: number,
  height: number,
  landmarks: ArrayLike<number>,
  factor: number
): Uint8Array {
  const out = Uint8Array.from(rgba)
  for (const eye of [RIGHT_EYE, LEFT_EYE]) {
    const a = eye.upper[0]!
    const b = eye.upper[eye.upper.length - 1]!
    const cx = (landmarks[3 * a]! + landmarks[3 * b]!) / 2
    const cy = (landmarks[3 * a + 1]! + landmarks[3 * b + 1]!) / 2
    const span = Math.hypot(
      landmarks[3 * a]! - landmarks[3 * b]!,
      landmarks[3 * a + 1]! - landmarks[3 * b + 1]!
    )
    const [rx, ry] = [WINDOW[0] * span, WINDOW[1] * span]
    for (let y = Math.max(0, Math.ceil(cy - ry)); y < Math.min(height, cy + ry); y++) {
      for (let x = Math.max(0, Math.ceil(cx - rx)); x < Math.min(width, cx + rx); x++) {
        const r2 = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
        if (r2 >= 1) continue
        const k = 1 + (factor - 1) * (1 - r2) ** 2
        const sy = Math.max(0, Math.min(height - 1, cy + (y - cy) / k))
        const y0 = Math.min(height - 2, Math.floor(sy))
        const t = sy - y0
        for (let c = 0; c < 3; c++) {
          const above = rgba[4 * (y0 * width + x) + c]!
          const below = rgba[4 * ((y0 + 1) * width + x) + c]!
          out[4 * (y * width + x) + c] = Math.round(above + t * (below - above))
        }
      }
    }
  }
  return out
}
