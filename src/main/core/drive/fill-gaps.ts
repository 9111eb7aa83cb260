import type { PerformanceGap } from '@shared/performance/performance'

/**
 * Runs of frames without a tracked face, as time ranges: a gap starts at its first faceless frame's time
 * and ends at the next tracked frame's time (or the clip's end).
 */
export function findGaps(
  times: ArrayLike<number>,
  hasFace: (index: number) => boolean,
  durationSec: number
): PerformanceGap[] {
  const gaps: PerformanceGap[] = []
  let start = -1
  for (let i = 0; i < times.length; i++) {
    if (!hasFace(i)) {
      if (start < 0) start = i
    } else if (start >= 0) {
      gaps.push({ start: times[start]!, end: times[i]! })
      start = -1
    }
  }
  if (start >= 0) gaps.push({ start: times[start]!, end: durationSec })
  return gaps
}

const ease = (t: number): number => 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, Math.min(1, t)))

/**
 * Fills the NaN runs of a per-frame series so that the motion eases back to `rest` (the reference pose
 * and expression) across the gap and out again: from the last tracked value to `rest` over at most
 * `easeSec` (or half the gap when it is shorter), then from `rest` to the next tracked value the same
 * way. Cosine easing, so the export never shows a jump at either end of a gap. A series with no tracked
 * value at all becomes `rest` everywhere.
 */
export function fillGaps(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  rest: number,
  easeSec: number
): Float32Array {
  const n = values.length
  const out = Float32Array.from(values)
  let i = 0
  while (i < n) {
    if (!Number.isNaN(out[i]!)) {
      i++
      continue
    }
    let j = i
    while (j < n && Number.isNaN(out[j]!)) j++
    // Gap is frames i..j-1; tracked neighbours i-1 and j (when they exist).
    const before = i > 0 ? { t: times[i - 1]!, v: out[i - 1]! } : null
    const after = j < n ? { t: times[j]!, v: out[j]! } : null
    const gapStart = before?.t ?? times[i]!
    const gapEnd = after?.t ?? times[j - 1]!
    const half = Math.max(1e-6, (gapEnd - gapStart) / 2)
    const span = Math.min(easeSec, half)
    for (let k = i; k < j; k++) {
      const t = times[k]!
      let v = rest
      if (before && t - before.t < span) v = before.v + (rest - before.v) * ease((t - before.t) / span)
      if (after && after.t - t < span) v = after.v + (rest - after.v) * ease((after.t - t) / span)
      out[k] = v
    }
    i = j
  }
  return out
}
