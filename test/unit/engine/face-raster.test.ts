import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { faceOpenings, inPolygon } from '../../../src/main/core/engine/avatar/face-openings'
import { rasterizeFace } from '../../../src/main/core/engine/avatar/face-raster'
import { eyeRing, INNER_LIP_RING, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'
import { blankLandmarks, placeEye, placeMouth, setLandmark } from './avatar-synthetic-face'

/** Triangles fanning out from a ring's first landmark: they cover the ring's polygon. */
const fan = (ring: readonly number[]): number[] =>
  ring.slice(1, -1).flatMap((b, k) => [ring[0]!, b, ring[k + 2]!])

describe('rasterizeFace', () => {
  // 16 x 16 px, 2 px cells: 8 x 8 cells, centres at 1, 3, .., 15 px.
  const grid = createAvatarGrid(16, 16, 2.5)
  const lm = blankLandmarks()
  // A square of skin (two triangles, 2..14 px) at depth 20, a nearer triangle over its top-left corner at 5.
  setLandmark(lm, 1, 2, 2, 20)
  setLandmark(lm, 2, 14, 2, 20)
  setLandmark(lm, 3, 14, 14, 20)
  setLandmark(lm, 4, 2, 14, 20)
  setLandmark(lm, 100, 2, 2, 5)
  setLandmark(lm, 101, 7, 2, 5)
  setLandmark(lm, 102, 2, 7, 5)
  // The mouth and an eye in front of the skin (depth 1), each covered by its own fan of triangles.
  placeMouth(lm, [8, 11], 4, 2, 1)
  placeEye(lm, RIGHT_EYE, [11, 5], [3, 1.5], 1)
  const skin = [1, 2, 3, 1, 3, 4, 100, 101, 102]
  const openingTriangles = [...fan(INNER_LIP_RING), ...fan(eyeRing(RIGHT_EYE))]
  const triangles = [...skin, ...openingTriangles]
  const openings = faceOpenings(lm, grid.cell)
  const raster = rasterizeFace(grid, lm, triangles, openings)
  const at = (x: number, y: number): number => ((y - 1) / 2) * grid.gw + (x - 1) / 2

  it('marks the cells whose centres lie inside the skin triangles, the frontmost winning', () => {
    for (let i = 0; i < grid.cells; i++) {
      const x = grid.cx(i)
      const y = grid.cy(i)
      const inside = x > 2 && x < 14 && y > 2 && y < 14
      expect(raster.faceTri[i]! >= 0).toBe(inside)
      if (!inside) expect(raster.faceZ[i]).toBe(Infinity)
    }
    expect(raster.faceZ[at(3, 3)]).toBe(5)
    expect(raster.faceTri[at(3, 3)]).toBe(6)
    expect(raster.faceZ[at(13, 13)]).toBe(20)
    expect([0, 3]).toContain(raster.faceTri[at(13, 13)])
  })

  it('leaves the mouth- and eye-opening triangles out, even in front of the skin', () => {
    for (let i = 0; i < grid.cells; i++) {
      const tr = raster.faceTri[i]!
      if (tr >= 0) expect(tr).toBeLessThan(skin.length)
    }
    expect(raster.faceZ[at(7, 11)]).toBe(20)
    expect(raster.faceZ[at(11, 5)]).toBe(20)
  })

  it('stores barycentric weights that rebuild the cell centre from the triangle corners', () => {
    for (let i = 0; i < grid.cells; i++) {
      const tr = raster.faceTri[i]!
      if (tr < 0) continue
      const w = [0, 1, 2].map((k) => raster.faceBary[3 * i + k]!)
      for (const wk of w) expect(wk).toBeGreaterThanOrEqual(-1e-6)
      expect(w[0]! + w[1]! + w[2]!).toBeCloseTo(1, 6)
      const corner = (k: number, axis: number): number => lm[3 * triangles[tr + k]! + axis]!
      expect(w.reduce((sum, wk, k) => sum + wk * corner(k, 0), 0)).toBeCloseTo(grid.cx(i), 4)
      expect(w.reduce((sum, wk, k) => sum + wk * corner(k, 1), 0)).toBeCloseTo(grid.cy(i), 4)
    }
  })

  it('flags the cells inside the mouth and eye openings', () => {
    let count = 0
    for (let i = 0; i < grid.cells; i++) {
      const x = grid.cx(i)
      const y = grid.cy(i)
      const expected =
        inPolygon(x, y, openings.mouth.polygon) || inPolygon(x, y, openings.eyes[0]!.polygon) ? 1 : 0
      expect(raster.inOpening[i]).toBe(expected)
      count += expected
    }
    expect(raster.inOpening[at(7, 11)]).toBe(1)
    expect(raster.inOpening[at(11, 5)]).toBe(1)
    expect(raster.inOpening[at(3, 3)]).toBe(0)
    expect(count).toBeGreaterThan(4)
  })
})
