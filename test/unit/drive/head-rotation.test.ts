import { describe, expect, it } from 'vitest'
import {
  cameraAngles,
  cameraRotation,
  multiply3,
  relativeRotation,
  rotationAngle,
  softLimit
} from '../../../src/main/core/drive/head-rotation'

describe('camera angles', () => {
  it('round-trips yaw, pitch and roll through the rotation', () => {
    for (const [y, p, r] of [
      [0, 0, 0],
      [20, 0, 0],
      [-30, 10, 5],
      [12, -20, -25],
      [34, 24, 29]
    ] as const) {
      const back = cameraAngles(cameraRotation(y, p, r))
      expect(back[0]).toBeCloseTo(y, 6)
      expect(back[1]).toBeCloseTo(p, 6)
      expect(back[2]).toBeCloseTo(r, 6)
    }
  })

  it('gives the relative rotation R_i · R_refᵀ, so a driver turned like its reference is at zero', () => {
    const reference = cameraRotation(10, -5, 3)
    expect(rotationAngle(relativeRotation(reference, reference))).toBeCloseTo(0, 5)
    const turned = multiply3(cameraRotation(15, 0, 0), reference)
    const rel = cameraAngles(relativeRotation(turned, reference))
    expect(rel[0]).toBeCloseTo(15, 5)
    expect(rel[1]).toBeCloseTo(0, 5)
    expect(rel[2]).toBeCloseTo(0, 5)
  })
})

describe('softLimit', () => {
  it('is the identity below the knee and odd', () => {
    for (const x of [0, 5, -12, 24.4]) expect(softLimit(x, 35)).toBeCloseTo(x, 10)
    expect(softLimit(-50, 35)).toBeCloseTo(-softLimit(50, 35), 10)
  })

  it('rises monotonically toward the limit without reaching it, with no kink at the knee', () => {
    let previous = -Infinity
    for (let x = 0; x <= 200; x += 0.5) {
      const y = softLimit(x, 35)
      expect(y).toBeGreaterThanOrEqual(previous)
      expect(y).toBeLessThan(35)
      previous = y
    }
    const knee = 0.7 * 35
    const slope = (softLimit(knee + 1e-4, 35) - softLimit(knee, 35)) / 1e-4
    expect(slope).toBeCloseTo(1, 3)
  })
})
