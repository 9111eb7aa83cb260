import { LEFT_EYE, RIGHT_EYE } from '../expression/face-regions'
import { type AvatarGrid } from './avatar-grid'
import { type AvatarImage } from './avatar-representation'
import { piecewiseLinearAt } from './piecewise-linear'
import { smoothstep } from './smoothstep'

/** The directions that close the lids (one-sided: 0..1). */
const BLINK = /^blink/
/** The cheek band whose skin tone the shut lid aims at: this far (cm) below the lower lid's margin. */
const CHEEK_BAND_CM = [0.35, 0.95] as const
/** Share of the cheek's tone the shut lid is lifted to at most (a shut lid sits a little in its socket's shade). */
const TARGET_SHARE = 0.92
/**
 * The upper lid's median tone over the cheek's at which the lift is whole (≤ [0]) and none (≥ [1]): deep-set and
 * shaded lids measured 0.3–0.8 (cf_solvay18, sad_art20, lp_drv19, hallo_ref3), lit ones 1.0–1.1 (cf_0478).
 */
const SHADOW_GATE = [0.8, 0.95] as const
/** Largest lift (relative colour change at +1): the renderer clips (1 + shade) to [0.3, 1.6]. */
export const MAX_LID_LIFT = 0.6
/** The lash line kept dark: no lift within LASH_CM[0] above the margin, the full lift from LASH_CM[1] (cm). */
const LASH_CM = [0.06, 0.18] as const
/** Height (cm) below the brow's lower edge over which the lift fades in (the brow's own hairs keep their tone). */
const BROW_FADE_CM = 0.2

/**
 * The shut lid's skin tone, as each blink's expression shading (`shading` [K x cells], relative colour change at
 * +1; the generator scales it by the code's onset, see generator-graph, so zero code changes nothing). On deep-set eyes the
 * skin that slides down to close the eye is the socket's shadow and, stretched (spreadLidStretch), the brow's
 * lower hairs: the shut eye showed a dark hole that the landmark model read as more open than neutral
 * (bench:reach blinkR < 0 on cf_solvay18, lp_drv19, sad_art20). A real shut lid catches the light like the skin
 * around the eye. So the upper lid's cells that the blink moves down (`cellBasis` planar [3K][cells], source px
 * at +1), between the brow's lower edge and the margin, are lifted toward TARGET_SHARE of this side's cheek tone
 * (the median luminance of the cells CHEEK_BAND_CM below the lower lid): shade = target / own luminance − 1,
 * never below 0 (a lid already lighter keeps its tone) nor above MAX_LID_LIFT. It multiplies the person's own
 * colour, so the lid keeps its hue and texture. The lift fades in over BROW_FADE_CM below the brow (the brow keeps
 * its hairs) and LASH_CM above the margin (the lash line stays dark) and out over the eye's outer 15 % on each
 * side; each blink lifts only the eye whose margin it moves, and the cheek tone is that eye's own.
 */
