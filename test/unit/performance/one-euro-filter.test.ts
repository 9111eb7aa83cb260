import { describe, expect, it } from 'vitest'
import {
  createOneEuro,
  DRIVE_SMOOTHING,
  type OneEuroParams,
  oneEuroFilter,
  zeroPhaseOneEuro
} from '@shared/performance'
import { seededRandom } from '../timeline/seeded-random'

const FPS = 30

function frameTimes(n: number, fps = FPS): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i / fps)
}

function variance(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0
  for (let i = from; i < to; i++) sum += values[i]!
  const mean = sum / (to - from)
  let squares = 0
  for (let i = from; i < to; i++) squares += (values[i]! - mean) ** 2
  return squares / (to - from)
}

function argMax(values: ArrayLike<number>): number {
  let best = 0
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i
  return best
}

const PARAMS: { label: string; params: OneEuroParams }[] = [
  { label: 'expression', params: DRIVE_SMOOTHING.expression },
  { label: 'camera', params: DRIVE_SMOOTHING.camera },
  { label: 'heavy', params: { minCutoff: 0.2, beta: 0, dCutoff: 1 } }
]

describe('oneEuroFilter', () => {
  it.each(PARAMS)('returns a constant series unchanged ($label)', ({ params }) => {
    for (const value of [0, 0.37, -1, 12.5]) {
      const values = new Float32Array(90).fill(value)
      for (const filter of [oneEuroFilter, zeroPhaseOneEuro]) {
        const out = filter(frameTimes(90), values, params)
        for (const v of out) expect(v).toBeCloseTo(Math.fround(value), 6)
      }
    }
  })

  it('handles empty and single-sample series', () => {
    expect(oneEuroFilter([], [], DRIVE_SMOOTHING.expression)).toEqual(new Float32Array(0))
    expect(zeroPhaseOneEuro([], [], DRIVE_SMOOTHING.expression)).toEqual(new Float32Array(0))
    expect(Array.from(oneEuroFilter([0.5], [0.25], DRIVE_SMOOTHING.expression))).toEqual([0.25])
    expect(Array.from(zeroPhaseOneEuro([0.5], [0.25], DRIVE_SMOOTHING.expression))).toEqual([0.25])
  })

  it('lowers the variance of a still series with noise', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rnd = seededRandom(seed)
      for (const { params, amplitude } of [
        { params: DRIVE_SMOOTHING.expression, amplitude: 0.03 },
        { params: DRIVE_SMOOTHING.camera, amplitude: 1.5 }
      ]) {
        const values = Float32Array.from({ length: 300 }, () => 0.2 + rnd.between(-amplitude, amplitude))
        const before = variance(values, 30)
        expect(variance(oneEuroFilter(frameTimes(300), values, params), 30)).toBeLessThan(before / 2)
        expect(variance(zeroPhaseOneEuro(frameTimes(300), values, params), 30)).toBeLessThan(before / 4)
      }
    }
  })

  it('keeps the peak of a smooth bump in place when run zero-phase, where the forward pass lags', () => {
    const n = 120
    const times = frameTimes(n)
    for (const { params, height } of [
      { params: DRIVE_SMOOTHING.expression, height: 0.8 },
      { params: DRIVE_SMOOTHING.camera, height: 20 }
    ]) {
      for (const center of [40, 60.5, 75]) {
        const values = Float32Array.from(
          { length: n },
          (_, i) => height * Math.exp(-(((i - center) / 6) ** 2))
        )
        const peak = argMax(values)
        expect(Math.abs(argMax(zeroPhaseOneEuro(times, values, params)) - peak)).toBeLessThanOrEqual(1)
        expect(argMax(oneEuroFilter(times, values, params))).toBeGreaterThan(peak)
      }
    }
  })

  it('has no lag in the middle of a ramp when run zero-phase', () => {
    const n = 150
    const times = frameTimes(n)
    const values = Float32Array.from({ length: n }, (_, i) => -0.9 + (1.8 * i) / (n - 1))
    const forward = oneEuroFilter(times, values, { minCutoff: 0.5, beta: 0, dCutoff: 1 })
    const zero = zeroPhaseOneEuro(times, values, { minCutoff: 0.5, beta: 0, dCutoff: 1 })
    const step = 1.8 / (n - 1)
    for (let i = 60; i < 90; i++) {
      expect(values[i]! - forward[i]!).toBeGreaterThan(step)
      expect(Math.abs(zero[i]! - values[i]!)).toBeLessThan(step / 10)
    }
  })

  it('keeps a 3-frame blink at 30 fps at >= 0.6 of its peak (expression smoothing, zero-phase)', () => {
    const n = 60
    for (const start of [5, 20, 30, 52]) {
      const values = new Float32Array(n)
      for (let i = start; i < start + 3; i++) values[i] = 1
      const out = zeroPhaseOneEuro(frameTimes(n), values, DRIVE_SMOOTHING.expression)
      expect(Math.max(...out)).toBeGreaterThanOrEqual(0.6)
      expect(Math.abs(argMax(out) - (start + 1))).toBeLessThanOrEqual(1)
    }
  })

  it('passes NaN through and restarts the filter after it', () => {
    const times = frameTimes(8)
    const values = Float32Array.from([0, 0, 0, NaN, NaN, 1, 1, 1])
    for (const filter of [oneEuroFilter, zeroPhaseOneEuro]) {
      const out = filter(times, values, DRIVE_SMOOTHING.expression)
      expect(Number.isNaN(out[3])).toBe(true)
      expect(Number.isNaN(out[4])).toBe(true)
      // Each run is filtered on its own: nothing before the gap pulls the run after it toward 0.
      expect(Array.from(out.slice(0, 3))).toEqual([0, 0, 0])
      expect(Array.from(out.slice(5))).toEqual([1, 1, 1])
    }
  })

  it('treats equal and decreasing times as the previous step, with no NaN or Infinity', () => {
    const rnd = seededRandom(11)
    const times = Float64Array.from([0, 0, 0, 1 / 30, 1 / 30, 0.01, 0.1, 0.1, NaN, 0.2])
    const values = Float32Array.from(times, () => rnd.between(-1, 1))
    for (const filter of [oneEuroFilter, zeroPhaseOneEuro]) {
      const out = filter(times, values, DRIVE_SMOOTHING.expression)
      for (const v of out) {
        expect(Number.isFinite(v)).toBe(true)
        expect(Math.abs(v)).toBeLessThanOrEqual(1)
      }
    }
    // A repeated time behaves like a 1/30 s step when no earlier step is known.
    const repeated = oneEuroFilter([0, 0], [0, 1], DRIVE_SMOOTHING.expression)
    const regular = oneEuroFilter([0, 1 / 30], [0, 1], DRIVE_SMOOTHING.expression)
    expect(repeated[1]).toBe(regular[1])
  })

  it('follows irregular sample times like the equivalent regular series', () => {
    // The same 1 Hz sine sampled at 30 fps, and at jittered times: filtered values at those times agree.
    const rnd = seededRandom(5)
    const n = 300
    const regular = frameTimes(n)
    const jittered = Float64Array.from(regular, (t, i) => (i === 0 ? t : t + rnd.between(-0.01, 0.01)))
    const sine = (times: Float64Array): Float32Array =>
      Float32Array.from(times, (t) => 0.5 * Math.sin(2 * Math.PI * t))
    const a = zeroPhaseOneEuro(regular, sine(regular), DRIVE_SMOOTHING.expression)
    const b = zeroPhaseOneEuro(jittered, sine(jittered), DRIVE_SMOOTHING.expression)
    for (let i = 30; i < n - 30; i++) {
      expect(Math.abs(b[i]! - 0.5 * Math.sin(2 * Math.PI * jittered[i]!))).toBeLessThan(0.05)
      expect(Math.abs(a[i]! - 0.5 * Math.sin(2 * Math.PI * regular[i]!))).toBeLessThan(0.05)
    }
  })

  it('does not modify its inputs', () => {
    const times = frameTimes(5)
    const values = Float32Array.from([0, 1, 0, 1, 0])
    zeroPhaseOneEuro(times, values, DRIVE_SMOOTHING.expression)
    expect(Array.from(values)).toEqual([0, 1, 0, 1, 0])
    expect(Array.from(times)).toEqual(Array.from(frameTimes(5)))
  })

  it('rejects bad parameters and mismatched lengths', () => {
    expect(() => oneEuroFilter([0], [0], { minCutoff: 0, beta: 1, dCutoff: 1 })).toThrow(/minCutoff/)
    expect(() => oneEuroFilter([0], [0], { minCutoff: 1, beta: -1, dCutoff: 1 })).toThrow(/beta/)
    expect(() => oneEuroFilter([0], [0], { minCutoff: 1, beta: 1, dCutoff: NaN })).toThrow(/dCutoff/)
    expect(() => oneEuroFilter([0, 1], [0], DRIVE_SMOOTHING.camera)).toThrow(/same length/)
  })
})

describe('createOneEuro (one sample at a time)', () => {
  it('gives exactly what oneEuroFilter gives over the same series, gaps included', () => {
    const times = Array.from({ length: 40 }, (_, i) => i / 30)
    const values = times.map((t, i) => (i === 12 || i === 13 ? Number.NaN : Math.sin(6 * t) + (i % 3) * 0.05))
    const whole = oneEuroFilter(times, values, DRIVE_SMOOTHING.expression)
    const stream = createOneEuro(DRIVE_SMOOTHING.expression)
    const stepped = Float32Array.from(times, (t, i) => stream.step(t, values[i]!))
    expect(Array.from(stepped)).toEqual(Array.from(whole))
    stream.reset()
    expect(stream.step(2, 5)).toBe(5)
  })
})
