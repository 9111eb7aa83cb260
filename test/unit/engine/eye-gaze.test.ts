import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { addGazeLidFollow, eyeGazeFields } from '../../../src/main/core/engine/avatar/eye-gaze'
import { eyeLayerCells } from '../../../src/main/core/engine/avatar/eye-layer'
import { eyeRegions } from '../../../src/main/core/engine/avatar/eye-region'
import { faceOpenings } from '../../../src/main/core/engine/avatar/face-openings'
import { LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'
import { blankLandmarks, placeEye } from './avatar-synthetic-face'

// 200 x 100 px at 10 px per cm: 2 px cells. Eyes 30 px wide, 12 px tall, centred at (60, 50) and (140, 50); the
// left eye is mirrored (negative x radius), so each eye's outer corner is on the outside of the face.
const grid = createAvatarGrid(200, 100, 10)
const lm = blankLandmarks()
placeEye(lm, RIGHT_EYE, [60, 50], [15, 6], 5)
placeEye(lm, LEFT_EYE, [140, 50], [-15, 6], 5)
const eyes = eyeLayerCells(grid, faceOpenings(lm, grid.cell).eyes, eyeRegions(lm, grid.scale))

/** Irises of radius `r` px centred in each eye (subject's right first), rim points left, right, up, down. */
function irises(r: number, shift = 0): Float32Array {
  const out = new Float32Array(30)
  ;[60 + shift, 140 + shift].forEach((cx, side) => {
    const pts = [
      [cx, 50],
      [cx - r, 50],
      [cx + r, 50],
      [cx, 50 - r],
      [cx, 50 + r]
    ]
    pts.forEach(([x, y], k) => out.set([x!, y!, 5], (5 * side + k) * 3))
  })
  return out
}

// Directions: gaze along, gaze up, a skin direction (no eyeball travel).
const TRAVEL = [
  [0.5, 0],
  [0, 0.2],
  [0, 0]
] as const
const K = TRAVEL.length
const at = (fields: Float32Array, e: number, k: number): [number, number, number] => [
  fields[(e * K + k) * 3]!,
  fields[(e * K + k) * 3 + 1]!,
  fields[(e * K + k) * 3 + 2]!
]
const nearest = (x: number, y: number): number => {
  let best = 0
  eyes.forEach(({ cell }, e) => {
    const b = eyes[best]!.cell
    if (Math.hypot(grid.cx(cell) - x, grid.cy(cell) - y) < Math.hypot(grid.cx(b) - x, grid.cy(b) - y))
      best = e
  })
  return best
}

describe('eyeGazeFields', () => {
  const fields = eyeGazeFields(grid, eyes, lm, irises(3), TRAVEL)

  it('turns both irises toward the subject’s left (image right) by the travel, and up', () => {
    for (const cx of [60, 140]) {
      const [dx, dy] = at(fields, nearest(cx, 50), 0)
      expect(dx).toBeCloseTo(5, 1) // 0.5 cm x 10 px/cm
      expect(Math.abs(dy)).toBeLessThan(0.05)
      const [ux, uy] = at(fields, nearest(cx, 50), 1)
      expect(Math.abs(ux)).toBeLessThan(0.05)
      // 0.2 cm = 2 px; the limit, the iris radius (3 px, 10 % of the width), is 3 px.
      expect(uy).toBeCloseTo(-2, 1)
    }
  })

  it('pins the corners and leaves skin directions and depth alone', () => {
    for (const cx of [60 - 14, 60 + 14, 140 - 14, 140 + 14]) {
      expect(Math.abs(at(fields, nearest(cx, 50), 0)[0])).toBeLessThan(0.6)
    }
    eyes.forEach((_, e) => {
      expect(at(fields, e, 2)).toEqual([0, 0, 0])
      expect(at(fields, e, 0)[2]).toBe(0)
      expect(at(fields, e, 0)[0]).toBeGreaterThanOrEqual(0)
    })
  })

  it('keeps the iris inside the opening: its rim stops at most 5 % of the width past the corner it moves toward', () => {
    // An iris sitting toward the inner corner of a narrow eye leaves little room.
    const tight = eyeGazeFields(grid, eyes, lm, irises(6, 6), TRAVEL)
    const moved = Math.max(...eyes.map((_, e) => at(tight, e, 0)[0]))
    // The right eye's iris rim is at 60 + 6 + 6 = 72 px, its inner corner at 75 px: the rim may go 5 % of the
    // 30 px width past it, so at most 75 + 1.5 - 72 = 4.5 px (the left eye's rim is as close to its outer corner).
    expect(moved).toBeLessThanOrEqual(4.5 + 1e-6)
    expect(moved).toBeGreaterThan(3.8)
    // A hard turn (10 cm asked) stops where a centred iris's rim is 5 % past the corner: its centre stays
    // inside the opening, a radius less 5 % of the width from the corner.
    const hard = eyeGazeFields(grid, eyes, lm, irises(6), [[10, 0]])
    const far = Math.max(...eyes.map((_, e) => hard[3 * e]!))
    expect(far).toBeCloseTo(15 - 6 + 1.5, 1)
    expect(60 + far).toBeLessThan(75)
    // Up and down, the iris centre travels at most 1.3 radii (3.9 px here): the lids, which follow it, cover its
    // top or bottom.
    const steep = eyeGazeFields(grid, eyes, lm, irises(3), [[0, 10]])
    expect(Math.min(...eyes.map((_, e) => steep[3 * e + 1]!))).toBeCloseTo(-3.9, 5)
    // Without irises it assumes a centred iris of 21 % of the width.
    const guessed = eyeGazeFields(grid, eyes, lm, undefined, TRAVEL)
    expect(at(guessed, nearest(60, 50), 0)[0]).toBeCloseTo(5, 1)
  })
})

describe('eyeGazeFields on a turned head', () => {
  // The left eye foreshortened: 20 px wide against the right one's 30 (mean 25 px), irises centred, 20 % of the width.
  const turned = blankLandmarks()
  placeEye(turned, RIGHT_EYE, [60, 50], [15, 6], 5)
  placeEye(turned, LEFT_EYE, [140, 50], [-10, 4], 5)
  const turnedEyes = eyeLayerCells(grid, faceOpenings(turned, grid.cell).eyes, eyeRegions(turned, grid.scale))
  const turnedIrises = new Float32Array(30)
  ;[
    [60, 6],
    [140, 4]
  ].forEach(([cx, r], side) =>
    [
      [cx!, 50],
      [cx! - r!, 50],
      [cx! + r!, 50],
      [cx!, 50 - r!],
      [cx!, 50 + r!]
    ].forEach(([x, y], k) => turnedIrises.set([x!, y!, 5], (5 * side + k) * 3))
  )
  const irisTravel = (fields: Float32Array, cx: number): number => {
    let best = 0
    turnedEyes.forEach(({ cell }, e) => {
      const b = turnedEyes[best]!.cell
      if (Math.hypot(grid.cx(cell) - cx, grid.cy(cell) - 50) < Math.hypot(grid.cx(b) - cx, grid.cy(b) - 50))
        best = e
    })
    return fields[3 * best]!
  }

  it('turns each iris by the same share of its own eye’s width (the far eye’s travel foreshortened with it)', () => {
    // 0.5 cm at 10 px per cm over the mean width of 25 px: 20 % of each width, 6 px and 4 px.
    const fields = eyeGazeFields(grid, turnedEyes, turned, turnedIrises, [[0.5, 0]])
    expect(irisTravel(fields, 60)).toBeCloseTo(6, 1)
    expect(irisTravel(fields, 140)).toBeCloseTo(4, 1)
    // A hard turn stops both at the same share: the rim 5 % of the width past the corner, 30 + 5 = 35 % of it.
    const hard = eyeGazeFields(grid, turnedEyes, turned, turnedIrises, [[10, 0]])
    expect(irisTravel(hard, 60)).toBeCloseTo(0.35 * 30, 1)
    expect(irisTravel(hard, 140)).toBeCloseTo(0.35 * 20, 1)
  })
})

describe('addGazeLidFollow', () => {
  const regions = eyeRegions(lm, grid.scale)
  const basis = new Float32Array(3 * K * grid.cells)
  addGazeLidFollow(basis, grid, regions, lm, irises(4), TRAVEL)
  const cellAt = (x: number, y: number): number =>
    Math.floor(y / grid.cell) * grid.gw + Math.floor(x / grid.cell)
  const dy = (k: number, x: number, y: number): number => basis[(3 * k + 1) * grid.cells + cellAt(x, y)]!
  // The right eye's upper margin in its middle: the eye is 12 px tall about y = 50.
  const margin = 44

  it('moves the upper lid with the vertical gaze (up: -y in the image), its rim whole, less above it', () => {
    const atMargin = dy(1, 60, margin - 1)
    // Iris travel 0.2 cm at 10 px per cm = 2 px (under the 4 px limit, the iris radius), 0.6 of it.
    expect(atMargin).toBeLessThan(-0.8)
    expect(atMargin).toBeGreaterThan(-1.25)
    // The rim (0.25 cm = 2.5 px above the margin) moves whole; the skin fades out over 0.5 cm above it.
    expect(dy(1, 60, margin - 2)).toBeCloseTo(atMargin, 1)
    expect(Math.abs(dy(1, 60, margin - 5))).toBeLessThan(0.9 * Math.abs(atMargin))
    expect(dy(1, 60, margin - 9)).toBeCloseTo(0, 6)
  })

  it('moves the lower lid less, the same way, its rim whole, fading out below; leaves the corners and other directions', () => {
    const upper = dy(1, 60, margin - 1)
    // Across the opening the upper lid's share (0.6) blends into the lower lid's (0.25 of the 2 px travel).
    expect(Math.abs(dy(1, 60, 49))).toBeLessThan(Math.abs(upper))
    const lowerMargin = 56
    expect(dy(1, 60, lowerMargin + 1)).toBeCloseTo(-0.5, 1)
    expect(dy(1, 60, lowerMargin + 2)).toBeCloseTo(dy(1, 60, lowerMargin + 1), 1)
    expect(Math.abs(dy(1, 60, lowerMargin + 5))).toBeLessThan(0.5)
    expect(dy(1, 60, lowerMargin + 9)).toBeCloseTo(0, 6)
    expect(Math.abs(dy(1, 46, margin))).toBeLessThan(0.15 * Math.abs(dy(1, 60, margin - 1)))
    for (const k of [0, 2])
      expect(basis.subarray(3 * k * grid.cells, 3 * (k + 1) * grid.cells).some((v) => v !== 0)).toBe(false)
  })
})
