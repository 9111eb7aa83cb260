import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/**
 * Lip side (pointAttrs channel 4) above which, in magnitude, a point is the photo's own teeth rather than a lip's skin
 * (avatar: mouth-points' PHOTO_TEETH_SIDE, 2; lips are ±1).
 */
export const PHOTO_TEETH_MIN_SIDE = 1.5

/**
 * How far inside its own surface a read lands (source px, < 0 past it), for a lip point of `side` [1, M] reading the
 * back texture at that read: `seam`, the distance into its side from the seam between the lips (channel 3 for the
 * upper side, 4 for the lower), and `opening`, the distance outside the opening between the lips' inner edges
 * (channel 11; NO_EDGE_PX where the mouth shows no teeth of its own), each [1, M]. A lip's skin ends at the seam and
 * at the opening: min(seam, opening). The photo's teeth (|side| > PHOTO_TEETH_MIN_SIDE) lie inside the opening, on
 * their side of the seam: min(seam, −opening).
 */
export function ownSurfaceDistance(g: GraphBuilder, side: Value, seam: Value, opening: Value): Value {
  const { f, op, neg } = graphOps(g)
  const teeth = op('Greater', [op('Abs', [side]), f(PHOTO_TEETH_MIN_SIDE)])
  return op('Min', [seam, op('Where', [teeth, neg(opening), opening])])
}
