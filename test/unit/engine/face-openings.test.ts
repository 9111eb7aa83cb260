import { describe, expect, it } from 'vitest'
import {
  distanceToPolygon,
  faceOpenings,
  inPolygon
} from '../../../src/main/core/engine/avatar/face-openings'
import {
  eyeRing,
  INNER_LIP_RING,
  LEFT_EYE,
  RIGHT_EYE
} from '../../../src/main/core/engine/expression/face-regions'
import { blankLandmarks, placeEye, placeMouth } from './avatar-synthetic-face'

describe('inPolygon and distanceToPolygon', () => {
  // An L shape: the 4 x 4 square without its top-right 2 x 2 quarter.
  const L = [
    [0, 0],
    [2, 0],
    [2, 2],
    [4, 2],
    [4, 4],
    [0, 4]
  ] as const

  it('tells inside from outside, also in a concave corner', () => {
    expect(inPolygon(1, 1, L)).toBe(true)
    expect(inPolygon(3, 3, L)).toBe(true)
    expect(inPolygon(3, 1, L)).toBe(false)
    expect(inPolygon(5, 3, L)).toBe(false)
  })

  it('is 0 inside and the distance to the nearest edge outside', () => {
    expect(distanceToPolygon(1, 3, L)).toBe(0)
    expect(distanceToPolygon(3, 1, L)).toBeCloseTo(1, 12)
    expect(distanceToPolygon(7, 3, L)).toBeCloseTo(3, 12)
    expect(distanceToPolygon(7, 8, L)).toBeCloseTo(5, 12)
  })
})

describe('faceOpenings', () => {
  const lm = blankLandmarks()
  placeMouth(lm, [20, 30], 6, 2, 5)
  placeEye(lm, RIGHT_EYE, [12, 12], [4, 2], 3)
  placeEye(lm, LEFT_EYE, [28, 12], [4, 2], 3)
  const openings = faceOpenings(lm, 2)

  it('takes the mouth from the inner lips and the eyes from the lid margins, right eye first', () => {
    expect(openings.mouth.ring).toEqual(INNER_LIP_RING)
    expect(openings.eyes.map((e) => e.ring)).toEqual([eyeRing(RIGHT_EYE), eyeRing(LEFT_EYE)])
    for (const opening of [openings.mouth, ...openings.eyes]) {
      expect(opening.polygon).toHaveLength(opening.ring.length)
      opening.ring.forEach((i, k) => expect(opening.polygon[k]).toEqual([lm[3 * i], lm[3 * i + 1]]))
      expect([...opening.ringSet].sort()).toEqual([...opening.ring].sort())
    }
    expect(inPolygon(20, 30, openings.mouth.polygon)).toBe(true)
    expect(inPolygon(12, 12, openings.eyes[0]!.polygon)).toBe(true)
    expect(inPolygon(28, 12, openings.eyes[0]!.polygon)).toBe(false)
  })

  it("spans the opening with its rim's depth, leaning toward the nearest rim landmarks", () => {
    expect(openings.mouth.surfaceDepth(20, 30)).toBeCloseTo(5, 5)
    // Tilt the right eye's rim: depth = x.
    const tilted = blankLandmarks()
    placeEye(tilted, RIGHT_EYE, [12, 12], [4, 2], 0)
    for (const i of eyeRing(RIGHT_EYE)) tilted[3 * i + 2] = tilted[3 * i]!
    const eye = faceOpenings(tilted, 2).eyes[0]!
    const depths = [9, 11, 13, 15].map((x) => eye.surfaceDepth(x, 12))
    for (let k = 1; k < depths.length; k++) expect(depths[k]!).toBeGreaterThan(depths[k - 1]!)
    for (const d of depths) {
      expect(d).toBeGreaterThan(8)
      expect(d).toBeLessThan(16)
    }
  })
})
