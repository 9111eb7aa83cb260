import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import {
  addBlinkMotion,
  addCornerFollow,
  ownSideBlinkFields
} from '../../../src/main/core/engine/avatar/eye-blink'
import { eyeLayerCells } from '../../../src/main/core/engine/avatar/eye-layer'
import { eyeRegions } from '../../../src/main/core/engine/avatar/eye-region'
import { faceOpenings } from '../../../src/main/core/engine/avatar/face-openings'
import { LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'
import { blankLandmarks, placeEye } from './avatar-synthetic-face'

// 200 x 100 px at 10 px per cm: 2 px cells. Eyes 30 px wide, 12 px tall, centred at (60, 50) and (140, 50).
const grid = createAvatarGrid(200, 100, 10)
const lm = blankLandmarks()
placeEye(lm, RIGHT_EYE, [60, 50], [15, 6], 5)
placeEye(lm, LEFT_EYE, [140, 50], [-15, 6], 5)
const regions = eyeRegions(lm, grid.scale)
const eyes = eyeLayerCells(grid, faceOpenings(lm, grid.cell).eyes, regions)
// Directions: blinkR (the subject's right upper margin drops 10 px at +1), a gaze, blinkL (the left's drops).
const names = ['blinkR', 'gazeHorizontal', 'blinkL']
const K = names.length
const vertexBasis = new Float32Array(468 * K * 3)
for (const v of RIGHT_EYE.upper) vertexBasis[(v * K + 0) * 3 + 1] = 10
for (const v of LEFT_EYE.upper) vertexBasis[(v * K + 2) * 3 + 1] = 10

describe('addBlinkMotion', () => {
  const fields = new Float32Array(eyes.length * 3 * K)
  fields[3] = 7 // an existing gaze field is kept
  addBlinkMotion(fields, grid, eyes, regions, lm, vertexBasis, names)
  const at = (e: number, k: number): number[] => [0, 1, 2].map((a) => fields[(e * K + k) * 3 + a]!)

  it('moves the eyeball above the upper margin down with it, in its own eye’s blink only', () => {
    let above = 0
    eyes.forEach(({ cell, eye }, e) => {
      const own = eye === 0 ? 0 : 2
      const other = eye === 0 ? 2 : 0
      const x = grid.cx(cell)
      const margin = 50 - 6 * Math.sqrt(Math.max(0, 1 - ((x - (eye === 0 ? 60 : 140)) / 15) ** 2))
      if (grid.cy(cell) < margin - 1) {
        above++
        expect(at(e, own)[1]).toBeCloseTo(10, 4)
      } else if (grid.cy(cell) > margin + 1) expect(at(e, own)[1]).toBe(0)
      expect(at(e, other).slice(0, 2)).toEqual([0, 0])
    })
    expect(above).toBeGreaterThan(20)
    expect(fields[3]).toBe(7)
  })

  it('sinks the closing eye’s eyeball (0.8 cm at +1) past the gap fill’s leak depth', () => {
    eyes.forEach(({ eye }, e) => {
      expect(at(e, eye === 0 ? 0 : 2)[2]).toBeCloseTo(8, 4)
      expect(at(e, eye === 0 ? 2 : 0)[2]).toBe(0)
      expect(at(e, 1)[2]).toBe(0)
    })
  })
})

describe('addCornerFollow (then addBlinkMotion, as the avatar build calls them)', () => {
  // Directions: a squint-like lift of the whole eye region (both corners 4 px up: -y), a lid tilt (the outer
  // corners up, the inner ones down), a brow-like drag (the outer corner 4 px up, the inner 1 px), and blinkR.
  const dirs = ['squint', 'eyesWide', 'browOuterUp', 'blinkR']
  const D = dirs.length
  const basis = new Float32Array(468 * D * 3)
  for (const eye of [RIGHT_EYE, LEFT_EYE]) {
    const outer = eye.upper[0]!
    const inner = eye.upper[eye.upper.length - 1]!
    for (const v of [outer, inner]) basis[(v * D + 0) * 3 + 1] = -4
    basis[(outer * D + 1) * 3 + 1] = -3
    basis[(inner * D + 1) * 3 + 1] = 2
    basis[(outer * D + 2) * 3 + 1] = -4
    basis[(inner * D + 2) * 3 + 1] = -1
  }
  for (const v of RIGHT_EYE.upper) basis[(v * D + 3) * 3 + 1] = 10
  const fields = new Float32Array(eyes.length * 3 * D)
  addCornerFollow(fields, eyes, basis, dirs)
  addBlinkMotion(fields, grid, eyes, regions, lm, basis, dirs)
  const at = (e: number, k: number): number[] => [0, 1, 2].map((a) => fields[(e * D + k) * 3 + a]!)

  it('moves every eyeball point with a whole eye’s lift, in the image plane only', () => {
    eyes.forEach((_, e) => expect(at(e, 0)).toEqual([0, -4, 0]))
  })

  it('leaves the eyeball where the corners move apart or unalike, and leaves the blink to the margin', () => {
    eyes.forEach(({ cell, eye }, e) => {
      expect(at(e, 1)).toEqual([0, 0, 0])
      expect(at(e, 2)).toEqual([0, 0, 0])
      // Below the closing eye's margin (its centre row and lower) the blink moves nothing in the image plane.
      if (eye === 0 && grid.cy(cell) > 50) expect(at(e, 3).slice(0, 2)).toEqual([0, 0])
    })
  })
})

describe('ownSideBlinkFields', () => {
  // Canonical x (cm, toward the subject's left): the right eye's margin at x = −3, the left's at +3, the other
  // vertices spread from −6 to +6 across the face.
  const canonical = new Float32Array(468 * 3)
  for (let v = 0; v < 468; v++) canonical[3 * v] = -6 + (12 * v) / 467
  for (const v of RIGHT_EYE.upper) canonical[3 * v] = -3
  for (const v of LEFT_EYE.upper) canonical[3 * v] = 3
  const names = ['blinkR', 'eyesWide', 'blinkL']
  const fields = names.map(() => new Float32Array(468 * 3).fill(0.2))
  const out = ownSideBlinkFields(names, fields, canonical)

  it("keeps each blink to its own eye's side: none past the midline, whole on its own side", () => {
    for (let v = 0; v < 468; v++) {
      const x = canonical[3 * v]!
      for (let c = 0; c < 3; c++) {
        if (x <= -0.5) {
          expect(out[0]![3 * v + c]).toBeCloseTo(0.2, 6)
          expect(out[2]![3 * v + c]).toBe(0)
        } else if (x >= 0.5) {
          expect(out[0]![3 * v + c]).toBe(0)
          expect(out[2]![3 * v + c]).toBeCloseTo(0.2, 6)
        }
      }
    }
  })

  it('leaves the other directions and the basis itself alone', () => {
    expect(out[1]).toBe(fields[1])
    expect(Array.from(fields[0]!).every((x) => x === Math.fround(0.2))).toBe(true)
  })
})
