import { describe, expect, it } from 'vitest'
import { createHeadProxy } from '../../../src/main/core/engine/avatar/head-proxy'

// A frontal pose, 4 px per cm: image x = 4 qx + 50, image y = 60 - 4 qy, depth = -4 qz (canonical z points
// toward the camera, depth away from it).
const S = 4
const POSE = [S, 0, 0, 50, 0, S, 0, -60, 0, 0, S, 0]

describe('createHeadProxy', () => {
  const head = createHeadProxy(POSE, S)

  it('puts the pivot at the head centre (0, 1.5, -2.5) cm, in source px', () => {
    expect(head.pivot).toEqual([50, 54, 10])
  })

  it('maps canonical directions to source px with y and depth flipped', () => {
    expect(head.dirToImage([1, 2, 3])).toEqual([4, -8, -12])
  })

  it('gives the front of the head ellipsoid inside its silhouette and null outside it', () => {
    // Through the centre the front lies one depth half-axis (9.5 cm) before the pivot.
    expect(head.ellipsoidDepth(50, 54)).toBeCloseTo(10 - 9.5 * S, 9)
    // Half-breadth 8 cm = 32 px.
    expect(head.ellipsoidDepth(50 + 33, 54)).toBeNull()
    const nearRim = head.ellipsoidDepth(50 + 31, 54)!
    expect(nearRim).toBeGreaterThan(10 - 9.5 * S)
    expect(nearRim).toBeLessThan(10)
  })

  it('is rigid on the head and fades to 0 down the neck (18 to 10.5 cm below the origin)', () => {
    expect(head.rigidityAt(50, 54, 10)).toBe(1)
    expect(head.rigidityAt(50, 60 + 10 * S, 10)).toBe(1)
    expect(head.rigidityAt(50, 60 + 20 * S, 10)).toBe(0)
    const t = 4 / 7.5
    expect(head.rigidityAt(50, 60 + 14 * S, 10)).toBeCloseTo(t * t * (3 - 2 * t), 9)
  })
})
