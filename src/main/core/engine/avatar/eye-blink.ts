import { LEFT_EYE, RIGHT_EYE } from '../expression/face-regions'
import { type AvatarGrid } from './avatar-grid'
import { type EyeCell } from './eye-layer'
import { type EyeRegion } from './eye-region'
import { piecewiseLinearAt } from './piecewise-linear'

/** The directions that close the lids (one-sided: 0..1). */
const BLINK = /^blink/

/**
 * Blinks: the eyeball points under the upper lid (above its margin) ride down with the margin, in the blink
 * directions only. A closing lid stretches its skin over twice its height; where the stretch opens a hole of more
 * than a cell the eyeball behind it showed through the closed lid. Riding with the margin, they end behind the
 * closed lid, where the lid is whole. Adds to `eyeFields` ([eye points x 3K], source px at +1, see
 * eyeGazeFields) the margin's motion at each point's x: `vertexBasis` [468][K][3] (source px at +1), `names`
 * the K directions, `regions` the eyes' lid margins.
 */
export function addBlinkMotion(
  eyeFields: Float32Array,
  grid: Pick<AvatarGrid, 'cx' | 'cy'>,
  eyeCells: readonly EyeCell[],
  regions: readonly EyeRegion[],
  landmarks: ArrayLike<number>,
  vertexBasis: Float32Array,
  names: readonly string[]
): void {
  const K = names.length
  const blinks = names.flatMap((name, k) => (BLINK.test(name) ? [k] : []))
  if (blinks.length === 0) return
  const margins = [RIGHT_EYE, LEFT_EYE].map((eye) =>
    blinks.map((k) => {
      const pts = eye.upper
        .map(
          (v) =>
            [landmarks[3 * v]!, vertexBasis[(v * K + k) * 3]!, vertexBasis[(v * K + k) * 3 + 1]!] as const
        )
        .sort((a, b) => a[0] - b[0])
      return {
        k,
        dx: pts.map(([x, dx]) => [x, dx] as const),
        dy: pts.map(([x, , dy]) => [x, dy] as const)
      }
    })
  )
  eyeCells.forEach(({ cell, eye }, e) => {
    const x = grid.cx(cell)
    if (grid.cy(cell) >= piecewiseLinearAt(regions[eye]!.upper, x)) return
    for (const { k, dx, dy } of margins[eye]!) {
      eyeFields[(e * K + k) * 3] = eyeFields[(e * K + k) * 3]! + piecewiseLinearAt(dx, x)
      eyeFields[(e * K + k) * 3 + 1] = eyeFields[(e * K + k) * 3 + 1]! + piecewiseLinearAt(dy, x)
    }
  })
}
