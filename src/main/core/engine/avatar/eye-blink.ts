import { LEFT_EYE, RIGHT_EYE } from '../expression/face-regions'
import { type AvatarGrid } from './avatar-grid'
import { type EyeCell } from './eye-layer'
import { type EyeRegion } from './eye-region'
import { piecewiseLinearAt } from './piecewise-linear'
import { smoothstep } from './smoothstep'

/** The directions that close the lids (one-sided: 0..1). */
const BLINK = /^blink/
/**
 * How far (cm) the closing eye's eyeball sinks at +1: with the 0.25 cm it sits behind the rim, past the gap fill's
 * leakDepth (0.8 cm) from about 0.7 on, so an eyeball cell next to the closed lid's skin counts as a crack and
 * takes the lid (white specks of eyeball along the closed lid's line read as an eye still a little open).
 */
export const BLINK_SINK = 0.8

/** Least ratio of the smaller to the larger corner motion (one axis) for the eye to count as moving whole. */
const WHOLE_EYE_RATIO = 0.5
/**
 * The motion two corners share on one axis: the smaller of the two where they move the same way and alike (the
 * smaller at least WHOLE_EYE_RATIO of the larger), else none.
 */
const shared = (a: number, b: number): number => {
  const lo = Math.min(Math.abs(a), Math.abs(b))
  return a * b > 0 && lo >= WHOLE_EYE_RATIO * Math.max(Math.abs(a), Math.abs(b)) ? Math.sign(a) * lo : 0
}

/**
 * The eyeball rides with its eye's corners in the skin directions other than the blinks, in the image plane (its
 * depth behind the lids stays): a squint lifts the whole eye with the cheek (its fitted field raises the corners
 * by about 0.3 cm), and a static eyeball sank against the lids, showing a white sliver of painted sclera above
 * the iris under the lifted upper lid. A real eyeball stays in its socket, but then the corners stay too: here the
 * lids' motion relative to the corners is what shows. Only a whole eye's motion follows (per axis, where both
 * corners move the same way and alike, see shared): a lid that tilts its corners apart (eyesWide) or a brow that
 * drags the outer corner four times as far as the inner (browOuterUp) leaves the eyeball (following the corners'
 * mean cost eyesWide +1 and browOuterUp −1 a tenth and a fifth of their reach). Adds to `eyeFields` ([eye points
 * x 3K], source px at +1) that motion of the eye's two corners in `vertexBasis` ([468][K][3], source px at +1);
 * `names` the K directions. Blinks move the eyeball with the margin instead (addBlinkMotion).
 */
export function addCornerFollow(
  eyeFields: Float32Array,
  eyeCells: readonly EyeCell[],
  vertexBasis: Float32Array,
  names: readonly string[]
): void {
  const K = names.length
  const corners = [RIGHT_EYE, LEFT_EYE].map((eye) => [eye.upper[0]!, eye.upper[eye.upper.length - 1]!])
  eyeCells.forEach(({ eye }, e) => {
    const [a, b] = corners[eye]!
    names.forEach((name, k) => {
      if (BLINK.test(name)) return
      for (let c = 0; c < 2; c++) {
        const o = (e * K + k) * 3 + c
        eyeFields[o] =
          eyeFields[o]! + shared(vertexBasis[(a! * K + k) * 3 + c]!, vertexBasis[(b! * K + k) * 3 + c]!)
      }
    })
  })
}

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

/** Half-width (cm) of the band about the face's midline over which a blink's field fades to none on the far side. */
const MIDLINE_FADE_CM = 0.5

/**
 * The blink fields kept to their own side of the face. In the pack's orthonormal basis each blink carries a part of
 * eyesWide with the opposite sign (their lid motions overlap, cos −0.54, and the Löwdin step shares the difference),
 * so a blink lifted the other eye's upper lid and dropped its lower one by 0.05–0.1 cm, times the blink's personal
 * gain (up to 2.5): the other eye stared (the analysis read it 0.1–0.24 cm wider on hallo_ref3, sad_art20), and the
 * landmark model, which reads the two eyes together, read the shut eye less shut. A real blink or wink leaves the
 * other eye alone. `fields` (468 x 3 canonical cm at +1, direction order `names`) is returned with each blink's
 * field faded to none past the midline on the far side from its eye (`canonical`: the face's canonical landmarks,
 * cm, x across the face), the rest unchanged (shared, not copied). The avatar renders these fields; the basis, and
 * the driving calibration that reads the avatar's renders, are unaffected.
 */
export function ownSideBlinkFields(
  names: readonly string[],
  fields: readonly Float32Array[],
  canonical: ArrayLike<number>
): Float32Array[] {
  return fields.map((field, k) => {
    const name = names[k]!
    if (!BLINK.test(name) || !/[LR]$/.test(name)) return field
    const eye = name.endsWith('L') ? LEFT_EYE : RIGHT_EYE
    const side = Math.sign(eye.upper.reduce((a, v) => a + canonical[3 * v]!, 0)) || 1
    const out = Float32Array.from(field)
    for (let v = 0; v < out.length / 3; v++) {
      const w = smoothstep(-MIDLINE_FADE_CM, MIDLINE_FADE_CM, side * canonical[3 * v]!)
      for (let c = 0; c < 3; c++) out[3 * v + c] = out[3 * v + c]! * w
    }
    return out
  })
}
