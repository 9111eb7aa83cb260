import { describe, expect, it } from 'vitest'
import { seededRandom, streamRandom, streamSeed } from '@shared/generate'

const draw = (seed: number, n: number) => {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => random.next())
}

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, other numbers for another seed', () => {
    expect(draw(7, 100)).toEqual(draw(7, 100))
    expect(draw(7, 100)).not.toEqual(draw(8, 100))
  })

  it('matches mulberry32 reference values', () => {
    // mulberry32(0): the first outputs of the reference implementation.
    expect(draw(0, 3).map((v) => Math.round(v * 4294967296))).toEqual([1144304738, 1416247, 958946056])
  })

  it('stays in [0, 1) with a mean near 1/2, and its normals near mean 0, deviation 1', () => {
    const random = seededRandom(123)
    let sum = 0
    let normalSum = 0
    let normalSquares = 0
    const n = 20_000
    for (let i = 0; i < n; i++) {
      const v = random.next()
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThan(1)
      sum += v
      const z = random.normal()
      normalSum += z
      normalSquares += z * z
    }
    expect(sum / n).toBeCloseTo(0.5, 1)
    expect(normalSum / n).toBeCloseTo(0, 1)
    expect(Math.sqrt(normalSquares / n)).toBeCloseTo(1, 1)
  })

  it('gives each named stream of a seed its own numbers', () => {
    expect(streamSeed(7, 'blinks')).toBe(streamSeed(7, 'blinks'))
    expect(streamSeed(7, 'blinks')).not.toBe(streamSeed(7, 'head'))
    expect(streamSeed(7, 'blinks')).not.toBe(streamSeed(8, 'blinks'))
    expect(streamRandom(7, 'gaze').next()).toBe(streamRandom(7, 'gaze').next())
  })
})
