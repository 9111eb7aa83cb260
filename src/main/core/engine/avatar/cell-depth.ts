import { type AvatarGrid } from './avatar-grid'
import { type CanonicalBasis } from './avatar-representation'
import { type FaceRaster } from './face-raster'
import { type HeadProxy } from './head-proxy'
import { chamferDistance } from './person-edge-band'
import { pushPullFill } from './push-pull-fill'
import { smoothSeam } from './smooth-seam'

/**
 * Width (cm, Gaussian sigma) over which the depth step at the face outline is smoothed into a ramp. The face
 * mesh's outline sits at the front of an edge-on band (the mesh folds back toward the ears within a few px),
 * while the hair beside it lies on the head proxy 2-5 cm deeper: a step of that size made the face slide over
 * the hair like a mask when the head turned (a hard cut on the side turning away, a torn strip on the other).
 */
const SEAM_SMOOTH = 0.8

/** Depth and expression fields of every cell. */
export interface CellDepth {
  /** Skin depth per cell, source px (smaller is closer). */
  readonly skinZ: Float32Array
  /** Chamfer distance per cell to the nearest face cell, cells (0 on the face). */
  readonly faceDistance: Float32Array
  /** Expression fields per landmark: source px at slider +1, [468][K][3]. */
  readonly vertexBasis: Float32Array
  /** Expression fields per cell, planar [3K][cells]: interpolated on the face, carried outward off it. */
  readonly cellBasis: Float32Array
  /** Gaussian sigma (cells) over which the carried-out fields fade with the distance from the face. */
  readonly basisFade: number
}

/**
 * Depth of every cell: face mesh where it is, head ellipsoid elsewhere, with the face/ellipsoid offset
 * carried smoothly outward (push-pull) and fading over ~3 cm so there is no step at the face border. The
 * expression fields (`basis`, scaled per direction by `gains`, default 1) are carried outward the same way.
 */
export function cellDepth(
  grid: AvatarGrid,
  head: HeadProxy,
  raster: FaceRaster,
  basis: CanonicalBasis,
  gains: readonly number[] | undefined
): CellDepth {
  const { scale: s, cell, gw, gh, cells, cx, cy } = grid
  const { pivot, ellipsoidDepth, dirToImage } = head
  const { faceZ, faceTri, faceBary, inOpening } = raster
  const K = basis.names.length
  const tris = basis.triangles
  const baseZ = new Float32Array(cells)
  for (let i = 0; i < cells; i++) baseZ[i] = ellipsoidDepth(cx(i), cy(i)) ?? pivot[2]
  const residual = new Float32Array(cells)
  const faceKnown = new Float32Array(cells)
  for (let i = 0; i < cells; i++) {
    if (faceTri[i]! >= 0) {
      residual[i] = faceZ[i]! - baseZ[i]!
      faceKnown[i] = 1
    }
  }
  pushPullFill(residual, faceKnown, gw, gh, 1)
  const faceDistance = chamferDistance(faceKnown, gw, gh)
  const depthFade = (3 * s) / cell
  const bases = basis.fields.map((f) => f)
  const vertexBasis = new Float32Array(468 * 3 * K) // image px at slider +1, [v][k][3]
  for (let v = 0; v < 468; v++) {
    for (let k = 0; k < K; k++) {
      const gain = gains?.[k] ?? 1
      const d = dirToImage([
        bases[k]![3 * v]! * gain,
        bases[k]![3 * v + 1]! * gain,
        bases[k]![3 * v + 2]! * gain
      ])
      vertexBasis.set(d, (v * K + k) * 3)
    }
  }
  const cellBasis = new Float32Array(3 * K * cells) // planar [3K][cells]
  for (let i = 0; i < cells; i++) {
    const tr = faceTri[i]!
    if (tr < 0) continue
    for (let corner = 0; corner < 3; corner++) {
      const v = tris[tr + corner]!
      const w = faceBary[3 * i + corner]!
      for (let j = 0; j < 3 * K; j++) cellBasis[j * cells + i] += w * vertexBasis[v * 3 * K + j]!
    }
  }
  pushPullFill(cellBasis, faceKnown, gw, gh, 3 * K)
  const basisFade = (1.2 * s) / cell
  // Skin depth of every cell, then the face outline's depth step smoothed into a ramp (see smoothSeam).
  const skinZ = new Float32Array(cells)
  for (let i = 0; i < cells; i++) {
    const fade = faceTri[i]! >= 0 ? 1 : Math.exp(-0.5 * (faceDistance[i]! / depthFade) ** 2)
    skinZ[i] = faceTri[i]! >= 0 ? faceZ[i]! : baseZ[i]! + residual[i]! * fade
  }
  const faceOrOpening = Float32Array.from(faceKnown, (k, i) => (k > 0 || inOpening[i] ? 1 : 0))
  smoothSeam(skinZ, faceOrOpening, gw, gh, (SEAM_SMOOTH * s) / cell)
  return { skinZ, faceDistance, vertexBasis, cellBasis, basisFade }
}
