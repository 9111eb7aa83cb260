import { describe, expect, it } from 'vitest'
import { bezierCoordinate, evaluateCubicBezier, solveBezierParameter } from '@shared/timeline'
import { seededRandom } from './seeded-random'

describe('cubic bezier', () => {
  it('solves x(t) = x for ordinary, flat-ended and degenerate curves', () => {
    const controls: [number, number][] = [
      [0.42, 0.58],
      [0, 1],
      [1, 0],
      [1, 1],
      [0, 0],
      [0.999, 0.001],
      [1 / 3, 2 / 3]
    ]
    for (const [x1, x2] of controls) {
      for (let i = 0; i <= 100; i++) {
        const x = i / 100
        const t = solveBezierParameter(x, x1, x2)
        expect(t).toBeGreaterThanOrEqual(0)
        expect(t).toBeLessThanOrEqual(1)
        expect(bezierCoordinate(t, 0, x1, x2, 1)).toBeCloseTo(x, 8)
      }
    }
  })

  it('clamps control x outside 0..1 so the curve stays a function', () => {
    const t = solveBezierParameter(0.5, 3, -2)
    expect(bezierCoordinate(t, 0, 1, 0, 1)).toBeCloseTo(0.5, 8)
  })

  it('solves random curves', () => {
    const rnd = seededRandom(7)
    for (let i = 0; i < 2000; i++) {
      const x1 = rnd.next()
      const x2 = rnd.next()
      const x = rnd.next()
      const t = solveBezierParameter(x, x1, x2)
      expect(Math.abs(bezierCoordinate(t, 0, x1, x2, 1) - x)).toBeLessThan(1e-8)
    }
  })

  it('reproduces the straight line for collinear controls', () => {
    for (let i = 0; i <= 10; i++) {
      expect(evaluateCubicBezier(i / 10, 1 / 3, 0, 1 / 3, 2 / 3, 2 / 3, 1)).toBeCloseTo(i / 10, 9)
    }
  })
})
