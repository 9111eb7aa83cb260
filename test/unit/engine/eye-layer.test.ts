import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { eyeLayerCells } from '../../../src/main/core/engine/avatar/eye-layer'
import { eyeRegions } from '../../../src/main/core/engine/avatar/eye-region'
import { faceOpenings, inPolygon } from '../../../src/main/core/engine/avatar/face-openings'
import { eyeRing, LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'
import { blankLandmarks, placeEye } from './avatar-synthetic-face'

// 24 x 24 px at 2.5 px per cm: 2 px cells (12 x 12); 0.25 cm = 0.625 px.
const grid = createAvatarGrid(24, 24, 2.5)

describe('eyeLayerCells', () => {
  const lm = blankLandmarks()
  placeEye(lm, RIGHT_EYE, [7, 9], [4.5, 2.5], 6)
  placeEye(lm, LEFT_EYE, [17, 9], [4.5, 2.5], 4)
  const eyes = faceOpenings(lm, grid.cell).eyes
  const regions = eyeRegions(lm, grid.scale)
  const cells = eyeLayerCells(grid, eyes, regions)

  it('fills the cells of each eyeball region: the opening and the eyeball under the lids, right eye first', () => {
    const all = Array.from({ length: grid.cells }, (_, i) => i)
    const inRegion = (side: number) => (i: number) => regions[side]!.contains(grid.cx(i), grid.cy(i))
    const expected = [...all.filter(inRegion(0)), ...all.filter(inRegion(1))]
    expect(cells.map((c) => c.cell)).toEqual(expected)
    // Every cell of the openings, and more above them (the lid lift) than below.
    const inOpening = all.filter((i) => eyes.some((e) => inPolygon(grid.cx(i), grid.cy(i), e.polygon)))
    expect(inOpening.length).toBeGreaterThan(6)
    for (const i of inOpening) expect(expected).toContain(i)
    const above = expected.filter((i) => grid.cy(i) < 9 && !inOpening.includes(i)).length
    const below = expected.filter((i) => grid.cy(i) > 9 && !inOpening.includes(i)).length
    expect(above).toBeGreaterThan(below)
    for (const { cell } of cells) {
      const dx = (grid.cx(cell) - (grid.cx(cell) < 12 ? 7 : 17)) / 4.5
      const dy = (grid.cy(cell) - 9) / (grid.cy(cell) < 9 ? 2.5 + 1.5 : 2.5 + 0.75)
      expect(dx * dx + dy * dy).toBeLessThan(1.2)
    }
  })

  it('keeps the eyeball under the lids behind the skin there', () => {
    const skinZ = new Float32Array(grid.cells).fill(8)
    const deep = eyeLayerCells(grid, eyes, regions, skinZ)
    for (const { cell, depth } of deep) {
      const open = eyes.some((e) => inPolygon(grid.cx(cell), grid.cy(cell), e.polygon))
      const rim = (grid.cx(cell) < 12 ? 6 : 4) + 0.625
      // 0.3 cm x 2.5 px/cm behind the skin at depth 8 px; inside the opening the rim's depth decides.
      expect(depth).toBeCloseTo(open ? rim : Math.max(rim, 8 + 0.75), 4)
    }
  })

  it('sits 0.25 cm behind the surface spanned by the lid margins', () => {
    for (const { cell, depth } of cells) {
      expect(depth).toBeCloseTo((grid.cx(cell) < 12 ? 6 : 4) + 0.625, 4)
    }
  })

  it('follows a tilted rim instead of one flat depth', () => {
    const tilted = blankLandmarks()
    placeEye(tilted, RIGHT_EYE, [12, 12], [8, 3], 0)
    for (const i of eyeRing(RIGHT_EYE)) tilted[3 * i + 2] = tilted[3 * i]! // depth = x
    const row = eyeLayerCells(
      grid,
      faceOpenings(tilted, grid.cell).eyes.slice(0, 1),
      eyeRegions(tilted, 2.5)
    ).filter((c) => grid.cy(c.cell) === 11)
    expect(row.length).toBeGreaterThan(4)
    for (let k = 1; k < row.length; k++) expect(row[k]!.depth).toBeGreaterThan(row[k - 1]!.depth)
  })
})
