// Key reduction: turns a densely sampled curve into few linear keys within a value tolerance.
import { type PerformanceKey } from '../performance/performance'

/**
 * How far past the furthest reachable sample the search keeps looking for a later one, in samples:
 * at least this many, or twice the reach so far. Reachability is not monotone (a sample that lies
 * off the line can be followed by one that lies on it), but it rarely recovers after a long miss;
 * the cap keeps the whole reduction linear in the number of samples.
 */
const MIN_LOOKAHEAD = 32

/**
 * Keys for a sampled curve: linear interpolation between the returned keys stays within
 * `tolerance` (in the values' units, maximum absolute vertical error) of every sample.
 *
 * Method: greedy furthest reach. From each kept key it walks forward keeping the cone of slopes
 * that pass within `tolerance` of every sample so far; a sample is reachable when the slope to it
 * lies in that cone, and the furthest reachable sample becomes the next key. This usually needs
 * fewer keys than Ramer–Douglas–Peucker and runs in linear time (no recursion, so 100,000+
 * samples are fine). Keys are always placed on samples; the first and last samples are keys.
 *
 * Samples with a non-finite time or value, or a time not after the previous used sample, are
 * skipped. A constant series gives 2 keys (1 for a single sample, none for no samples).
 * Throws a RangeError when the lengths differ or `tolerance` is negative or not a number.
 */
export function reduceSamples(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  tolerance: number
): PerformanceKey[] {
  if (times.length !== values.length) {
    throw new RangeError(
      `reduceSamples: times and values must have the same length, got ${times.length} and ${values.length}`
    )
  }
  if (!(tolerance >= 0) || tolerance === Infinity) {
    throw new RangeError(`reduceSamples: tolerance must be a finite number >= 0, got ${tolerance}`)
  }
  const t = new Float64Array(times.length)
  const v = new Float64Array(times.length)
  let n = 0
  for (let i = 0; i < times.length; i++) {
    const time = times[i]!
    const value = values[i]!
    if (!Number.isFinite(time) || !Number.isFinite(value)) continue
    if (n > 0 && !(time > t[n - 1]!)) continue
    t[n] = time
    v[n] = value
    n++
  }
  if (n === 0) return []
  // Shrunk by a relative hair so the slope arithmetic's rounding cannot push an error past `tolerance`.
  const tol = tolerance * (1 - 1e-9)
  const keys: PerformanceKey[] = [{ time: t[0]!, value: v[0]! }]
  let from = 0
  while (from < n - 1) {
    const t0 = t[from]!
    const v0 = v[from]!
    let lo = -Infinity
    let hi = Infinity
    let reach = from + 1
    for (let j = from + 1; j < n; j++) {
      const dt = t[j]! - t0
      const dv = v[j]! - v0
      const slope = dv / dt
      if (slope >= lo && slope <= hi) reach = j
      else if (j - reach > Math.max(MIN_LOOKAHEAD, 2 * (reach - from))) break
      // Every later segment from `from` must also pass within tol of sample j.
      lo = Math.max(lo, (dv - tol) / dt)
      hi = Math.min(hi, (dv + tol) / dt)
      if (lo > hi) break
    }
    keys.push({ time: t[reach]!, value: v[reach]! })
    from = reach
  }
  return keys
}
