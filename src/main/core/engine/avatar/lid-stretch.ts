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

/** One column of a closing lid: where it lies and how far its margin travels at +1 (source px). */
interface LidColumn {
  /** The blink's index in `names` (its planes in `cellBasis`). */
  readonly k: number
  readonly col: number
  /** The column's centre, source px. */
  readonly x: number
  /** The upper margin's travel down at +1 here, source px (> 0). */
  readonly full: number
  /** The upper margin's height here, source px. */
  readonly margin: number
  /** The brow's lower edge's height here, source px. */
  readonly brow: number
}

/**
 * Visits every column of every blink's closing lid: the columns between the eye's corners where the upper margin
 * moves down at +1 (its landmarks' travel in `vertexBasis` [468][K][3], source px at +1; `landmarks` source px).
 * An eye whose margin does not drop (the other eye's blink) and every other direction are skipped.
 */
function forEachClosingLidColumn(
  grid: Pick<AvatarGrid, 'gw' | 'cell'>,
  landmarks: ArrayLike<number>,
  vertexBasis: Float32Array,
  names: readonly string[],
  visit: (column: LidColumn) => void
): void {
  const K = names.length
  const at = (v: number, c: number): number => landmarks[3 * v + c]!
  const byX = (ids: readonly number[], value: (v: number) => number): [number, number][] =>
    ids.map((v): [number, number] => [at(v, 0), value(v)]).sort((a, b) => a[0] - b[0])
  names.forEach((name, k) => {
    if (!BLINK.test(name)) return
    for (const eye of [RIGHT_EYE, LEFT_EYE]) {
      const margin = byX(eye.upper, (v) => at(v, 1))
      const travel = byX(eye.upper, (v) => vertexBasis[(v * K + k) * 3 + 1]!)
      const brow = byX(eye.browLower, (v) => at(v, 1))
      if (Math.max(...travel.map(([, d]) => d)) <= 0) continue
      for (let col = 0; col < grid.gw; col++) {
        const x = (col + 0.5) * grid.cell
        if (x < margin[0]![0] || x > margin[margin.length - 1]![0]) continue
        const full = piecewiseLinearAt(travel, x)
        if (full <= 0) continue
        visit({ k, col, x, full, margin: piecewiseLinearAt(margin, x), brow: piecewiseLinearAt(brow, x) })
      }
    }
  })
}

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
  const { gw, gh, cell } = grid
  const rim = LID_RIM_CM * grid.scale
  forEachClosingLidColumn(grid, landmarks, vertexBasis, names, ({ k, col, full, margin, brow }) => {
    const dy = cellBasis.subarray((3 * k + 1) * gw * gh, (3 * k + 2) * gw * gh)
    spreadColumn(dy, { col, gw, gh, cell }, full, { top: brow + rim, rim: margin - rim })
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

/** How far (cm) in front of the skin it comes to lie over a closing lid's lowest row ends at +1. */
export const LID_IN_FRONT_CM = 0.1

/**
 * A closing lid kept in front of the skin it slides over. Each blink's upper lid comes down over the lower lid,
 * which on a face tilted back (looking up) or with full lower lids lies nearer the camera than the lid's path:
 * there the shut lid lost the depth test to the lower lid's rim and the skin between the lids, whose reads across
 * the opening showed the photo's iris and sclera under the shut lid as a dark slit with a white sliver (lp_drv12:
 * the shut right eye read 0.56 cm open of 0.87; with the eyelid cut or the eyeball layer left out the slit stayed).
 * The blink field's own forward motion (0.15 cm along the face's forward axis) is not enough there, and more of it
 * projects into the image on a turned head and moves the lid sideways. So, column by column, the cells of the
 * closing lid (those moving down at +1, `cellBasis` planar [3K][cells], source px at +1) come toward the camera
 * (the image's depth, smaller = nearer) by what the lowest-landing of them that ends past the upper margin needs to
 * lie LID_IN_FRONT_CM in front of the skin where it lands (`skinZ`, source px, plus that skin's own motion),
 * times each cell's share of the margin's travel (the lid from the crease down all of it), so at partial codes the
 * lid comes forward in proportion and stays one sheet. Image-depth motion changes only the depth test at the
 * source pose. Eyes whose margin does not drop and other directions are left alone.
 */
export function closingLidInFront(
  cellBasis: Float32Array,
  grid: Pick<AvatarGrid, 'gw' | 'gh' | 'cell' | 'scale'>,
  skinZ: Float32Array,
  landmarks: ArrayLike<number>,
  vertexBasis: Float32Array,
  names: readonly string[]
): void {
  const { gw, gh, cell } = grid
  const cells = gw * gh
  const inFront = LID_IN_FRONT_CM * grid.scale
  const rowOf = (y: number): number => Math.max(0, Math.min(gh - 1, Math.floor(y / cell)))
  forEachClosingLidColumn(grid, landmarks, vertexBasis, names, ({ k, col, full, margin: edge }) => {
    const dy = cellBasis.subarray((3 * k + 1) * cells, (3 * k + 2) * cells)
    const dz = cellBasis.subarray((3 * k + 2) * cells, (3 * k + 3) * cells)
    // The nearer the camera the lid must come in this column (source px, > 0).
    let need = 0
    for (let row = 0; row < gh; row++) {
      const i = row * gw + col
      const y = (row + 0.5) * cell
      if (y > edge || dy[i]! <= 0 || y + dy[i]! <= edge) continue
      const j = rowOf(y + dy[i]!) * gw + col
      need = Math.max(need, skinZ[i]! + dz[i]! - (skinZ[j]! + dz[j]!) + inFront)
    }
    if (need <= 0) return
    for (let row = 0; row < gh; row++) {
      const i = row * gw + col
      if ((row + 0.5) * cell > edge) continue
      dz[i] = dz[i]! - Math.min(1, Math.max(0, dy[i]!) / full) * need
    }
  })
}
