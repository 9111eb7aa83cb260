import { type AvatarGrid } from './avatar-grid'
import { type FaceRaster } from './face-raster'
import { type HeadProxy } from './head-proxy'
import { widenPersonLayer } from './person-edge-band'
import { smoothstep } from './smoothstep'
import { estimateWispAlpha } from './wisp-matte'

/** How far (cm) the person layer reaches past the segmentation's core (full coverage): see the edge band below. */
const EDGE_BAND = 0.3
/** Fainter wisp matte alpha is left in the plate (un-mixing it would only amplify noise). */
const MIN_WISP_ALPHA = 0.05

/** The moving person layer: what of the portrait turns with the head. */
export interface PersonLayer {
  /** Alpha per source px (height x width, 0..1). */
  readonly alpha: Float32Array
  /** 1 per source px where the alpha comes from the wisp matte (hair the segmentation left out). */
  readonly wisp: Uint8Array
  /** 1 per cell that becomes a skin point: within 2 cells of the layer or on the face, not in an opening. */
  readonly moving: Uint8Array
}

/**
 * Person layer alpha per pixel and the moving cells. `sourceRgb` is the portrait (3 bytes a px, row-major);
 * `personMask` the person probability per source px (0..1), or null to use the head proxy's silhouette.
 */
export function buildPersonLayer(
  grid: AvatarGrid,
  sourceRgb: Uint8Array,
  personMask: Float32Array | null,
  head: HeadProxy,
  raster: Pick<FaceRaster, 'faceTri' | 'inOpening'>
): PersonLayer {
  const { width: W, height: H, scale: s, cell, gw, gh, cells } = grid
  const { pivot, ellipsoidDepth, rigidityAt } = head
  const { faceTri, inOpening } = raster
  const mask = personMask
  const L = new Float32Array(W * H)
  const coverage = new Float32Array(W * H)
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const px = x + 0.5
      const py = y + 0.5
      const person = mask ? mask[y * W + x]! : ellipsoidDepth(px, py) === null ? 0 : 1
      const w = rigidityAt(px, py, pivot[2])
      coverage[y * W + x] = Math.max(0, Math.min(1, (person - 0.3) / 0.4))
      L[y * W + x] = coverage[y * W + x]! * smoothstep(0.02, 0.3, w)
    }
  }
  // The layer reaches EDGE_BAND cm past the segmented core (see widenPersonLayer): the photo's rim around the
  // person moves with the head instead of staying behind in the plate. Its colour is the source (exact at the
  // source camera) and the plate's hole grows with it, so the plate is filled from clean background.
  widenPersonLayer(L, coverage, W, H, EDGE_BAND * s, (x, y) =>
    smoothstep(0.02, 0.3, rigidityAt(x, y, pivot[2]))
  )
  // Hair wisps and soft fringe the segmentation leaves out, beyond the band, join the layer with their matte
  // alpha (estimateWispAlpha); the plate is filled under them, so they leave no ghost of the hair behind.
  const wisp = new Uint8Array(W * H)
  if (mask) {
    const HW = W * H
    const rgb = new Float32Array(3 * HW)
    const core = new Float32Array(HW)
    for (let i = 0; i < HW; i++) {
      rgb[i] = sourceRgb[3 * i]! / 255
      rgb[HW + i] = sourceRgb[3 * i + 1]! / 255
      rgb[2 * HW + i] = sourceRgb[3 * i + 2]! / 255
      core[i] = coverage[i]! >= 1 ? 1 : 0
    }
    const matte = estimateWispAlpha(rgb, core, W, H, s)
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x
        if (matte[i]! < MIN_WISP_ALPHA) continue
        const a = matte[i]! * smoothstep(0.02, 0.3, rigidityAt(x + 0.5, y + 0.5, pivot[2]))
        if (a < MIN_WISP_ALPHA || a <= L[i]!) continue
        L[i] = a
        wisp[i] = 1
      }
    }
  }

  const cellAlpha = new Float32Array(cells)
  for (let y = 0; y < H; y++) {
    const gy = Math.floor(y / cell)
    for (let x = 0; x < W; x++) {
      const i = gy * gw + Math.floor(x / cell)
      cellAlpha[i] = Math.max(cellAlpha[i]!, L[y * W + x]!)
    }
  }
  const moving = new Uint8Array(cells)
  const dilate = 2
  for (let i = 0; i < cells; i++) {
    const gx = i % gw
    const gy = Math.floor(i / gw)
    let any = faceTri[i]! >= 0
    for (let dy = -dilate; dy <= dilate && !any; dy++) {
      for (let dx = -dilate; dx <= dilate && !any; dx++) {
        const x = gx + dx
        const y = gy + dy
        if (x >= 0 && y >= 0 && x < gw && y < gh && cellAlpha[y * gw + x]! > 0) any = true
      }
    }
    if (any && !inOpening[i]) moving[i] = 1
  }
  return { alpha: L, wisp, moving }
}
