import { pushPullFill } from './push-pull-fill'

/**
 * Un-mixes the person layer's faint edge (alpha above 0 and below `minAlpha`, not a kept wisp) from the plate.
 * There the source is kept as it is in both the layer and the plate (dividing by a small alpha would amplify the
 * background estimate's errors), so the plate held the person's faint share: the matte's soft rim and stray hair,
 * a ghost of the head's outline left on the background when the head turns. Here the layer takes the person's
 * colour extended outward from its stronger pixels (push-pull), F, and the plate what the compositing equation
 * S = L F + (1 - L) B leaves for it, B = (S - L F) / (1 - L), clamped to 0..1: (1 - L) > 1 - minAlpha, so errors
 * grow by less than 1 / (1 - minAlpha), and the render at the source camera stays the source.
 *
 * `texture` planar RGB(A) [>= 3][h][w] (0..1), the source at these pixels on entry; `plate` planar RGB [3][h][w],
 * the source at these pixels on entry; `alpha` the layer's alpha; `wisp[i]` 1 where a faint strand is already
 * un-mixed. Both are written at the faint edge only.
 */
export function unmixFaintEdge(
  texture: Float32Array,
  plate: Float32Array,
  alpha: Float32Array,
  wisp: Uint8Array,
  w: number,
  h: number,
  minAlpha: number
): void {
  const hw = w * h
  const isFaint = (i: number): boolean => alpha[i]! > 0 && alpha[i]! < minAlpha && wisp[i] === 0
  let any = false
  for (let i = 0; i < hw && !any; i++) any = isFaint(i)
  if (!any) return
  // The person's colour, known where the layer is strong (or a wisp), extended over the rest.
  const person = texture.slice(0, 3 * hw)
  const known = new Float32Array(hw)
  for (let i = 0; i < hw; i++) known[i] = alpha[i]! >= minAlpha || wisp[i] !== 0 ? 1 : 0
  pushPullFill(person, known, w, h, 3)
  for (let i = 0; i < hw; i++) {
    if (!isFaint(i)) continue
    const a = alpha[i]!
    for (let c = 0; c < 3; c++) {
      const source = texture[c * hw + i]!
      const f = person[c * hw + i]!
      texture[c * hw + i] = f
      plate[c * hw + i] = Math.max(0, Math.min(1, (source - a * f) / (1 - a)))
    }
  }
}
