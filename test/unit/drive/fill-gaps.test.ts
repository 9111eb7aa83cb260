import { describe, expect, it } from 'vitest'
import { fillGaps, findGaps } from '../../../src/main/core/drive/fill-gaps'

const times = Array.from({ length: 60 }, (_, i) => i / 30)

describe('findGaps', () => {
  it('reports each faceless run from its first frame to the next tracked frame or the end', () => {
    const missing = new Set([10, 11, 12, 40, 57, 58, 59])
    expect(findGaps(times, (i) => !missing.has(i), 2)).toEqual([
      { start: 10 / 30, end: 13 / 30 },
      { start: 40 / 30, end: 41 / 30 },
      { start: 57 / 30, end: 2 }
    ])
  })
})

describe('fillGaps', () => {
  it('leaves tracked values alone', () => {
    const values = times.map((t) => Math.sin(t))
    expect(Array.from(fillGaps(times, values, 0, 0.3))).toEqual(Array.from(Float32Array.from(values)))
  })

  it('eases from the last tracked value to the rest value and back, without jumps', () => {
    const values = times.map((_, i) => (i >= 15 && i < 45 ? Number.NaN : 0.8))
    const out = fillGaps(times, values, 0, 0.3)
    // Reaches rest in the middle of a long gap.
    expect(out[30]).toBeCloseTo(0, 6)
    // No step larger than the ease allows: 0.8 over 9 frames of a cosine ease is at most ~0.14 a frame.
    for (let i = 1; i < out.length; i++) expect(Math.abs(out[i]! - out[i - 1]!)).toBeLessThan(0.15)
    expect(out.every(Number.isFinite)).toBe(true)
  })

  it('eases a short gap only half-way each side, meeting at the rest value in the middle', () => {
    const values = times.map((_, i) => (i >= 20 && i < 23 ? Number.NaN : 1))
    const out = fillGaps(times, values, 0, 0.3)
    for (let i = 20; i < 23; i++) expect(out[i]).toBeLessThan(1)
    expect(Math.min(out[20]!, out[21]!, out[22]!)).toBeGreaterThanOrEqual(0)
  })

  it('starts and ends at rest when the clip starts or ends without a face', () => {
    const values = times.map((_, i) => (i < 10 || i >= 50 ? Number.NaN : 0.5))
    const out = fillGaps(times, values, 0, 0.3)
    expect(out[0]).toBeCloseTo(0, 6)
    expect(out[59]).toBeCloseTo(0, 6)
  })

  it('makes a series with no tracked value the rest value everywhere', () => {
    const out = fillGaps(
      times,
      times.map(() => Number.NaN),
      0.25,
      0.3
    )
    expect(Array.from(out).every((v) => Math.abs(v - 0.25) < 1e-6)).toBe(true)
  })
})
