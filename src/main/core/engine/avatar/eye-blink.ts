import { LEFT_EYE, RIGHT_EYE } from '../expression/face-regions'
import { type AvatarGrid } from './avatar-grid'
import { type EyeCell } from './eye-layer'
import { type EyeRegion } from './eye-region'
import { piecewiseLinearAt } from './piecewise-linear'

/** The directions that close the lids (one-sided: 0..1). */
const BLINK = /^blink/
/**
 * How far (cm) the closing eye's eyeball sinks at +1: with the 0.25 cm it sits behind the rim, past the gap fill's
 * leakDepth (0.8 cm) from about 0.7 on, so an eyeball cell next to the closed lid's skin counts as a crack and
 * takes the lid (white specks of eyeball along the closed lid's line read as an eye still a little open).
 */
export const BLINK_SINK = 0.8

/**
 * Blinks: the eyeball points under the upper lid (above its margin) ride down with the margin, in the blink
 * directions only. A closing lid stretches its skin over twice its height; where the stretch opens a hole of more
 * than a cell the eyeball behind it showed through the closed lid. Riding with the margin, they end behind the
 * closed lid, where the lid is whole. The closing eye's eyeball also sinks (BLINK_SINK). Adds to `eyeFields` ([eye points x 3K], source px at +1, see
 * eyeGazeFields) the margin's motion at each point's x: `vertexBasis` [468][K][3] (source px at +1), `names`
 * the K directions, `regions` the eyes' lid margins.
 */
export function addBlinkMotion(
  eyeFields: Float32Array,
  grid: Pick<AvatarGrid, 'cx' | 'cy' | 'scale'>,
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
  // The largest margin drop of each blink over both eyes: the eye that drops its margin by it is the one closing.
  const drop = blinks.map((_, b) => Math.max(1e-6, ...margins.flatMap((m) => m[b]!.dy.map(([, dy]) => dy))))
  eyeCells.forEach(({ cell, eye }, e) => {
    const x = grid.cx(cell)
    const above = grid.cy(cell) < piecewiseLinearAt(regions[eye]!.upper, x)
    margins[eye]!.forEach(({ k, dx, dy }, b) => {
      const o = (e * K + k) * 3
      const closing = Math.max(0, Math.min(1, piecewiseLinearAt(dy, x) / drop[b]!))
      eyeFields[o + 2] = eyeFields[o + 2]! + closing * BLINK_SINK * grid.scale
      if (!above) return
      eyeFields[o] = eyeFields[o]! + piecewiseLinearAt(dx, x)
      eyeFields[o + 1] = eyeFields[o + 1]! + piecewiseLinearAt(dy, x)
    })
  })
}
