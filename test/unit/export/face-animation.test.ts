// The animated face's motion: the head quaternion against the renderer's orbit matrix (same angles, same order,
// seen in the face frame), matrix ↔ quaternion, and the sampler over a document (weights as the generator's code,
// quaternions on one hemisphere).
import { describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../../../src/shared/engine/expression-directions'
import {
  allocateFaceAnimation,
  headQuaternion,
  multiplyQuaternions,
  quaternionOfMatrix,
  sampleFaceAnimation
} from '../../../src/shared/export/face-animation'
import { createDocument, keyId, seconds, type Track } from '../../../src/shared/timeline'

type Mat3 = number[][]
const mul = (a: Mat3, b: Mat3): Mat3 =>
  a.map((row) => [0, 1, 2].map((j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)))

/** The renderer's R = Rroll · Rpitch · Ryaw in the source camera's axes (build/pack/renderer/head-orbit.ts). */
function rendererRotation(yawDeg: number, pitchDeg: number, rollDeg: number): Mat3 {
  const [a, b, c] = [yawDeg, pitchDeg, rollDeg].map((d) => (d * Math.PI) / 180) as [number, number, number]
  const rYaw = [
    [Math.cos(a), 0, Math.sin(a)],
    [0, 1, 0],
    [-Math.sin(a), 0, Math.cos(a)]
  ]
  const rPitch = [
    [1, 0, 0],
    [0, Math.cos(b), -Math.sin(b)],
    [0, Math.sin(b), Math.cos(b)]
  ]
  const rRoll = [
    [Math.cos(c), -Math.sin(c), 0],
    [Math.sin(c), Math.cos(c), 0],
    [0, 0, 1]
  ]
  return mul(rRoll, mul(rPitch, rYaw))
}

/** Rotates v by the unit quaternion q. */
function rotate(q: readonly number[], v: readonly number[]): number[] {
  const r = multiplyQuaternions(multiplyQuaternions(q, [...v, 0]), [-q[0]!, -q[1]!, -q[2]!, q[3]!])
  return r.slice(0, 3)
}

describe('headQuaternion', () => {
  it.each([
    [30, 0, 0],
    [0, 20, 0],
    [0, 0, -25],
    [25, -15, 10],
    [-35, 25, 30]
  ])('yaw %d, pitch %d, roll %d turns points as the renderer does, seen with y and z flipped', (y, p, r) => {
    const R = rendererRotation(y, p, r)
    const q = headQuaternion({ yaw: y, pitch: p, roll: r })
    for (const v of [
      [1, 0, 0],
      [0, 1, 0],
      [0.3, -0.5, 0.8]
    ]) {
      // Face frame (x, y up, z toward the camera) = camera axes (x, y down, z away) with y and z flipped.
      const cam = [v[0]!, -v[1]!, -v[2]!]
      const turned = R.map((row) => row.reduce((s, x, k) => s + x * cam[k]!, 0))
      const expected = [turned[0]!, -turned[1]!, -turned[2]!]
      rotate(q, v).forEach((x, k) => expect(x).toBeCloseTo(expected[k]!, 10))
    }
  })

  it('a positive camera yaw turns the nose toward the subject’s right (−x)', () => {
    const nose = rotate(headQuaternion({ yaw: 30, pitch: 0, roll: 0 }), [0, 0, 1])
    expect(nose[0]).toBeLessThan(-0.4)
  })
})

describe('quaternionOfMatrix', () => {
  it.each([
    [10, 20, 30],
    [170, 0, 0],
    [0, 179, 0],
    [0, 0, -179],
    [90, 90, 0]
  ])('gives back the rotation of a matrix (%d, %d, %d), w ≥ 0, from a scaled 3 × 4 too', (y, p, r) => {
    const R = rendererRotation(y, p, r)
    const q = quaternionOfMatrix(R.flat())
    expect(Math.hypot(...q)).toBeCloseTo(1, 12)
    expect(q[3]).toBeGreaterThanOrEqual(0)
    for (const v of [
      [1, 0, 0],
      [0, 0, 1]
    ]) {
      const expected = R.map((row) => row.reduce((s, x, k) => s + x * v[k]!, 0))
      rotate(q, v).forEach((x, k) => expect(x).toBeCloseTo(expected[k]!, 10))
    }
    const scaled = R.flatMap((row, i) => [...row.map((x) => x * 7), i])
    quaternionOfMatrix(scaled, 4, 7).forEach((x, k) => expect(x).toBeCloseTo(q[k]!, 12))
  })
})

describe('sampleFaceAnimation', () => {
  const linear = (time: number, value: number, id: string) => ({
    id: keyId(id),
    time: seconds(time),
    value,
    interpolation: 'linear' as const
  })
  const base = createDocument({
    expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
    settings: { fps: 10, durationSec: seconds(2) }
  })
  const keys: Record<string, Track['keys']> = {
    jawOpen: [linear(0, -0.5, 'j0'), linear(1, 1.5, 'j1')],
    smile: [linear(0, -1, 's0'), linear(2, 1, 's1')],
    yaw: [linear(0, 0, 'y0'), linear(2, 340, 'y1')]
  }
  const document = { ...base, tracks: base.tracks.map((t) => ({ ...t, keys: keys[t.name] ?? [] })) }
  const k = BUILTIN_EXPRESSION_DIRECTIONS.length

  it('samples in slices exactly as at once: weights clamped like the code, quaternions continuous', () => {
    const timeline = { startSec: 0, fps: 10, frameCount: 20 }
    const whole = allocateFaceAnimation(k, 20)
    sampleFaceAnimation(document, BUILTIN_EXPRESSION_DIRECTIONS, timeline, { from: 0, to: 20 }, whole)
    const sliced = allocateFaceAnimation(k, 20)
    for (const [from, to] of [
      [0, 7],
      [7, 8],
      [8, 20]
    ] as const) {
      sampleFaceAnimation(document, BUILTIN_EXPRESSION_DIRECTIONS, timeline, { from, to }, sliced)
    }
    expect(sliced).toEqual(whole)
    const jaw = BUILTIN_EXPRESSION_DIRECTIONS.findIndex((d) => d.name === 'jawOpen')
    const smile = BUILTIN_EXPRESSION_DIRECTIONS.findIndex((d) => d.name === 'smile')
    // jawOpen is one-sided: its −0.5 start is 0; past 1 it is 1. smile runs −1 → 1.
    expect(whole.weights[0 * k + jaw]).toBe(0)
    expect(whole.weights[15 * k + jaw]).toBe(1)
    expect(whole.weights[0 * k + smile]).toBe(-1)
    expect(whole.weights[10 * k + smile]).toBeCloseTo(0, 6)
    // The smile carries the cheek raise (squint 0.4 at +1, quadratic) on its positive side only, as the renderer.
    const squint = BUILTIN_EXPRESSION_DIRECTIONS.findIndex((d) => d.name === 'squint')
    expect(whole.weights[5 * k + squint]).toBe(0)
    expect(whole.weights[15 * k + squint]).toBeCloseTo(0.4 * 0.5 ** 2, 6)
    for (let i = 1; i < 20; i++) {
      const a = whole.rotations.subarray(4 * (i - 1), 4 * i)
      const b = whole.rotations.subarray(4 * i, 4 * i + 4)
      expect(a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]! + a[3]! * b[3]!).toBeGreaterThan(0)
    }
  })
})
