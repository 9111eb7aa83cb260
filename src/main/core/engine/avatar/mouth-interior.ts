import { piecewiseLinearAt } from './piecewise-linear'
import { smoothstep } from './smoothstep'

/**
 * Paints the mouth back layer's RGB inside `box`: a dark cavity getting darker with depth into the mouth, a
 * band of upper teeth just under the upper lip, and a tongue tint lower down. `back` is planar
 * [channels][H][W], RGB 0..1 in its first three channels; `upper` the upper lip's inner edge, `mouthWidth`
 * (corner to corner) and `box` (x0, y0, x1, y1) are in source px.
 */
export function paintMouthInterior(
  back: Float32Array,
  W: number,
  H: number,
  m: {
    upper: readonly (readonly [number, number])[]
    mouthWidth: number
    box: readonly [number, number, number, number]
  }
): void {
  const HW = W * H
  const upper = [...m.upper].sort((a, b) => a[0] - b[0])
  const upperY = (x: number): number => piecewiseLinearAt(upper, x)
  const xc = (upper[0]![0] + upper[upper.length - 1]![0]) / 2
  const mw = m.mouthWidth
  const x0 = Math.max(0, Math.floor(m.box[0]))
  const x1 = Math.min(W - 1, Math.ceil(m.box[2]))
  const y0 = Math.max(0, Math.floor(m.box[1]))
  const y1 = Math.min(H - 1, Math.ceil(m.box[3]))
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5
      const py = y + 0.5
      const rel = (py - upperY(px)) / mw // 0 at the upper lip, grows downward
      const lateral = Math.abs(px - xc) / (0.5 * mw)
      const shade = 1 - 0.6 * smoothstep(0, 0.45, rel) - 0.3 * smoothstep(0.5, 1, lateral)
      let r = 0.16 * shade
      let g = 0.05 * shade
      let b = 0.05 * shade
      // A hint of the upper teeth right under the upper lip, in shadow and fading at the sides: a bright band
      // would show the cell-sized steps of the lip edge that cuts across it.
      const teeth =
        0.55 *
        (1 - smoothstep(0.04, 0.12, rel)) *
        smoothstep(-0.03, 0.0, rel) *
        (1 - smoothstep(0.3, 0.7, lateral))
      r += teeth * (0.62 - r)
      g += teeth * (0.56 - g)
      b += teeth * (0.5 - b)
      const tongue = smoothstep(0.3, 0.55, rel) * (1 - smoothstep(0.6, 0.9, lateral))
      r += tongue * (0.42 * shade - r) * 0.6
      g += tongue * (0.15 * shade - g) * 0.6
      b += tongue * (0.15 * shade - b) * 0.6
      const i = y * W + x
      back[i] = r
      back[HW + i] = g
      back[2 * HW + i] = b
    }
  }
}
