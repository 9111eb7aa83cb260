/** Hermite step: 0 at or below `e0`, 1 at or above `e1`, smooth in between. */
export const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}
