import {
  INNER_LIP_LOWER,
  INNER_LIP_UPPER,
  MOUTH_CORNER_LEFT,
  MOUTH_CORNER_RIGHT
} from '../expression/face-regions'
import { type AvatarGrid } from './avatar-grid'
import { type AvatarImage } from './avatar-representation'
import { biteLine, biteLineAt } from './bite-line'
import { piecewiseLinearAt } from './piecewise-linear'
import { teethInOpening } from './teeth-in-opening'

/** Source mouths open wider than this (cm, inner lips) may show their own teeth (see showsTeeth). */
export const LIP_CUT_MAX_SOURCE_OPENING = 0.2

/**
 * How far the back layer reaches up behind the upper lip's inner edge, mouth widths: as far as a raised upper lip
 * uncovers (upperLipRaise +1 lifts its inner edge 1.1 cm, about a fifth of the width), so the painted teeth and gums
 * show there. Ending a cell above the edge, the layer left the lifted lip's gap to the gap fill, which smeared the
 * top of the photo's teeth and the lip's inner margin over it in cell-sized steps (lp_drv12, lp_s42).
 */
export const UPPER_REACH = 0.22

/** The back layer behind the mouth and the lip lines the points and the back texture are cut along. */
export interface MouthBackLayer {
  /** Cells of the back layer (row-major grid indices). */
  readonly cells: readonly number[]
  /** Depth of the cavity, source px. */
  readonly depth: number
  /** Distance between the outer mouth corners, source px. */
  readonly mouthWidth: number
  /** Box the layer spans, source px: x0, y0, x1, y1 (y1 where the lower lip travels to with the jaw open). */
  readonly box: readonly [number, number, number, number]
  /** x of the outer mouth corners, source px, left to right in the image. */
  readonly cornersX: readonly [number, number]
  /** Inner edges of the upper and the lower lip, landmarks (source px) sorted by x. */
  readonly upperLip: readonly (readonly [number, number])[]
  readonly lowerLip: readonly (readonly [number, number])[]
  /** The landmark index of each `lowerLip` entry. */
  readonly lowerLipLandmarks: readonly number[]
  /** Widest gap between the inner lips in the source, source px. */
  readonly sourceOpening: number
  /**
   * The source mouth is open (by LIP_CUT_MAX_SOURCE_OPENING or more) onto teeth (teethInOpening, where the image
   * is given): its teeth show, none are painted. A mouth parted on a dark slit is taken as closed.
   */
  readonly showsTeeth: boolean
  /** Indices of the directions that move the jaw (jawOpen, jawSideways). */
  readonly jawDirections: readonly number[]
  /** Index of the jawOpen direction, -1 if there is none. */
  readonly jawOpenDirection: number
  /**
   * y (source px) of the upper and the lower lip's inner edge, and of the seam between them at x: half-way, or
   * where the source shows its teeth, the bite line between them (see biteLine).
   */
  readonly upperInnerY: (x: number) => number
  readonly lowerInnerY: (x: number) => number
  readonly seamY: (x: number) => number
  /** The upper and the lower inner lip landmark nearest to x. */
  readonly nearestUpperLip: (x: number) => number
  readonly nearestLowerLip: (x: number) => number
  /** The back layer's source/paint mix at source px: 1 everywhere (the photo's opening has its own points). */
  readonly mix: (x: number, y: number) => number
}

/**
 * Back layer behind the mouth: static with the head, deeper than the lips, spanning the opening and the way
 * the lower lip travels when the jaw opens. `landmarks`: x, y, z in source px; `pivotDepth`: the head
 * centre's depth, source px; `directionNames`: the expression directions in order; `image`: the portrait, where
 * the bite line of a mouth that shows its teeth is found (without it the seam is half-way between the lips).
 */
