import { type AvatarGrid } from './avatar-grid'
import { inPolygon, type FaceOpening } from './face-openings'
import { type MouthBackLayer } from './mouth-back-layer'
import { piecewiseLinearAt } from './piecewise-linear'

/**
 * The lip side (pointAttrs channel 4) of the photo's own teeth, times ±1 (upper, lower): the renderer keeps the upper
 * ones between the upper lip's inner edge and the seam (the bite line), and cuts the upper lip's skin at that edge as
 * well as at the seam (build/pack/renderer/lip-distance.ts).
 */
export const PHOTO_TEETH_SIDE = 2

/** The point arrays the mouth's points are written into (see AvatarPoints), n points, K directions. */
export interface PointTarget {
  readonly features: Float32Array
  readonly pointAttrs: Float32Array
  readonly n: number
  readonly K: number
}

/**
 * Places point `p` of a back layer (mouth, eyeballs) at source px (x, y) and `depth` (source px): rigid with the
 * head (rigidity 1), on `layer`; its expression fields are left to the caller.
 */
export function placeBackPoint(
  t: PointTarget,
  p: number,
  x: number,
  y: number,
  depth: number,
  layer: number
): void {
  const { features, pointAttrs, n } = t
  features[p] = x
  features[n + p] = y
  features[2 * n + p] = depth
  pointAttrs[p] = x
  pointAttrs[n + p] = y
  pointAttrs[2 * n + p] = 1
  pointAttrs[3 * n + p] = layer
}

/**
 * Writes the mouth's points (one per cell of the back layer) from point `first` on: the photo's mouth for the cells
 * inside the source's opening, the back layer for the others. `vertexBasis`: [468 x K x 3] landmark motion per
 * direction, source px.
 *
 * Back layer (layer 1): deep, static with the head; it shows the painted interior. Where the skin in front of it lies
 * deeper still (the cheek beside a mouth corner, which a smile pushes back), it goes behind the skin as far as the
 * skin can move (`behindSkin`, source px): it showed through the cheek as a dark patch beside the corner. Its points carry the lower
 * lip's jawOpen drop (source px per unit) in their shading fields, which only skin points use as shading: the
 * renderer reads the jaw's paint (lower teeth, tongue) that far above each read, so the painted lower teeth ride
 * down with the lower lip while the cavity and the upper teeth stay with the skull.
 *
 * Photo mouth (layer 0, shows the source: at zero code the source's opening as it is): the photo's teeth (or a
 * closed mouth's slit), just behind the lips (0.4 cm: turning the head does not slide them away from the lips and
 * open a dark gap). Above the seam they are the upper side (lip side +1), below it the lower (lip side -1), so the
 * lip cut parts them along the seam like the lips and the painted interior shows between them (before, the
 * photo's teeth moved in cell-sized blocks over the paint). Photo teeth (`showsTeeth`) ride the skull above the
 * seam and the jaw below it (the nearest lower lip landmark's jaw motion); their side is ±PHOTO_TEETH_SIDE, so a lip
 * lifted off them uncovers the painted teeth and gums, not the teeth stretched. A slit is the lips' own inner margin:
 * each side moves with its lip, as its nearest inner landmark does in every direction. Held still, the upper side
 * hung below an upper lip that jawOpen lifts (its inner edge rises 0.4 cm) as lip-coloured tabs between notches of
 * painted teeth (dt_face3, hallo_ref3). Behind the gap that opens between them the gap fill takes the back layer
 * around (its farthest point), read where it is static.
 */
export function writeMouthPoints(
  t: PointTarget,
  first: number,
  grid: AvatarGrid,
  mouth: MouthBackLayer,
  opening: FaceOpening,
  vertexBasis: Float32Array,
  behindSkin: (cell: number) => number = () => -Infinity
): void {
  const { features, pointAttrs, n, K } = t
  const { cx, cy, scale: s } = grid
  const { seamY } = mouth
  const kOpen = mouth.jawOpenDirection
  // The lower lip's drop (source px per unit of jawOpen) along its inner edge, interpolated between landmarks.
  const dropCurve = mouth.lowerLip.map(
    ([x], j) => [x, kOpen < 0 ? 0 : vertexBasis[(mouth.lowerLipLandmarks[j]! * K + kOpen) * 3 + 1]!] as const
  )
  const place = (p: number, i: number, depth: number, layer: number): void =>
    placeBackPoint(t, p, cx(i), cy(i), depth, layer)
  // Landmark v's motion in the directions `ks`.
  const follow = (p: number, v: number, ks: Iterable<number>): void => {
    for (const k of ks)
      for (let a = 0; a < 3; a++) features[(3 + 3 * k + a) * n + p] = vertexBasis[(v * K + k) * 3 + a]!
  }
  const every = Array.from({ length: K }, (_, k) => k)
  mouth.cells.forEach((i, b) => {
    const p = first + b
    const x = cx(i)
    if (inPolygon(x, cy(i), opening.polygon)) {
      place(p, i, opening.surfaceDepth(x, cy(i)) + 0.4 * s, 0)
      const lower = cy(i) > seamY(x)
      pointAttrs[4 * n + p] = (lower ? -1 : 1) * (mouth.showsTeeth ? PHOTO_TEETH_SIDE : 1)
      if (!mouth.showsTeeth) follow(p, lower ? mouth.nearestLowerLip(x) : mouth.nearestUpperLip(x), every)
      else if (lower) follow(p, mouth.nearestLowerLip(x), mouth.jawDirections)
      return
    }
    place(p, i, Math.max(mouth.depth, behindSkin(i)), 1)
    if (kOpen >= 0) features[(3 + 3 * K + kOpen) * n + p] = piecewiseLinearAt(dropCurve, x)
  })
}
