import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/**
 * Lip side (pointAttrs channel 4) above which, in magnitude, a point is the photo's own teeth rather than a lip's skin
 * (avatar: mouth-points' PHOTO_TEETH_SIDE, 2; lips are ±1).
 */
export const PHOTO_TEETH_MIN_SIDE = 1.5

/**
 * How far inside its own surface an upper-side read lands (source px, < 0 past it), for a point of lip side `side`
 * [1, M] reading the back texture there: `seam`, the distance into the upper side from the seam between the lips
 * (channel 3), and `edge`, the distance above the upper lip's inner edge (channel 11; NO_EDGE_PX where the mouth
 * shows no teeth of its own), each [1, M]. The upper lip's skin ends at the seam and at its inner edge: min(seam,
 * edge). The photo's upper teeth (side > PHOTO_TEETH_MIN_SIDE) lie between that edge and the seam: min(seam, −edge).
 * The lower side is cut at the seam alone: its teeth ride the jaw with the lower lip, and cut at the lower lip's
 * edge too, a blurred mouth whose bite line runs along that edge (cf_0717) showed the cavity through it in dots.
 */
export function upperSurfaceDistance(g: GraphBuilder, side: Value, seam: Value, edge: Value): Value {
  const { f, op, neg } = graphOps(g)
  const teeth = op('Greater', [side, f(PHOTO_TEETH_MIN_SIDE)])
  return op('Min', [seam, op('Where', [teeth, neg(edge), edge])])
}
