import { type AvatarGrid } from './avatar-grid'
import { inPolygon, type FaceOpening } from './face-openings'

/** A point of the eyeball layer: its grid cell, depth (source px) and eye (0 the subject's right, 1 left). */
export interface EyeCell {
  readonly cell: number
  readonly depth: number
  readonly eye: number
}

/**
 * Eyeball layer: static points 2.5 mm behind the surface spanned by the lid margins, filling the eye opening
 * (the cells the skin leaves out), so a blink slides the upper lid over the eye instead of squashing it. They
 * stop at the lid margins: above the margin a stretched lid would let them show through.
 */
export function eyeLayerCells(grid: AvatarGrid, eyes: readonly FaceOpening[]): EyeCell[] {
  const { scale: s, cells, cx, cy } = grid
  const eyeCells: EyeCell[] = []
  eyes.forEach((eye, index) => {
    const poly = eye.polygon
    const xs = poly.map((p) => p[0])
    const ys = poly.map((p) => p[1])
    for (let i = 0; i < cells; i++) {
      const x = cx(i)
      const y = cy(i)
      if (x < Math.min(...xs) || x > Math.max(...xs) || y < Math.min(...ys) || y > Math.max(...ys)) continue
      if (inPolygon(x, y, poly))
        eyeCells.push({ cell: i, depth: eye.surfaceDepth(x, y) + 0.25 * s, eye: index })
    }
  })
  return eyeCells
}
