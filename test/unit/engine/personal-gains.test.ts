import { describe, expect, it } from 'vitest'
import type { FaceAnalysis } from '../../../src/shared/face/face-analysis'
import {
  BLINK_OVERLAP_CM,
  BLINK_OVERSHOOT,
  personalGains,
  type Engine
} from '../../../src/main/core/engine/engine'

/** The subject's right eye's lid pairs (upper, lower), as blinkR's gain measures them. */
const PAIRS = [
  [160, 144],
  [159, 145],
  [158, 153]
] as const
const SCALE = 20 // image px per cm

/**
 * A face whose right eye is open by 1 cm at each pair, posed with `pitch` degrees (looking up when > 0), and a
 * one-direction engine whose blinkR drops the upper lid 0.6 cm and brings it 0.15 cm forward.
 */
function setup(pitch: number): { engine: Engine; face: FaceAnalysis; field: Float64Array } {
  const canonical = new Float32Array(468 * 3)
  const field = new Float64Array(468 * 3)
  for (const [u] of PAIRS) {
    canonical[3 * u + 1] = 1
    field[3 * u + 1] = -0.6
    field[3 * u + 2] = 0.15
  }
  // p_cam = s R p with R = Rx(−pitch) (camera y up); image y = −camera y.
  const a = (-pitch * Math.PI) / 180
  const R = [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)]
  const matrix = [0, 1, 2].flatMap((r) => [
    SCALE * R[3 * r]!,
    SCALE * R[3 * r + 1]!,
    SCALE * R[3 * r + 2]!,
    0
  ])
  const landmarks = new Float32Array(468 * 3)
  for (let i = 0; i < 468; i++) {
    const p = [0, 1, 2].map((k) => canonical[3 * i + k]!)
    const cam = [0, 1, 2].map(
      (r) => matrix[4 * r]! * p[0]! + matrix[4 * r + 1]! * p[1]! + matrix[4 * r + 2]! * p[2]!
    )
    landmarks.set([cam[0]!, -cam[1]!, -cam[2]!], 3 * i)
  }
  const face = {
    canonicalLandmarks: canonical,
    landmarks,
    pose: { yaw: 0, pitch, roll: 0, scale: SCALE, translation: [0, 0, 0], matrix, rmsError: 0 }
  } as unknown as FaceAnalysis
  const engine = {
    directionNames: ['blinkR', 'smile'],
    basis: { fields: [field, new Float64Array(468 * 3)] }
  }
  return { engine: engine as unknown as Engine, face, field }
}

/**
 * The upper margin's travel in the image at gain g (px, down positive): with no roll or yaw, the face's down axis
 * is the image's y.
 */
function imageTravel(face: FaceAnalysis, field: Float64Array, g: number): number {
  const M = face.pose.matrix
  const u = PAIRS[1][0]
  return -g * (M[4]! * field[3 * u]! + M[5]! * field[3 * u + 1]! + M[6]! * field[3 * u + 2]!)
}

describe('personalGains', () => {
  it('closes the lid gap, a share and an overlap past it; other directions keep 1', () => {
    const { engine, face } = setup(0)
    const [blink, smile] = personalGains(engine, face)
    expect(blink).toBeCloseTo((BLINK_OVERSHOOT * 1 + BLINK_OVERLAP_CM) / 0.6, 5)
    expect(smile).toBe(1)
  })

  it('closes the gap in the image too when the face is tilted back and the lid’s forward motion projects up', () => {
    const level = personalGains(setup(0).engine, setup(0).face)[0]!
    const { engine, face, field } = setup(20)
    const g = personalGains(engine, face)[0]!
    expect(g).toBeGreaterThan(level)
    // The margin travels the image gap (1 cm, foreshortened) by the same share and overlap.
    const gap = SCALE * Math.cos((20 * Math.PI) / 180)
    expect(imageTravel(face, field, g)).toBeCloseTo(BLINK_OVERSHOOT * gap + BLINK_OVERLAP_CM * SCALE, 3)
    // Tilted forward, the canonical gain is the larger and is kept.
    expect(personalGains(setup(-20).engine, setup(-20).face)[0]).toBeCloseTo(level, 5)
  })
})
