/**
 * The piecewise-linear curve through `pts` (sorted by x; extra entries after x, y are ignored) at x, held
 * constant past its ends. Used for the inner lip lines (source px) and the authored expression fields'
 * contour curves (canonical cm).
 */
export function piecewiseLinearAt(
  pts: readonly (readonly [number, number, ...number[]])[],
  x: number
): number {
  if (x <= pts[0]![0]) return pts[0]![1]
  for (let k = 1; k < pts.length; k++) {
    const [x1, y1] = pts[k]!
    const [x0, y0] = pts[k - 1]!
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
  }
  return pts[pts.length - 1]![1]
}
