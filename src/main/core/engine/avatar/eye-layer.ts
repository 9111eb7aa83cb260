import { type AvatarGrid } from './avatar-grid'
import { type EyeRegion } from './eye-region'
import { inPolygon, type FaceOpening } from './face-openings'

/** Depth (cm) of the eyeball behind the surface spanned by the lid margins. */
const EYEBALL_BEHIND_RIM = 0.25
/**
 * Depth (cm) of the eyeball behind the lid skin in front of it, under the lids, so the skin wins the z-test at
 * rest and at a head turn. (2.6 cm, past the gap fill's leak range so that one-cell cracks of a stretched lid
 * would take the lid, slid the eyeball about 1 cm against the lids at a 25 degree turn and showed it, grey and
 * cut up, through the opening's rim at zero code; a closing lid's holes are kept clear by the blink motion
 * instead, see eye-blink.)
 */
const EYEBALL_BEHIND_SKIN = 0.3

/** A point of the eyeball layer: its grid cell, depth (source px) and eye (0 the subject's right, 1 left). */
export interface EyeCell {
  readonly cell: number
  readonly depth: number
  readonly eye: number
}

/**
 * Eyeball layer: static points behind the lids, EYEBALL_BEHIND_RIM behind the surface spanned by the lid
 * margins, over each eye's eyeball region (`regions`, see eyeRegion: the visible opening and the part of the
 * eyeball the lids cover, up by the largest lid lift), so a blink slides the upper lid over the eye instead of
 * squashing it, and a lid that rises uncovers eyeball instead of a gap. Under the lids they sit at least
 * EYEBALL_BEHIND_SKIN behind the skin there (`skinZ`, source px per cell; omitted: the rim's depth only).
 */
export function eyeLayerCells(
  grid: AvatarGrid,
  eyes: readonly FaceOpening[],
  regions: readonly EyeRegion[],
  skinZ?: Float32Array
): EyeCell[] {
  const { scale: s, cells, cx, cy } = grid
  const eyeCells: EyeCell[] = []
  eyes.forEach((eye, index) => {
    const region = regions[index]!
    const [x0, y0, x1, y1] = region.box()
    for (let i = 0; i < cells; i++) {
      const x = cx(i)
      const y = cy(i)
      if (x < x0 || x > x1 || y < y0 || y > y1 || !region.contains(x, y)) continue
      const behindRim = eye.surfaceDepth(x, y) + EYEBALL_BEHIND_RIM * s
      const underLid = skinZ != null && !inPolygon(x, y, eye.polygon)
      const depth = underLid ? Math.max(behindRim, skinZ[i]! + EYEBALL_BEHIND_SKIN * s) : behindRim
      eyeCells.push({ cell: i, depth, eye: index })
    }
  })
  return eyeCells
}
