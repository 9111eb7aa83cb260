import { describe, expect, it } from 'vitest'
import { DEFAULT_REDUCTION_TOLERANCE, reducePerformance } from '@shared/performance'
import { seriesOf } from './series-builder'

const smile = (t: number): number => 0.5 + 0.4 * Math.sin(2 * Math.PI * 0.7 * t)
const yaw = (t: number): number => 20 * Math.sin(2 * Math.PI * 0.3 * t)

function interpolate(keys: readonly { time: number; value: number }[], t: number): number {
  let k = 0
  while (k < keys.length - 2 && keys[k + 1]!.time <= t) k++
  const a = keys[k]!
  const b = keys[k + 1] ?? a
  return b.time > a.time ? a.value + ((b.value - a.value) * (t - a.time)) / (b.time - a.time) : a.value
}

describe('reducePerformance', () => {
  const series = seriesOf(30, 300, [
    { kind: 'expression', name: 'smile', curve: smile },
    { kind: 'camera', name: 'yaw', curve: yaw }
  ])

  it("keeps every sample when 'dense', values rounded to 4 decimals", () => {
    const perf = reducePerformance(series, { tolerance: 'dense' })
    expect(perf.tracks.map((t) => [t.kind, t.name, t.keys.length])).toEqual([
      ['expression', 'smile', 300],
      ['camera', 'yaw', 300]
    ])
    perf.tracks.forEach((track, c) => {
      track.keys.forEach((key, i) => {
        expect(key.time).toBe(series.times[i])
        expect(key.value).toBe(Math.round(series.channels[c]!.values[i]! * 1e4) / 1e4 + 0)
      })
    })
  })

  it('reduces each channel within its kind’s tolerance (plus rounding)', () => {
    const perf = reducePerformance(series, { tolerance: DEFAULT_REDUCTION_TOLERANCE })
    perf.tracks.forEach((track, c) => {
      expect(track.keys.length).toBeLessThan(100)
      expect(track.keys.length).toBeGreaterThan(2)
      const tolerance = DEFAULT_REDUCTION_TOLERANCE[track.kind] + 5e-5 + 1e-9
      series.times.forEach((t, i) => {
        expect(Math.abs(interpolate(track.keys, t) - series.channels[c]!.values[i]!)).toBeLessThanOrEqual(
          tolerance
        )
      })
      for (const key of track.keys) expect(Math.round(key.value * 1e4) / 1e4).toBe(key.value)
    })
  })

  it('copies the source facts and gaps, and skips NaN samples', () => {
    const withGap = {
      ...series,
      sourceName: 'take 3.mov',
      referenceTimeSec: 1.5,
      channels: [
        {
          kind: 'expression' as const,
          name: 'jawOpen',
          values: Float32Array.from(series.times, (t, i) => (i >= 100 && i < 120 ? NaN : t / 10))
        }
      ],
      gaps: [{ start: 100 / 30, end: 120 / 30 }]
    }
    for (const tolerance of ['dense', DEFAULT_REDUCTION_TOLERANCE] as const) {
      const perf = reducePerformance(withGap, { tolerance })
      expect(perf).toMatchObject({
        sourceName: 'take 3.mov',
        fps: 30,
        durationSec: 10,
        referenceTimeSec: 1.5
      })
      expect(perf.gaps).toEqual(withGap.gaps)
      const keys = perf.tracks[0]!.keys
      for (const key of keys) expect(Number.isFinite(key.value)).toBe(true)
      expect(keys.some((k) => k.time >= 100 / 30 && k.time < 120 / 30)).toBe(false)
    }
    expect(reducePerformance(withGap, { tolerance: 'dense' }).tracks[0]!.keys).toHaveLength(280)
  })

  it('gives a constant channel 2 keys and never writes -0', () => {
    const flat = seriesOf(30, 90, [{ kind: 'expression', name: 'blinkL', curve: () => -0.00001 }])
    const keys = reducePerformance(flat, { tolerance: DEFAULT_REDUCTION_TOLERANCE }).tracks[0]!.keys
    expect(keys).toHaveLength(2)
    for (const key of keys) expect(Object.is(key.value, 0)).toBe(true)
  })

  it('rejects a channel whose length differs from the sample times', () => {
    const bad = {
      ...series,
      channels: [{ kind: 'expression' as const, name: 'smile', values: new Float32Array(3) }]
    }
    expect(() => reducePerformance(bad, { tolerance: 'dense' })).toThrow(
      /expression:smile has 3 values for 300/
    )
  })
})
