import { type AvatarGrid } from './avatar-grid'
import { inPolygon, type FaceOpenings } from './face-openings'

/** The face mesh rasterised on the grid: per cell, the frontmost triangle over its centre. */
export interface FaceRaster {
  /** Depth of the face at the cell centre, source px (smaller is closer); Infinity off the face. */
  readonly faceZ: Float32Array
  /** Offset into the triangle list of the triangle there, -1 off the face. */
  readonly faceTri: Int32Array
  /** Barycentric weights of the triangle's three corners at the cell centre, [cells][3]. */
  readonly faceBary: Float32Array
  /** 1 where the cell centre lies inside the mouth opening or an eye opening (no skin there). */
  readonly inOpening: Uint8Array
}

/**
 * Face raster on the grid: depth and barycentric weights of the mesh (`triangles`: landmark index triples;
 * `landmarks`: x, y, z in source px), the mouth- and eye-opening triangles left out.
 */
export function rasterizeFace(
  grid: AvatarGrid,
  landmarks: ArrayLike<number>,
  triangles: ArrayLike<number>,
  openings: FaceOpenings
): FaceRaster {
  const { cell, gw, gh, cells, cx, cy } = grid
  const lm = landmarks
  const ringSet = openings.mouth.ringSet
  const faceZ = new Float32Array(cells).fill(Infinity)
  const faceTri = new Int32Array(cells).fill(-1)
  const faceBary = new Float32Array(cells * 3)
  const tris = triangles
  for (let tr = 0; tr < tris.length; tr += 3) {
    const [a, b, c] = [tris[tr]!, tris[tr + 1]!, tris[tr + 2]!]
    if (ringSet.has(a) && ringSet.has(b) && ringSet.has(c)) continue
    if (openings.eyes.some((e) => e.ringSet.has(a) && e.ringSet.has(b) && e.ringSet.has(c))) continue
    const ax = lm[3 * a]!,
      ay = lm[3 * a + 1]!,
      az = lm[3 * a + 2]!
    const bx = lm[3 * b]!,
      by = lm[3 * b + 1]!,
      bz = lm[3 * b + 2]!
    const qx = lm[3 * c]!,
      qy = lm[3 * c + 1]!,
      qz = lm[3 * c + 2]!
    const det = (by - qy) * (ax - qx) + (qx - bx) * (ay - qy)
    if (Math.abs(det) < 1e-9) continue
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx, qx) / cell - 0.5))
    const x1 = Math.min(gw - 1, Math.ceil(Math.max(ax, bx, qx) / cell - 0.5))
    const y0 = Math.max(0, Math.floor(Math.min(ay, by, qy) / cell - 0.5))
    const y1 = Math.min(gh - 1, Math.ceil(Math.max(ay, by, qy) / cell - 0.5))
    for (let gy = y0; gy <= y1; gy++) {
      for (let gx = x0; gx <= x1; gx++) {
        const px = (gx + 0.5) * cell
        const py = (gy + 0.5) * cell
        const w0 = ((by - qy) * (px - qx) + (qx - bx) * (py - qy)) / det
        const w1 = ((qy - ay) * (px - qx) + (ax - qx) * (py - qy)) / det
        const w2 = 1 - w0 - w1
        if (w0 < -1e-6 || w1 < -1e-6 || w2 < -1e-6) continue
        const z = w0 * az + w1 * bz + w2 * qz
        const i = gy * gw + gx
        if (z < faceZ[i]!) {
          faceZ[i] = z
          faceTri[i] = tr
          faceBary[3 * i] = w0
          faceBary[3 * i + 1] = w1
          faceBary[3 * i + 2] = w2
        }
      }
    }
  }
  const inOpening = new Uint8Array(cells)
  for (let i = 0; i < cells; i++) {
    if (
      inPolygon(cx(i), cy(i), openings.mouth.polygon) ||
      openings.eyes.some((e) => inPolygon(cx(i), cy(i), e.polygon))
    )
      inOpening[i] = 1
  }
  return { faceZ, faceTri, faceBary, inOpening }
}
