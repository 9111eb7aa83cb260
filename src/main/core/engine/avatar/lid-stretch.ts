import { LEFT_EYE, RIGHT_EYE } from '../expression/face-regions'
import { type AvatarGrid } from './avatar-grid'
import { piecewiseLinearAt } from './piecewise-linear'

/** The directions that close the lids (one-sided: 0..1). */
const BLINK = /^blink/
/**
 * Height (cm) of the lid's rim above the margin that moves with the margin whole: the lashes grow there, and
 * stretched they turn into streaks.
 */
export const LID_RIM_CM = 0.25

/**
 * A closing lid's stretch, spread over the whole lid. The fitted blink fields move the lid from the margin up to
 * the crease whole and the skin above it hardly at all, so between two cell rows at the crease the travel jumps
 * (lp_s7: 3.6 to 20.5 to 31 source px over two 3 px rows): a closed lid showed those two rows of texture
 * magnified about 9×, a band of vertical streaks, and the cell rows' step in its edge. Here each blink's downward
 * motion of the upper lid's skin (`cellBasis`, planar [3K][cells], source px at +1) becomes, column by column, a
 * linear ramp from none LID_RIM_CM below the eyebrow's lower edge to the margin's travel LID_RIM_CM above the
 * margin (the full travel below that): the lid's texture stretches evenly from the brow to the rim, about
 * (lid height + travel) / lid height (2–3×) instead of 9× in one band. Raising the field only to the ramp (keeping
 * the fitted travel where it was larger) left half the jump at the crease. The margin's travel at x is its
 * landmarks' (`vertexBasis` [468][K][3], source px at +1), as the eyeball's blink motion (addBlinkMotion); an eye
 * whose margin does not drop (the other eye's blink) is left alone, and so is every other direction.
 */
export function spreadLidStretch(
  cellBasis: Float32Array,
  grid: Pick<AvatarGrid, 'cells' | 'cx' | 'cy' | 'scale'>,
  landmarks: ArrayLike<number>,
  vertexBasis: Float32Array,
  names: readonly string[]
): void {
  const K = names.length
  const { cells, cx, cy } = grid
  const rim = LID_RIM_CM * grid.scale
  const at = (v: number, c: number): number => landmarks[3 * v + c]!
  names.forEach((name, k) => {
    if (!BLINK.test(name)) return
    for (const eye of [RIGHT_EYE, LEFT_EYE]) {
      const byX = (ids: readonly number[], value: (v: number) => number): [number, number][] =>
        ids.map((v): [number, number] => [at(v, 0), value(v)]).sort((a, b) => a[0] - b[0])
      const margin = byX(eye.upper, (v) => at(v, 1))
      const travel = byX(eye.upper, (v) => vertexBasis[(v * K + k) * 3 + 1]!)
      const brow = byX(eye.browLower, (v) => at(v, 1))
      if (Math.max(...travel.map(([, dy]) => dy)) <= 0) continue
      const [xMin, xMax] = [margin[0]![0], margin[margin.length - 1]![0]]
      const o = (3 * k + 1) * cells
      for (let i = 0; i < cells; i++) {
        const x = cx(i)
        if (x < xMin || x > xMax) continue
        const y = cy(i)
        const top = piecewiseLinearAt(brow, x) + rim
        const bottom = piecewiseLinearAt(margin, x)
        if (y <= top || y > bottom) continue
        const t = Math.min(1, (y - top) / Math.max(1e-6, bottom - rim - top))
        cellBasis[o + i] = t * piecewiseLinearAt(travel, x)
      }
    }
  })
}
