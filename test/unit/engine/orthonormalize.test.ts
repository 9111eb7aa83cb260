import { describe, expect, it } from 'vitest'
import { innerProduct, lowdinOrthonormalize } from '../../../src/main/core/engine/expression/orthonormalize'

// Three "vertices" with unit weights: fields are 9 numbers (x, y, z per vertex).
const weights = [1, 1, 1]
const a = [1, 0, 0, 0, 0, 0, 0, 0, 0]
const b = [0.8, 0.6, 0, 0, 0, 0, 0, 0, 0] // cos(a, b) = 0.8
const c = [0, 0, 0, 0, 0, 1, 0, 0, 0] // orthogonal to both
const cosine = (u: ArrayLike<number>, v: ArrayLike<number>): number =>
  innerProduct(u, v, weights) / Math.sqrt(innerProduct(u, u, weights) * innerProduct(v, v, weights))

describe('priority-weighted Löwdin orthonormalisation', () => {
  it('with equal priorities bends both overlapping directions equally and leaves an orthogonal one alone', () => {
    const r = lowdinOrthonormalize([a, b, c], weights)
    expect(Math.abs(cosine(r.directions[0]!, r.directions[1]!))).toBeLessThan(1e-12)
    expect(r.fidelity[0]).toBeCloseTo(r.fidelity[1]!, 12)
    expect(r.fidelity[2]).toBeCloseTo(1, 12)
    expect(r.maxAbsCosineAuthored).toBeCloseTo(0.8, 12)
  })

  it('keeps a higher-priority direction closer to its authored shape; the result stays orthonormal', () => {
    const r = lowdinOrthonormalize([a, b, c], weights, [4, 1, 1])
    expect(Math.abs(cosine(r.directions[0]!, r.directions[1]!))).toBeLessThan(1e-12)
    for (const d of r.directions) expect(innerProduct(d, d, weights)).toBeCloseTo(1, 12)
    expect(r.fidelity[0]!).toBeGreaterThan(0.98) // 0.89 with equal priorities
    expect(r.fidelity[0]!).toBeGreaterThan(r.fidelity[1]!)
    const equal = lowdinOrthonormalize([a, b, c], weights)
    expect(r.fidelity[0]!).toBeGreaterThan(equal.fidelity[0]!)
  })

  it('does not depend on the order of the directions', () => {
    const r1 = lowdinOrthonormalize([a, b], weights, [3, 1])
    const r2 = lowdinOrthonormalize([b, a], weights, [1, 3])
    r1.directions[0]!.forEach((v, i) => expect(v).toBeCloseTo(r2.directions[1]![i]!, 12))
  })

  it('rejects priorities that are missing or not positive', () => {
    expect(() => lowdinOrthonormalize([a, b], weights, [1])).toThrow(/need 2 positive priorities/)
    expect(() => lowdinOrthonormalize([a, b], weights, [1, 0])).toThrow(/need 2 positive priorities/)
  })
})
