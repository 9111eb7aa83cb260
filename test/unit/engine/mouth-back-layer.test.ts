import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { faceOpenings, inPolygon } from '../../../src/main/core/engine/avatar/face-openings'
import { mouthBackLayer, UPPER_REACH } from '../../../src/main/core/engine/avatar/mouth-back-layer'
import { INNER_LIP_LOWER, INNER_LIP_UPPER } from '../../../src/main/core/engine/expression/face-regions'
import { blankLandmarks, placeMouth } from './avatar-synthetic-face'

// 24 x 24 px at 2.5 px per cm: 2 px cells (12 x 12). Inner lips: 10 x 3 px around (12, 10) at depth 8; outer
// corners at x = 6 and 18 (a 12 px mouth); the head centre at depth 30.
const grid = createAvatarGrid(24, 24, 2.5)
const lm = blankLandmarks()
placeMouth(lm, [12, 10], 5, 1.5, 8)
const opening = faceOpenings(lm, grid.cell).mouth
const names = ['smile', 'jawOpen', 'blinkL', 'jawSideways']
const mouth = mouthBackLayer(grid, lm, 30, names)
const lip = (i: number): [number, number] => [lm[3 * i]!, lm[3 * i + 1]!]

describe('mouthBackLayer', () => {
  it('sits behind the lips, toward the head centre', () => {
    expect(mouth.mouthWidth).toBeCloseTo(12, 5)
    // lips at 8, 0.6 of the way to the head centre at 30
    expect(mouth.depth).toBeCloseTo(8 + 0.6 * 22, 5)
    expect(mouth.cornersX).toEqual([6, 18])
  })

  it('spans the opening, the way the lower lip travels and the teeth a raised upper lip uncovers, narrowing below the lips', () => {
    const [x0, y0, x1, y1] = mouth.box
    expect(x0).toBeCloseTo(6 - 0.6, 5)
    expect(x1).toBeCloseTo(18 + 0.6, 5)
    // Up behind the upper lip as far as a raised lip uncovers: UPPER_REACH of the mouth's width (more than a cell).
    expect(y0).toBeCloseTo(8.5 - UPPER_REACH * 12, 5)
    expect(y1).toBeCloseTo(11.5 + 2.3 * 2.5, 5)
    const cells = new Set(mouth.cells)
    for (const i of mouth.cells) {
      expect(grid.cx(i)).toBeGreaterThanOrEqual(x0)
      expect(grid.cx(i)).toBeLessThanOrEqual(x1)
      expect(grid.cy(i)).toBeGreaterThanOrEqual(y0)
      expect(grid.cy(i)).toBeLessThanOrEqual(y1)
    }
    for (let i = 0; i < grid.cells; i++) {
      if (inPolygon(grid.cx(i), grid.cy(i), opening.polygon)) expect(cells.has(i)).toBe(true)
    }
    const rowWidth = (y: number): number => mouth.cells.filter((i) => grid.cy(i) === y).length
    expect(rowWidth(9)).toBe(6)
    expect(rowWidth(17)).toBeLessThan(rowWidth(9))
    expect(rowWidth(17)).toBeGreaterThan(0)
    expect(rowWidth(5)).toBe(0)
    expect(rowWidth(19)).toBe(0)
  })

  it("follows the inner lips' lines between the corners and holds them flat past the corners", () => {
    for (const i of INNER_LIP_UPPER) expect(mouth.upperInnerY(lip(i)[0])).toBeCloseTo(lip(i)[1], 4)
    for (const i of INNER_LIP_LOWER) expect(mouth.lowerInnerY(lip(i)[0])).toBeCloseTo(lip(i)[1], 4)
    expect(mouth.upperInnerY(0)).toBeCloseTo(10, 4)
    expect(mouth.lowerInnerY(24)).toBeCloseTo(10, 4)
    expect(mouth.upperInnerY(12)).toBeCloseTo(8.5, 4)
    expect(mouth.lowerInnerY(12)).toBeCloseTo(11.5, 4)
    expect(mouth.seamY(12)).toBeCloseTo(10, 4)
    expect(mouth.sourceOpening).toBeCloseTo(3, 4)
    const xs = mouth.upperLip.map((p) => p[0])
    expect(xs).toEqual([...xs].sort((a, b) => a - b))
    expect(mouth.upperLip).toHaveLength(INNER_LIP_UPPER.length)
  })

  it('names the nearest inner landmark of each lip and the jaw directions', () => {
    expect(mouth.nearestLowerLip(12)).toBe(14)
    expect(mouth.nearestLowerLip(-5)).toBe(INNER_LIP_LOWER[0])
    expect(mouth.nearestLowerLip(30)).toBe(INNER_LIP_LOWER[INNER_LIP_LOWER.length - 1])
    expect(mouth.nearestUpperLip(12)).toBe(13)
    expect(mouth.nearestUpperLip(-5)).toBe(INNER_LIP_UPPER[0])
    expect(mouth.nearestUpperLip(30)).toBe(INNER_LIP_UPPER[INNER_LIP_UPPER.length - 1])
    expect(mouth.jawDirections).toEqual([1, 3])
  })

  it('shows its paint everywhere: the source opening has its own points in front (mouth-points)', () => {
    for (const y of [2, 8.5 - 0.7, 10, 11.4]) expect(mouth.mix(12, y)).toBe(1)
  })

  it('tells a source mouth that shows its teeth (open 0.2 cm or more) from a closed one', () => {
    expect(mouth.showsTeeth).toBe(true) // 3 px at 2.5 px per cm
    const closedLm = blankLandmarks()
    placeMouth(closedLm, [12, 10], 5, 0.2, 8)
    expect(mouthBackLayer(grid, closedLm, 30, names).showsTeeth).toBe(false)
  })

  it('takes a mouth parted on a dark slit for a closed one, by the photo (teethInOpening)', () => {
    // skin 200, 150, 120 everywhere, the opening (rows 9..10 between the inner lips at 8.5 and 11.5) dark
    const skin = new Uint8Array(3 * 24 * 24)
    for (let p = 0; p < 24 * 24; p++) skin.set([200, 150, 120], 3 * p)
    const slit = Uint8Array.from(skin)
    for (const y of [9, 10]) for (let x = 0; x < 24; x++) slit.set([30, 20, 20], 3 * (y * 24 + x))
    const teeth = Uint8Array.from(skin)
    for (const y of [9, 10]) for (let x = 0; x < 24; x++) teeth.set([235, 230, 220], 3 * (y * 24 + x))
    const image = (data: Uint8Array) => ({ data, width: 24, height: 24 })
    expect(mouthBackLayer(grid, lm, 30, names, image(slit)).showsTeeth).toBe(false)
    expect(mouthBackLayer(grid, lm, 30, names, image(teeth)).showsTeeth).toBe(true)
  })

  it("parts a mouth that shows its teeth along the photo's bite line, the darkest line between the lips", () => {
    // Inner lips 10 x 6 px around (12, 10) (y 7..13 at x = 12); white teeth with a dark line at row 11 (11.5).
    const wide = blankLandmarks()
    placeMouth(wide, [12, 10], 5, 3, 8)
    const data = new Uint8Array(3 * 24 * 24).fill(230)
    for (let x = 0; x < 24; x++) data.fill(20, 3 * (11 * 24 + x), 3 * (11 * 24 + x) + 3)
    const withBite = mouthBackLayer(grid, wide, 30, names, { data, width: 24, height: 24 })
    // one fraction of the opening all along the mouth, searched in 2.5 % steps: within the dark row
    expect(withBite.seamY(12)).toBeGreaterThan(11)
    expect(withBite.seamY(12)).toBeLessThan(12)
    // no image: half-way between the inner lips
    expect(mouthBackLayer(grid, wide, 30, names).seamY(12)).toBeCloseTo(10, 5)
  })
})
