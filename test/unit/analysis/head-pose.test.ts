import { degrees } from '@shared/timeline/units'
import { describe, expect, it } from 'vitest'
import {
  estimateHeadPose,
  landmarksToCanonical,
  rotationFromYawPitchRoll,
  yawPitchRollFromRotation
} from '../../../src/main/core/analysis/head-pose'
import { multiply3 } from '../../../src/main/core/analysis/procrustes'
import { expressionResidual } from '../../../src/main/core/analysis/expression-residual'
import { estimateNeutral } from '../../../src/main/core/analysis/estimate-neutral'

// A small synthetic "face": nose at +z (toward the viewer), eyes at +-x, y up.
const canonical = Float64Array.from([
  0, 0, 3, -3, 2, 0, 3, 2, 0, 0, -3, 0.5, -2, -2, 0, 2, -2, 0, 0, 4, -0.5, -4, 0, -2, 4, 0, -2
])
const weights = Array.from({ length: 9 }, (_, index) => ({ index, weight: 1 }))

/** Poses the canonical points and writes them in the image frame (y down, z away from the camera). */
function posedImageLandmarks(
  yaw: number,
  pitch: number,
  roll: number,
  scale: number,
  t: number[]
): Float32Array {
  const r = rotationFromYawPitchRoll(degrees(yaw), degrees(pitch), degrees(roll))
  const out = new Float32Array(canonical.length)
  for (let i = 0; i < canonical.length; i += 3) {
    const p = multiply3(r, [canonical[i], canonical[i + 1], canonical[i + 2]])
    out[i] = scale * p[0] + t[0]
    out[i + 1] = -(scale * p[1] + t[1])
    out[i + 2] = -(scale * p[2] + t[2])
  }
  return out
}

describe('head pose', () => {
  it('round-trips yaw, pitch, roll through the rotation matrix', () => {
    for (const [yaw, pitch, roll] of [
      [0, 0, 0],
      [30, 10, -5],
      [-60, -40, 170],
      [89, 0, 0]
    ]) {
      const back = yawPitchRollFromRotation(
        rotationFromYawPitchRoll(degrees(yaw), degrees(pitch), degrees(roll))
      )
      expect(back.yaw).toBeCloseTo(yaw, 6)
      expect(back.pitch).toBeCloseTo(pitch, 6)
      expect(back.roll).toBeCloseTo(roll, 6)
    }
  })

  it('recovers the pose of a rotated canonical mesh', () => {
    const landmarks = posedImageLandmarks(25, -15, 8, 20, [300, -250, 10])
    const pose = estimateHeadPose(landmarks, canonical, weights)
    expect(pose.yaw).toBeCloseTo(25, 3)
    expect(pose.pitch).toBeCloseTo(-15, 3)
    expect(pose.roll).toBeCloseTo(8, 3)
    expect(pose.scale).toBeCloseTo(20, 3)
    expect(pose.translation[0]).toBeCloseTo(300, 2)
    expect(pose.translation[1]).toBeCloseTo(-250, 2)
    expect(pose.matrix).toHaveLength(12)
  })

  it('follows the documented sign convention in image terms', () => {
    // Subject turns to their left: the nose tip (index 0) moves to the image right of the face centre.
    const turned = posedImageLandmarks(30, 0, 0, 10, [0, 0, 0])
    expect(turned[0]).toBeGreaterThan(0)
    // Subject looks up: the nose moves up in the image (smaller image y).
    const up = posedImageLandmarks(0, 20, 0, 10, [0, 0, 0])
    expect(up[1]).toBeLessThan(0)
    // Positive roll is counter-clockwise on screen: the subject's left eye (index 2, image right) rises.
    const rolled = posedImageLandmarks(0, 0, 20, 10, [0, 0, 0])
    expect(rolled[2 * 3 + 1]).toBeLessThan(rolled[1 * 3 + 1])
  })

  it('maps posed landmarks back to canonical space with zero residual', () => {
    const landmarks = posedImageLandmarks(-40, 20, 30, 15, [100, 50, -20])
    const pose = estimateHeadPose(landmarks, canonical, weights)
    const back = landmarksToCanonical(landmarks, pose)
    const residual = expressionResidual(back, canonical)
    for (const v of residual) expect(Math.abs(v)).toBeLessThan(1e-3)
  })
})

describe('estimateNeutral', () => {
  it('takes the per-value median so a minority of expressive frames does not move it', () => {
    const frames = [
      [0, 1, 2],
      [0, 1, 2],
      [5, 1, 2],
      [0, 9, 2.5]
    ]
    expect(Array.from(estimateNeutral(frames))).toEqual([0, 1, 2])
    expect(Array.from(estimateNeutral([[1], [4], [2]]))).toEqual([2])
  })

  it('rejects an empty list', () => {
    expect(() => estimateNeutral([])).toThrow(/at least one/)
  })
})
