import { LEFT_EYE, RIGHT_EYE } from '../expression/face-regions'
import { piecewiseLinearAt } from './piecewise-linear'

/**
 * How far (cm) the eyeball reaches past the visible opening, under the lids: up by the largest upper-lid lift
 * any direction asks for (eyesWide at its cap lifts the lid margin's middle by up to ~0.5 cm, squint −1 by
 * ~0.3 cm; a little more so the lifted lid never uncovers the eyeball's edge), down by what a dropped lower lid
 * and an iris turned up uncover, and past the corners by a little.
 */
export const EYEBALL_LIFT_CM = 0.6
export const EYEBALL_DROP_CM = 0.3
export const EYEBALL_SIDE_CM = 0.1
/** Share of the lift and drop kept at the corners: the lids open most in the middle. */
const CORNER_SHARE = 0.35

/** A lid margin as a curve through its landmarks, sorted by x (source px). */
export type LidCurve = readonly (readonly [number, number])[]

/** One eye's lid margins and the region its eyeball covers (source px). */
export interface EyeRegion {
  readonly upper: LidCurve
  readonly lower: LidCurve
  /** The corners' x range. */
  readonly xMin: number
  readonly xMax: number
  /** Bounding box [x0, y0, x1, y1] of the region grown by `grow` (source px). */
  readonly box: (grow?: number) => readonly [number, number, number, number]
  /**
   * Whether source px (x, y) lies in the eyeball region, grown by `grow` source px on every side: between the
   * upper margin lifted and the lower margin dropped (most in the middle of the eye), and past the corners by
   * EYEBALL_SIDE_CM.
   */
  readonly contains: (x: number, y: number, grow?: number) => boolean
}

/** Subject's right eye, then left: the lid margins and eyeball region from the 468 landmarks (x, y source px). */
export function eyeRegions(landmarks: ArrayLike<number>, scale: number): EyeRegion[] {
  return [RIGHT_EYE, LEFT_EYE].map((eye) => {
    const curve = (ids: readonly number[]): LidCurve =>
      ids.map((i) => [landmarks[3 * i]!, landmarks[3 * i + 1]!] as const).sort((a, b) => a[0] - b[0])
    const upper = curve(eye.upper)
    const lower = curve(eye.lower)
    const xMin = Math.min(upper[0]![0], lower[0]![0])
    const xMax = Math.max(upper[upper.length - 1]![0], lower[lower.length - 1]![0])
    const side = EYEBALL_SIDE_CM * scale
    const width = Math.max(1e-6, xMax - xMin)
    // Lift and drop at x: CORNER_SHARE at the corners, all of it in the middle.
    const share = (x: number): number => {
      const t = Math.max(0, Math.min(1, (x - xMin) / width))
      return CORNER_SHARE + (1 - CORNER_SHARE) * 4 * t * (1 - t)
    }
    const contains = (x: number, y: number, grow = 0): boolean => {
      if (x < xMin - side - grow || x > xMax + side + grow) return false
      const k = share(x)
      return (
        y >= piecewiseLinearAt(upper, x) - k * EYEBALL_LIFT_CM * scale - grow &&
        y <= piecewiseLinearAt(lower, x) + k * EYEBALL_DROP_CM * scale + grow
      )
    }
    const box = (grow = 0): readonly [number, number, number, number] => [
      xMin - side - grow,
      Math.min(...upper.map((p) => p[1])) - EYEBALL_LIFT_CM * scale - grow,
      xMax + side + grow,
      Math.max(...lower.map((p) => p[1])) + EYEBALL_DROP_CM * scale + grow
    ]
    return { upper, lower, xMin, xMax, box, contains }
  })
}

/** An iris as a circle, source px. */
export interface IrisCircle {
  readonly cx: number
  readonly cy: number
  readonly r: number
}

/** Iris radius as a share of the eye's width where the landmark model gives no irises. */
export const DEFAULT_IRIS_RADIUS = 0.21

/**
 * The iris of eye `side` (0 the subject's right): centre and mean radius of the analysis's 5 iris points
 * (`irises`, 2 x 5 x 3, subject's right first), or where there are none (or they are degenerate) a disk of
 * DEFAULT_IRIS_RADIUS of the eye's width centred between the corners and the lids.
 */
export function irisCircle(
  region: EyeRegion,
  irises: ArrayLike<number> | undefined,
  side: number
): IrisCircle {
  const width = Math.max(1e-6, region.xMax - region.xMin)
  if (irises != null && irises.length >= 30) {
    const o = 15 * side
    const cx = irises[o]!
    const cy = irises[o + 1]!
    let r = 0
    for (let k = 1; k < 5; k++) r += Math.hypot(irises[o + 3 * k]! - cx, irises[o + 3 * k + 1]! - cy) / 4
    if (Number.isFinite(r) && r > 0.05 * width) return { cx, cy, r: Math.min(r, 0.35 * width) }
  }
  const cx = (region.xMin + region.xMax) / 2
  const cy = (piecewiseLinearAt(region.upper, cx) + piecewiseLinearAt(region.lower, cx)) / 2
  return { cx, cy, r: DEFAULT_IRIS_RADIUS * width }
}
