import { describe, expect, it } from 'vitest'
import { type PerformanceKey } from '@shared/performance'
import { reduceSamples } from '@shared/timeline/reduce-keys'
import { type SeededRandom, seededRandom } from '../timeline/seeded-random'

/** Largest |linear interpolation of `keys` − sample| over the finite samples. */
function maxError(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  keys: readonly PerformanceKey[]
): number {
  let worst = 0
  let k = 0
  for (let i = 0; i < times.length; i++) {
    const t = times[i]!
    const v = values[i]!
    if (!Number.isFinite(t) || !Number.isFinite(v)) continue
    while (k < keys.length - 2 && keys[k + 1]!.time <= t) k++
    const a = keys[k]!
    const b = keys[Math.min(k + 1, keys.length - 1)]!
    const at = b.time > a.time ? a.value + ((b.value - a.value) * (t - a.time)) / (b.time - a.time) : a.value
    worst = Math.max(worst, Math.abs(at - v))
  }
  return worst
}

function randomWalk(
  rnd: SeededRandom,
  n: number,
  step: number
): { times: Float64Array; values: Float32Array } {
  const times = new Float64Array(n)
  const values = new Float32Array(n)
  let t = 0
  let v = 0
  for (let i = 0; i < n; i++) {
    times[i] = t
    values[i] = v
    t += rnd.between(0.02, 0.05)
    v += rnd.between(-step, step)
  }
  return { times, values }
}

describe('reduceSamples', () => {
  it('keeps every random walk within the tolerance, first and last samples included', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = seededRandom(seed)
      const { times, values } = randomWalk(rnd, rnd.int(2, 2000), rnd.pick([0.005, 0.05, 1]))
      for (const tolerance of [0, 0.001, 0.01, 0.05, 0.2, 1]) {
        const keys = reduceSamples(times, values, tolerance)
        expect(maxError(times, values, keys)).toBeLessThanOrEqual(tolerance + 1e-9)
        expect(keys[0]).toEqual({ time: times[0], value: values[0] })
        expect(keys.at(-1)).toEqual({ time: times.at(-1), value: values.at(-1) })
        expect(keys.every((k, i) => i === 0 || k.time > keys[i - 1]!.time)).toBe(true)
      }
    }
  })

  it('needs fewer keys as the tolerance grows', () => {
    const { times, values } = randomWalk(seededRandom(3), 5000, 0.02)
    const counts = [0.001, 0.01, 0.05, 0.2].map((tolerance) => reduceSamples(times, values, tolerance).length)
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThan(counts[i - 1]!)
  })

  it('finds exactly the corners of a piecewise-linear series (corners + 2 keys)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rnd = seededRandom(100 + seed)
      const corners = rnd.int(0, 12)
      // Corner positions (sample indices) at least 3 apart; values far apart compared with the tolerance.
      const knots: { index: number; value: number }[] = [{ index: 0, value: rnd.between(-1, 1) }]
      for (let c = 0; c <= corners; c++) {
        const previous = knots.at(-1)!
        let value = rnd.between(-1, 1)
        if (knots.length >= 2) {
          // Keep each corner clearly a corner: the slope must change by a visible amount.
          const before = knots.at(-2)!
          const slope = (previous.value - before.value) / (previous.index - before.index)
          const length = rnd.int(3, 40)
          while (Math.abs((value - previous.value) / length - slope) * length < 0.1)
            value = rnd.between(-1, 1)
          knots.push({ index: previous.index + length, value })
        } else {
          knots.push({ index: previous.index + rnd.int(3, 40), value })
        }
      }
      const n = knots.at(-1)!.index + 1
      const times = Float64Array.from({ length: n }, (_, i) => i / 30)
      const values = new Float64Array(n)
      for (let s = 1; s < knots.length; s++) {
        const a = knots[s - 1]!
        const b = knots[s]!
        for (let i = a.index; i <= b.index; i++)
          values[i] = a.value + ((b.value - a.value) * (i - a.index)) / (b.index - a.index)
      }
      const keys = reduceSamples(times, values, 0.001)
      expect(keys.length).toBe(corners + 2)
      expect(keys.map((k) => Math.round(k.time * 30))).toEqual(knots.map((k) => k.index))
    }
  })

  it('gives 2 keys for a constant series, 1 for one sample, none for none', () => {
    const times = Float64Array.from({ length: 100 }, (_, i) => i / 30)
    expect(reduceSamples(times, new Float32Array(100).fill(0.5), 0.01)).toEqual([
      { time: 0, value: 0.5 },
      { time: times[99], value: 0.5 }
    ])
    expect(reduceSamples(times, new Float32Array(100), 0)).toHaveLength(2)
    expect(reduceSamples([2], [0.3], 0.01)).toEqual([{ time: 2, value: 0.3 }])
    expect(reduceSamples([], [], 0.01)).toEqual([])
  })

  it('skips NaN samples and times that do not advance', () => {
    const keys = reduceSamples([0, 1, 2, 2, 1.5, 3, NaN, 4], [0, NaN, 2, 9, 9, 3, 9, NaN], 0.001)
    expect(keys).toEqual([
      { time: 0, value: 0 },
      { time: 3, value: 3 }
    ])
    expect(reduceSamples([0, 1], [NaN, NaN], 0.01)).toEqual([])
  })

  it('keeps a blink-like pulse within the tolerance', () => {
    const times = Float64Array.from({ length: 60 }, (_, i) => i / 30)
    const values = Float32Array.from({ length: 60 }, (_, i) => (i >= 30 && i < 33 ? 0.9 : 0))
    const keys = reduceSamples(times, values, 0.01)
    expect(maxError(times, values, keys)).toBeLessThanOrEqual(0.01)
    expect(keys.length).toBe(6)
  })

  it('reduces 100,000 samples in well under 200 ms', () => {
    const { times, values } = randomWalk(seededRandom(9), 100_000, 0.01)
    for (const tolerance of [0.001, 0.01, 0.2]) {
      const started = performance.now()
      const keys = reduceSamples(times, values, tolerance)
      const elapsed = performance.now() - started
      expect(elapsed).toBeLessThan(200)
      expect(maxError(times, values, keys)).toBeLessThanOrEqual(tolerance + 1e-9)
    }
  })

  it('rejects a bad tolerance and mismatched lengths', () => {
    expect(() => reduceSamples([0], [0], -0.1)).toThrow(RangeError)
    expect(() => reduceSamples([0], [0], NaN)).toThrow(RangeError)
    expect(() => reduceSamples([0, 1], [0], 0.1)).toThrow(/same length/)
  })
})
