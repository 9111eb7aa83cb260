import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { eyeLayerCells } from '../../../src/main/core/engine/avatar/eye-layer'
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
  const cells = eyeLayerCells(grid, eyes)

  it('fills exactly the cells whose centres lie inside an eye opening, right eye first', () => {
    const inRight = (i: number): boolean => inPolygon(grid.cx(i), grid.cy(i), eyes[0]!.polygon)
    const inLeft = (i: number): boolean => inPolygon(grid.cx(i), grid.cy(i), eyes[1]!.polygon)
    const expected = [
      ...Array.from({ length: grid.cells }, (_, i) => i).filter(inRight),
      ...Array.from({ length: grid.cells }, (_, i) => i).filter(inLeft)
    ]
    expect(expected.length).toBeGreaterThan(6)
    expect(cells.map((c) => c.cell)).toEqual(expected)
    for (const { cell } of cells) {
      const dx = (grid.cx(cell) - (grid.cx(cell) < 12 ? 7 : 17)) / 4.5
      const dy = (grid.cy(cell) - 9) / 2.5
      expect(dx * dx + dy * dy).toBeLessThan(1)
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
    const row = eyeLayerCells(grid, faceOpenings(tilted, grid.cell).eyes.slice(0, 1)).filter(
      (c) => grid.cy(c.cell) === 11
    )
    expect(row.length).toBeGreaterThan(4)
    for (let k = 1; k < row.length; k++) expect(row[k]!.depth).toBeGreaterThan(row[k - 1]!.depth)
  })
})
