import { degrees } from '@shared/timeline/units'
import { describe, expect, it } from 'vitest'
import { fitSimilarityTransform, multiply3 } from '../../../src/main/core/analysis/procrustes'
import { rotationFromYawPitchRoll } from '../../../src/main/core/analysis/head-pose'

function randomPoints(count: number, seed: number): Float64Array {
  const out = new Float64Array(count * 3)
  let s = seed
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648
    out[i] = (s / 2147483648) * 10 - 5
  }
  return out
}

describe('fitSimilarityTransform', () => {
  it('recovers a known similarity transform exactly', () => {
    const source = randomPoints(40, 7)
    const rotation = rotationFromYawPitchRoll(degrees(35), degrees(-20), degrees(12))
    const scale = 3.7
    const translation = [10, -4, 2.5]
    const target = new Float64Array(source.length)
    for (let i = 0; i < 40; i++) {
      const p = multiply3(rotation, [source[i * 3], source[i * 3 + 1], source[i * 3 + 2]])
      for (let k = 0; k < 3; k++) target[i * 3 + k] = scale * p[k] + translation[k]
    }
    const weights = Array.from({ length: 40 }, (_, index) => ({ index, weight: 0.5 + (index % 3) }))
    const fit = fitSimilarityTransform(source, target, weights)
    fit.rotation.forEach((v, i) => expect(v).toBeCloseTo(rotation[i], 9))
    expect(fit.scale).toBeCloseTo(scale, 9)
    fit.translation.forEach((v, i) => expect(v).toBeCloseTo(translation[i], 9))
    expect(fit.rmsError).toBeLessThan(1e-9)
  })

  it('uses only the weighted points', () => {
    const source = randomPoints(10, 3)
    const target = Float64Array.from(source, (v) => v * 2)
    target[9 * 3] += 100 // outlier with no weight
    const weights = Array.from({ length: 9 }, (_, index) => ({ index, weight: 1 }))
    const fit = fitSimilarityTransform(source, target, weights)
    expect(fit.scale).toBeCloseTo(2, 9)
    expect(fit.rotation[0]).toBeCloseTo(1, 9)
  })

  it('rejects zero total weight', () => {
    expect(() => fitSimilarityTransform([0, 0, 0], [0, 0, 0], [{ index: 0, weight: 0 }])).toThrow(/positive/)
  })
})