export function liftShutLidTone(
  shading: Float32Array,
  grid: Pick<AvatarGrid, 'gw' | 'gh' | 'cell' | 'scale' | 'cells'>,
  image: AvatarImage,
  landmarks: ArrayLike<number>,
  cellBasis: Float32Array,
  vertexBasis: Float32Array,
  names: readonly string[]
): void {
  const K = names.length
  const { gw, gh, cell, cells } = grid
  const at = (v: number, c: number): number => landmarks[3 * v + c]!
  const lum = cellLuminance(grid, image)
  const rowOf = (y: number): number => Math.max(0, Math.min(gh - 1, Math.floor(y / cell)))
  const colOf = (x: number): number => Math.max(0, Math.min(gw - 1, Math.floor(x / cell)))
  names.forEach((name, k) => {
    if (!BLINK.test(name)) return
    const dy = cellBasis.subarray((3 * k + 1) * cells, (3 * k + 2) * cells)
    const out = shading.subarray(k * cells, (k + 1) * cells)
    for (const eye of [RIGHT_EYE, LEFT_EYE]) {
      const byX = (ids: readonly number[], value: (v: number) => number): [number, number][] =>
        ids.map((v): [number, number] => [at(v, 0), value(v)]).sort((a, b) => a[0] - b[0])
      const margin = byX(eye.upper, (v) => at(v, 1))
      const lower = byX(eye.lower, (v) => at(v, 1))
      const travel = byX(eye.upper, (v) => vertexBasis[(v * K + k) * 3 + 1]!)
      const brow = byX(eye.browLower, (v) => at(v, 1))
      if (Math.max(...travel.map(([, d]) => d)) <= 0) continue
      const [x0, x1] = [margin[0]![0], margin[margin.length - 1]![0]]
      // This side's cheek tone: the median luminance of the band below the lower lid, across the eye.
      const cheek: number[] = []
      for (let col = colOf(x0); col <= colOf(x1); col++) {
        const x = (col + 0.5) * cell
        const base = piecewiseLinearAt(lower, x)
        const [r0, r1] = [
          rowOf(base + CHEEK_BAND_CM[0] * grid.scale),
          rowOf(base + CHEEK_BAND_CM[1] * grid.scale)
        ]
        for (let row = r0; row <= r1; row++) cheek.push(lum[row * gw + col]!)
      }
      if (cheek.length === 0) continue
      cheek.sort((a, b) => a - b)
      const cheekTone = cheek[Math.floor(cheek.length / 2)]!
      const target = TARGET_SHARE * cheekTone
      const fade = 0.15 * (x1 - x0)
      // A lid in the socket's shade (its median tone well under the cheek's) is lifted; a lit lid is left alone:
      // lifted, its crease's darker cells turned reddish streaks and the shut eye read less shut (bench:reach
      // blinkL cf_0478 0.86 → 0.71, blinkR lp_drv12 0.54 → 0.39, both lids at 1.02–1.09 of the cheek's tone).
      const shadow = smoothstep(
        SHADOW_GATE[1],
        SHADOW_GATE[0],
        lidTone(lum, grid, margin, brow, [x0, x1]) / cheekTone
      )
      if (shadow <= 0) continue
      for (let col = colOf(x0); col <= colOf(x1); col++) {
        const x = (col + 0.5) * cell
        const full = piecewiseLinearAt(travel, x)
        if (full <= 0) continue
        const across = smoothstep(x0, x0 + fade, x) * (1 - smoothstep(x1 - fade, x1, x))
        const edge = piecewiseLinearAt(margin, x)
        const top = piecewiseLinearAt(brow, x)
        for (let row = rowOf(top); row <= rowOf(edge); row++) {
          const i = row * gw + col
          const y = (row + 0.5) * cell
          if (y <= top || y > edge || dy[i]! <= 0 || lum[i]! <= 0) continue
          const lash = smoothstep(LASH_CM[0], LASH_CM[1], (edge - y) / grid.scale)
          const below = smoothstep(0, BROW_FADE_CM, (y - top) / grid.scale)
          const lift = Math.min(MAX_LID_LIFT, Math.max(0, target / lum[i]! - 1))
          out[i] = out[i]! + shadow * across * lash * below * lift
        }
      }
    }
  })
}

/**
 * The median luminance (0..255) of an upper lid's cells: between BROW_FADE_CM below the brow's lower edge and
 * LASH_CM[1] above the margin (`margin`, `brow`: [x, y] by x, source px), across `span` (x, source px).
 */
function lidTone(
  lum: Float32Array,
  grid: Pick<AvatarGrid, 'gw' | 'gh' | 'cell' | 'scale'>,
  margin: readonly [number, number][],
  brow: readonly [number, number][],
  span: readonly [number, number]
): number {
  const { gw, gh, cell } = grid
  const tones: number[] = []
  const first = Math.max(0, Math.floor(span[0] / cell))
  const last = Math.min(gw - 1, Math.floor(span[1] / cell))
  for (let col = first; col <= last; col++) {
    const x = (col + 0.5) * cell
    const top = piecewiseLinearAt(brow, x) + BROW_FADE_CM * grid.scale
    const bottom = piecewiseLinearAt(margin, x) - LASH_CM[1] * grid.scale
    for (let row = Math.max(0, Math.floor(top / cell)); row < gh && (row + 0.5) * cell < bottom; row++) {
      if ((row + 0.5) * cell > top) tones.push(lum[row * gw + col]!)
    }
  }
  if (tones.length === 0) return Infinity
  tones.sort((p, q) => p - q)
  return tones[Math.floor(tones.length / 2)]!
}

/** Mean luminance (0..255) of each cell's pixels of the RGB portrait ([gh x gw]). */
function cellLuminance(grid: Pick<AvatarGrid, 'gw' | 'gh' | 'cell'>, image: AvatarImage): Float32Array {
  const { gw, gh, cell } = grid
  const sum = new Float32Array(gw * gh)
  const count = new Float32Array(gw * gh)
  for (let y = 0; y < image.height; y++) {
    const row = Math.min(gh - 1, Math.floor(y / cell)) * gw
    for (let x = 0; x < image.width; x++) {
      const p = 3 * (y * image.width + x)
      const i = row + Math.min(gw - 1, Math.floor(x / cell))
      sum[i] = sum[i]! + 0.299 * image.data[p]! + 0.587 * image.data[p + 1]! + 0.114 * image.data[p + 2]!
      count[i] = count[i]! + 1
    }
  }
  for (let i = 0; i < sum.length; i++) sum[i] = count[i]! > 0 ? sum[i]! / count[i]! : 0
  return sum
}
