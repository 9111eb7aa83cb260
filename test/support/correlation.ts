// Pearson correlation of two per-frame curves at a lag: the speech tests and bench:generate compare a generated
// mouth with the sound's loudness this way.

/** Pearson correlation of a[t] with b[t + lag] over the frames both cover (0 where either is flat). */
export function correlationAtLag(a: ArrayLike<number>, b: ArrayLike<number>, lag: number): number {
  const xs: number[] = []
  const ys: number[] = []
  for (let t = 0; t < a.length; t++) {
    if (t + lag < 0 || t + lag >= b.length) continue
    xs.push(a[t]!)
    ys.push(b[t + lag]!)
  }
  const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / Math.max(1, v.length)
  const mx = mean(xs)
  const my = mean(ys)
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my)
    sxx += (xs[i]! - mx) ** 2
    syy += (ys[i]! - my) ** 2
  }
  return sxy / Math.sqrt(sxx * syy || 1)
}
