import type { Avatar } from '../engine/engine'
import type { SequenceDepthRange } from '../export/sequence-depth'

/** Room for expressions, which move points off their neutral place (a jaw drop, a pucker): a quarter more. */
const EXPRESSION_MARGIN = 1.25

/**
 * The depth range a sequence's depth pass is encoded over, fixed for the avatar so a grey level means the same
 * depth in every frame: the pivot's depth ± the farthest any of the avatar's neutral points lies from the pivot
 * (times EXPRESSION_MARGIN). The camera turns the head about the pivot and zoom and pan do not change depth, so
 * every turn of the head stays inside it; a point an expression moves farther still is clamped. On the astronaut at
 * 512 px this is the pivot's 40 px ± 221 px, while the head spans -24…95 px at a 35° turn: 16 bits still resolve
 * 0.007 px.
 */
export function sequenceDepthRange(
  avatar: Pick<Avatar, 'features' | 'pointCount' | 'pivot' | 'width' | 'height'>
): SequenceDepthRange {
  const n = avatar.pointCount
  const [px, py, pz] = avatar.pivot
  let reach = 0
  // features is [1, C, N]: channels 0, 1, 2 are each point's neutral x, y and depth in source px.
  for (let i = 0; i < n; i++) {
    const dx = avatar.features[i]! - px
    const dy = avatar.features[n + i]! - py
    const dz = avatar.features[2 * n + i]! - pz
    const r = Math.sqrt(dx * dx + dy * dy + dz * dz)
    if (r > reach) reach = r
  }
  // A degenerate avatar (no points) still gets a usable range: the portrait's size.
  const half = Math.max(
    reach * EXPRESSION_MARGIN,
    1,
    Math.max(avatar.width, avatar.height) * (n === 0 ? 1 : 0)
  )
  return {
    nearPx: round3(pz - half),
    farPx: round3(pz + half),
    sourceWidth: avatar.width,
    sourceHeight: avatar.height
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000
}
