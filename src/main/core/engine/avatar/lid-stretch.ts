import { LEFT_EYE, RIGHT_EYE } from '../expression/face-regions'
import { type AvatarGrid } from './avatar-grid'
import { piecewiseLinearAt } from './piecewise-linear'

/** The directions that close the lids (one-sided: 0..1). */
const BLINK = /^blink/
/**
 * Height (cm) of the lid's rim above the margin that moves with the margin whole (the lashes grow there, and
 * stretched they turn into streaks), and of the brow's lower edge that stays.
 */
export const LID_RIM_CM = 0.25
/** Share of the margin's travel from which a lid cell counts as moving with the margin whole. */
const WHOLE_SHARE = 0.9

/**
 * A closing lid's stretch, spread over the skin above it. The fitted blink fields move the lid from the margin up
 * to the crease whole and the skin above the crease hardly at all, so between two cell rows at the crease the
 * travel jumps (lp_s7: 3.6 to 20.5 to 31 source px over two 3 px rows): a closed lid showed those rows of texture
 * magnified up to 9×, a band of vertical streaks. Here, column by column, each blink's downward motion of the
 * upper lid's skin (`cellBasis`, planar [3K][cells], source px at +1) is raised to at least a linear ramp from
 * none LID_RIM_CM below the eyebrow's lower edge to the margin's travel at the highest cell that already moves
 * with the margin whole (WHOLE_SHARE of its travel; LID_RIM_CM above the margin where none does): the skin above
 * the crease stretches evenly, about (its height + travel) / its height (2–3×), and the lid below the crease still
 * moves whole. Replacing the field by the ramp down to the rim (the lid below the crease stretched too) took the
 * closed look away: bench:reach blinkL median 0.78 → 0.32 on three portraits. The margin's travel at x is its
 * landmarks' (`vertexBasis` [468][K][3], source px at +1), as for the eyeball's blink motion (addBlinkMotion); an
 * eye whose margin does not drop (the other eye's blink) is left alone, and so is every other direction.
 */
export function spreadLidStretch(
  cellBasis: Float32Array,
  grid: Pick<AvatarGrid, 'gw' | 'gh' | 'cell' | 'scale'>,
  landmarks: ArrayLike<number>,
  vertexBasis: Float32Array,
  names: readonly string[]
): void {
  const K = names.length
  const { gw, gh, cell } = grid
  const rim = LID_RIM_CM * grid.scale
  const at = (v: number, c: number): number => landmarks[3 * v + c]!
  names.forEach((name, k) => {
    if (!BLINK.test(name)) return
    const dy = cellBasis.subarray((3 * k + 1) * gw * gh, (3 * k + 2) * gw * gh)
    for (const eye of [RIGHT_EYE, LEFT_EYE]) {
      const byX = (ids: readonly number[], value: (v: number) => number): [number, number][] =>
        ids.map((v): [number, number] => [at(v, 0), value(v)]).sort((a, b) => a[0] - b[0])
      const margin = byX(eye.upper, (v) => at(v, 1))
      const travel = byX(eye.upper, (v) => vertexBasis[(v * K + k) * 3 + 1]!)
      const brow = byX(eye.browLower, (v) => at(v, 1))
      if (Math.max(...travel.map(([, d]) => d)) <= 0) continue
      for (let col = 0; col < gw; col++) {
        const x = (col + 0.5) * cell
        if (x < margin[0]![0] || x > margin[margin.length - 1]![0]) continue
        const full = piecewiseLinearAt(travel, x)
        if (full <= 0) continue
        spreadColumn(dy, { col, gw, gh, cell }, full, {
          top: piecewiseLinearAt(brow, x) + rim,
          rim: piecewiseLinearAt(margin, x) - rim
        })
      }
    }
  })
}

/**
 * One column of a blink's dy (source px at +1, [gh][gw]): raised to the ramp from 0 at `top` to `full` at the
 * highest cell between them already moving at least WHOLE_SHARE of `full` (or at `rim`), source px.
 */
function spreadColumn(
  dy: Float32Array,
  at: { col: number; gw: number; gh: number; cell: number },
  full: number,
  span: { top: number; rim: number }
): void {
  const { col, gw, gh, cell } = at
  const rowOf = (y: number): number => Math.max(0, Math.min(gh - 1, Math.floor(y / cell)))
  let end = span.rim
  for (let row = rowOf(span.top); row <= rowOf(span.rim); row++) {
    const y = (row + 0.5) * cell
    if (y > span.top && dy[row * gw + col]! >= WHOLE_SHARE * full) {
      end = Math.min(end, y)
      break
    }
  }
  for (let row = rowOf(span.top); row <= rowOf(span.rim); row++) {
    const y = (row + 0.5) * cell
    if (y <= span.top || y > end) continue
    const i = row * gw + col
    dy[i] = Math.max(dy[i]!, (full * (y - span.top)) / Math.max(1e-6, end - span.top))
  }
}
