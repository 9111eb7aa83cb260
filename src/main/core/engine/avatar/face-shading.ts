import { authorExpressionShading, type CanonicalLandmarks } from '../expression/author-shading'
import { type AvatarGrid } from './avatar-grid'
import { type FaceRaster } from './face-raster'

/** Sub-samples per cell side: each cell's shading is the mean of 3 x 3 samples over its area (a box filter). */
const SUBSAMPLES = 3

/**
 * Per-cell expression shading, [K x cells] in direction order: the direction's authored shading field (relative
 * colour change at slider +1) averaged over the cell, at positions on this person's canonical face. A position
 * in the cell maps to the canonical face through the affine map of the mesh triangle over the cell's centre
 * (image px → canonical cm, from its corners' landmarks and canonical landmarks). Averaging over the cell rather
 * than reading its centre keeps a line thinner than a cell whole and soft instead of breaking it into dashes.
 * Cells off the face, and directions without a shading field, get 0.
 */
export function faceShading(
  grid: AvatarGrid,
  raster: Pick<FaceRaster, 'faceTri' | 'faceBary'>,
  triangles: ArrayLike<number>,
  landmarks: ArrayLike<number>,
  canonicalLandmarks: CanonicalLandmarks,
  names: readonly string[]
): Float32Array {
  const { cells, cell } = grid
  const fields = authorExpressionShading(canonicalLandmarks)
  const shading = new Float32Array(names.length * cells)
  const active = names.flatMap((name, k) => {
    const field = fields[name]
    return field ? [{ k, field }] : []
  })
  if (active.length === 0) return shading
  const lm = landmarks
  const c = canonicalLandmarks
  const offsets = Array.from({ length: SUBSAMPLES }, (_, j) => ((j + 0.5) / SUBSAMPLES - 0.5) * cell)
  const weight = 1 / SUBSAMPLES ** 2
  for (let i = 0; i < cells; i++) {
    const tr = raster.faceTri[i]!
    if (tr < 0) continue
    const [a, b, q] = [triangles[tr]!, triangles[tr + 1]!, triangles[tr + 2]!]
    // Canonical position at the cell centre, and its change per image px (the triangle's affine map).
    let x = 0
    let y = 0
    for (let corner = 0; corner < 3; corner++) {
      const v = triangles[tr + corner]!
      const w = raster.faceBary[3 * i + corner]!
      x += w * c[3 * v]!
      y += w * c[3 * v + 1]!
    }
    const e1x = lm[3 * b]! - lm[3 * a]!
    const e1y = lm[3 * b + 1]! - lm[3 * a + 1]!
    const e2x = lm[3 * q]! - lm[3 * a]!
    const e2y = lm[3 * q + 1]! - lm[3 * a + 1]!
    const det = e1x * e2y - e2x * e1y
    if (Math.abs(det) < 1e-9) continue
    // Barycentric weights of b and q per image px, then the canonical change per image px.
    const dbx = e2y / det
    const dby = -e2x / det
    const dqx = -e1y / det
    const dqy = e1x / det
    const f1x = c[3 * b]! - c[3 * a]!
    const f1y = c[3 * b + 1]! - c[3 * a + 1]!
    const f2x = c[3 * q]! - c[3 * a]!
    const f2y = c[3 * q + 1]! - c[3 * a + 1]!
    const xu = f1x * dbx + f2x * dqx
    const xv = f1x * dby + f2x * dqy
    const yu = f1y * dbx + f2y * dqx
    const yv = f1y * dby + f2y * dqy
    for (const { k, field } of active) {
      let sum = 0
      for (const dv of offsets) {
        for (const du of offsets) sum += field([x + xu * du + xv * dv, y + yu * du + yv * dv])
      }
      shading[k * cells + i] = sum * weight
    }
  }
  return shading
}
