import { type AvatarGrid } from './avatar-grid'
import { frameMarginCells, padTextureForMargin, type MarginCell } from './frame-margin'
import { type HeadProxy } from './head-proxy'
import { COARSER_TEXTURE_LEVELS } from './texture-levels'

/**
 * Frame margin (see frameMarginCells): where the person layer reaches the frame's edge it continues outward by
 * how far that edge can move inward over the supported range (roll 30: sin 30 of the offset along the edge;
 * yaw 35 / pitch 25: sin 35 of the depth offset; 1 - cos 30 of the offset across it), times its rigidity, at
 * most MARGIN_MAX cm.
 */
const MARGIN_ROLL = 0.5
const MARGIN_TURN = 0.57
const MARGIN_COS = 0.14
const MARGIN_MAX = 6
/** Width (cm) of the soft edge where the padded texture's alpha closes over a cut outline past the frame. */
const MARGIN_RAMP = 0.3
/** Radius (cm) of the arc over which an outline cut by the frame closes past it: about a head's curvature. */
const MARGIN_CAP_RADIUS = 9

/** The skin points past the frame's edge and how the texture is padded for them (see padTextureForMargin). */
export interface MarginPoints {
  readonly cells: MarginCell[]
  /** Texture padding on each side, source px; 0 where the layer does not reach the frame. */
  readonly texturePad: number
  /** Soft edge and cap radius of the padded alpha, source px. */
  readonly ramp: number
  readonly capRadius: number
}

/**
 * Points past the frame's edge, continuing the layer where it reaches the edge (frameMarginCells); the
 * texture is padded for them (padTextureForMargin), and a margin cell is kept where the padded alpha shows.
 * `alpha`: the person layer per source px; `moving`: the skin cells; `skinZ`: their depth, source px.
 */
export function marginPoints(
  grid: AvatarGrid,
  alpha: Float32Array,
  moving: Uint8Array,
  skinZ: Float32Array,
  head: HeadProxy
): MarginPoints {
  const { width: W, height: H, scale: s, cell, gw, gh, cx, cy } = grid
  const { pivot, rigidityAt } = head
  const L = alpha
  let touchesFrame = false
  for (let gx = 0; gx < gw && !touchesFrame; gx++) touchesFrame = !!(moving[gx] || moving[(gh - 1) * gw + gx])
  for (let gy = 0; gy < gh && !touchesFrame; gy++)
    touchesFrame = !!(moving[gy * gw] || moving[gy * gw + gw - 1])
  // A whole number of the coarsest texture level's texels, so each level's texels line up with the source's
  // (texture-levels.ts): a 256² frame of a 512 px avatar reads the level of 2 px texels at their centres.
  const step = 2 ** COARSER_TEXTURE_LEVELS
  const texturePad = touchesFrame ? step * Math.ceil(Math.min(MARGIN_MAX * s, Math.max(W, H)) / step) : 0
  const marginRamp = MARGIN_RAMP * s
  const paddedAlpha =
    texturePad > 0 ? padTextureForMargin(L, W, H, 1, texturePad, marginRamp, MARGIN_CAP_RADIUS * s) : L
  const TW = W + 2 * texturePad
  const TH = H + 2 * texturePad
  const marginAlphaAt = (x: number, y: number): number => {
    const X = Math.min(TW - 1, Math.max(0, Math.floor(x) + texturePad))
    const Y = Math.min(TH - 1, Math.max(0, Math.floor(y) + texturePad))
    return paddedAlpha[Y * TW + X]!
  }
  const marginCells = frameMarginCells(
    moving,
    gw,
    gh,
    (i) => {
      const x = cx(i)
      const y = cy(i)
      const z = skinZ[i]!
      const [dx, dy, dz] = [Math.abs(x - pivot[0]), Math.abs(y - pivot[1]), Math.abs(z - pivot[2])]
      const w = rigidityAt(x, y, z)
      const cells = (travel: number): number => Math.ceil(Math.min(MARGIN_MAX * s, w * travel) / cell)
      // How far a frame edge can move inward: across a left or right edge through roll (dy), yaw (dz) and the
      // cosine shortening of dx; across a top or bottom edge through roll (dx), pitch (dz) and that of dy.
      return [
        cells(MARGIN_ROLL * dy + MARGIN_TURN * dz + MARGIN_COS * dx),
        cells(MARGIN_ROLL * dx + MARGIN_TURN * dz + MARGIN_COS * dy)
      ]
    },
    (gx, gy) => marginAlphaAt((gx + 0.5) * cell, (gy + 0.5) * cell) > 0.02
  )
  return { cells: marginCells, texturePad, ramp: marginRamp, capRadius: MARGIN_CAP_RADIUS * s }
}