export function mouthBackLayer(
  grid: AvatarGrid,
  landmarks: ArrayLike<number>,
  pivotDepth: number,
  directionNames: readonly string[],
  image?: AvatarImage
): MouthBackLayer {
  const { scale: s, cell, cells, cx, cy } = grid
  const lm = landmarks
  const lipX = (i: number): number => lm[3 * i]!
  const lipY = (i: number): number => lm[3 * i + 1]!
  const mouthWidth = Math.hypot(
    lipX(MOUTH_CORNER_LEFT) - lipX(MOUTH_CORNER_RIGHT),
    lipY(MOUTH_CORNER_LEFT) - lipY(MOUTH_CORNER_RIGHT)
  )
  const lipDepth = (lm[3 * 13 + 2]! + lm[3 * 14 + 2]!) / 2
  // Deep (half-way to the head centre) so skin always wins the depth test and the back layer only shows
  // where the skin leaves a gap, i.e. between parted lips.
  const backDepth = lipDepth + 0.6 * Math.max(0.3 * mouthWidth, pivotDepth - lipDepth)
  const cornerX0 = Math.min(lipX(MOUTH_CORNER_LEFT), lipX(MOUTH_CORNER_RIGHT))
  const cornerX1 = Math.max(lipX(MOUTH_CORNER_LEFT), lipX(MOUTH_CORNER_RIGHT))
  const mx0 = cornerX0 - 0.05 * mouthWidth
  const mx1 = cornerX1 + 0.05 * mouthWidth
  const my0 = Math.min(...INNER_LIP_UPPER.map(lipY)) - Math.max(cell, UPPER_REACH * mouthWidth)
  const lowerLipY = Math.max(...INNER_LIP_LOWER.map(lipY))
  const my1 = lowerLipY + 2.3 * s
  const lowerPts = INNER_LIP_LOWER.map((i) => [lipX(i), lipY(i), i] as const).sort((a, b) => a[0] - b[0])
  const upperPts = INNER_LIP_UPPER.map((i) => [lipX(i), lipY(i), i] as const).sort((a, b) => a[0] - b[0])
  const upperInnerY = (x: number): number => piecewiseLinearAt(upperPts, x)
  const lowerInnerY = (x: number): number => piecewiseLinearAt(lowerPts, x)
  let sourceOpening = 0
  for (const [x] of upperPts) sourceOpening = Math.max(sourceOpening, lowerInnerY(x) - upperInnerY(x))
  // The inner lips' x range, source px.
  const [innerX0, innerX1] = [upperPts[0]![0], upperPts.at(-1)![0]]
  const showsTeeth =
    sourceOpening >= LIP_CUT_MAX_SOURCE_OPENING * s &&
    (!image || teethInOpening(image, upperInnerY, lowerInnerY, innerX0, innerX1, s))
  // Where the lips (and the photo's teeth) part: half-way between the inner lips, or the photo's bite line.
  const bite = showsTeeth && image ? biteLine(image, upperInnerY, lowerInnerY, innerX0, innerX1) : []
  const seamY = (x: number): number => biteLineAt(bite, x, (upperInnerY(x) + lowerInnerY(x)) / 2)
  const nearestOf =
    (pts: readonly (readonly [number, number, number])[]) =>
    (x: number): number =>
      pts.reduce((best, p) => (Math.abs(p[0] - x) < Math.abs(best[0] - x) ? p : best))[2]
  const nearestUpperLip = nearestOf(upperPts)
  const nearestLowerLip = nearestOf(lowerPts)
  const jawDirections = directionNames.flatMap((name, k) =>
    name === 'jawOpen' || name === 'jawSideways' ? [k] : []
  )
  const backCells: number[] = []
  for (let i = 0; i < cells; i++) {
    const x = cx(i)
    const y = cy(i)
    // U-shaped: full mouth width at the lips, narrowing below, so jaw-side cracks never show the cavity.
    const below = Math.max(0, Math.min(1, (y - lowerLipY) / (my1 - lowerLipY)))
    const halfWidth = 0.5 * (mx1 - mx0) * (1 - 0.65 * below)
    if (Math.abs(x - (mx0 + mx1) / 2) <= halfWidth && y >= my0 && y <= my1) backCells.push(i)
  }
  // The source's own opening is carried by the photo-mouth points in front of the back layer (mouth-points): the
  // back layer shows its paint everywhere.
  const backLayerMix = (): number => 1
  return {
    cells: backCells,
    depth: backDepth,
    mouthWidth,
    box: [mx0, my0, mx1, my1],
    cornersX: [cornerX0, cornerX1],
    upperLip: upperPts.map(([x, y]) => [x, y] as const),
    lowerLip: lowerPts.map(([x, y]) => [x, y] as const),
    lowerLipLandmarks: lowerPts.map((p) => p[2]),
    sourceOpening,
    showsTeeth,
    jawDirections,
    jawOpenDirection: directionNames.indexOf('jawOpen'),
    upperInnerY,
    lowerInnerY,
    seamY,
    nearestUpperLip,
    nearestLowerLip,
    mix: backLayerMix
  }
}
