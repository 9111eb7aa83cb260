// One-dimensional cubic Bezier helpers on normalised segments: x (time) runs from 0 to 1 and the
// caller maps it to seconds. Keeping control x in [0, 1] makes x(t) monotonic, so every time has
// exactly one value (the same rule CSS applies to cubic-bezier()).

/** B(t) for one coordinate with control values p0..p3. */
export function bezierCoordinate(t: number, p0: number, p1: number, p2: number, p3: number): number {
  const u = 1 - t
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3
}

/** dB/dt for one coordinate. */
export function bezierDerivative(t: number, p0: number, p1: number, p2: number, p3: number): number {
  const u = 1 - t
  return 3 * u * u * (p1 - p0) + 6 * u * t * (p2 - p1) + 3 * t * t * (p3 - p2)
}

const NEWTON_ITERATIONS = 8
const NEWTON_MIN_SLOPE = 1e-7
const TOLERANCE = 1e-10
const BISECTION_ITERATIONS = 64

export function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value
}

/**
 * The curve parameter t whose x equals `x`, for x(t) = B(t; 0, x1, x2, 1). x1 and x2 are clamped to
 * [0, 1]. Newton's method converges in a few steps on ordinary curves; where the slope vanishes
 * (flat handles at the ends) or Newton leaves [0, 1], bisection finishes the job, which always works
 * because x(t) is monotonic.
 */
export function solveBezierParameter(x: number, x1: number, x2: number): number {
  const target = clamp01(x)
  const c1 = clamp01(x1)
  const c2 = clamp01(x2)
  let t = target
  for (let i = 0; i < NEWTON_ITERATIONS; i++) {
    const error = bezierCoordinate(t, 0, c1, c2, 1) - target
    if (Math.abs(error) < TOLERANCE) return t
    const slope = bezierDerivative(t, 0, c1, c2, 1)
    if (Math.abs(slope) < NEWTON_MIN_SLOPE) break
    const next = t - error / slope
    if (!(next >= 0 && next <= 1)) break
    t = next
  }
  let lo = 0
  let hi = 1
  t = target
  for (let i = 0; i < BISECTION_ITERATIONS; i++) {
    const value = bezierCoordinate(t, 0, c1, c2, 1)
    if (Math.abs(value - target) < TOLERANCE) return t
    if (value < target) lo = t
    else hi = t
    t = (lo + hi) / 2
  }
  return t
}

/**
 * Value of a normalised cubic Bezier from (0, y0) to (1, y3) with controls (x1, y1), (x2, y2), at
 * time fraction `x`. The y values are in any unit (normalised 0..1 for easings, track units for keys).
 */
export function evaluateCubicBezier(
  x: number,
  x1: number,
  y0: number,
  y1: number,
  x2: number,
  y2: number,
  y3: number
): number {
  const t = solveBezierParameter(x, x1, x2)
  return bezierCoordinate(t, y0, y1, y2, y3)
}
