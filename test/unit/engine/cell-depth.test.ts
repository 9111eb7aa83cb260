import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { cellDepth } from '../../../src/main/core/engine/avatar/cell-depth'
import { type FaceRaster } from '../../../src/main/core/engine/avatar/face-raster'
import { flatHead } from './avatar-synthetic-face'

// 24 x 24 px at 2.5 px per cm: 2 px cells (12 x 12); depth fades over 3.75 cells, fields over 1.5.
const grid = createAvatarGrid(24, 24, 2.5)
const { gw } = grid
const head = flatHead({ pivot: [12, 12, 40], scale: 2.5, radius: 100, depth: 30 })
const onFace = (i: number): boolean => {
  const gx = i % gw
  const gy = Math.floor(i / gw)
  return gx >= 3 && gx <= 8 && gy >= 3 && gy <= 8
}

/** A 6 x 6 block of face cells at depth 10 on the triangle (0, 1, 2), weighted 0.5 / 0.25 / 0.25. */
function blockRaster(): FaceRaster {
  const raster = {
    faceZ: new Float32Array(grid.cells).fill(Infinity),
    faceTri: new Int32Array(grid.cells).fill(-1),
    faceBary: new Float32Array(3 * grid.cells),
    inOpening: new Uint8Array(grid.cells)
  }
  for (let i = 0; i < grid.cells; i++) {
    if (!onFace(i)) continue
    raster.faceZ[i] = 10
    raster.faceTri[i] = 0
    raster.faceBary.set([0.5, 0.25, 0.25], 3 * i)
  }
  return raster
}

/** Two directions: `a` moves vertex 0 by 1 cm along x and vertex 1 by 1 cm up, `b` moves vertex 2 back. */
function basis(): { names: string[]; fields: Float32Array[]; triangles: number[] } {
  const a = new Float32Array(468 * 3)
  const b = new Float32Array(468 * 3)
  a[0] = 1
  a[3 + 1] = 1
  b[6 + 2] = 1
  return { names: ['a', 'b'], fields: [a, b], triangles: [0, 1, 2] }
}

describe('cellDepth', () => {
  const depth = cellDepth(grid, head, blockRaster(), basis(), [2, 1])

  it('turns the expression fields into source px at slider +1, times the per-direction gain', () => {
    const field = (v: number, k: number): number[] =>
      [0, 1, 2].map((a) => depth.vertexBasis[(v * 2 + k) * 3 + a]!)
    const close = (got: number[], want: number[]): void =>
      got.forEach((g, a) => expect(g).toBeCloseTo(want[a]!, 6))
    close(field(0, 0), [5, 0, 0])
    close(field(1, 0), [0, -5, 0])
    close(field(2, 1), [0, 0, -2.5])
    close(field(2, 0), [0, 0, 0])
  })

  it('interpolates the fields on the face and carries them unchanged outward', () => {
    // On every cell: 0.5 * vertex 0 + 0.25 * vertex 1 for `a`, 0.25 * vertex 2 for `b` (planar [3K][cells]).
    const want = [2.5, -1.25, 0, 0, 0, -0.625]
    for (let i = 0; i < grid.cells; i++) {
      want.forEach((w, j) => expect(depth.cellBasis[j * grid.cells + i]).toBeCloseTo(w, 5))
    }
    expect(depth.basisFade).toBeCloseTo(1.5, 12)
  })

  it('measures the distance to the face in cells', () => {
    for (let i = 0; i < grid.cells; i++) if (onFace(i)) expect(depth.faceDistance[i]).toBe(0)
    expect(depth.faceDistance[5 * gw + 0]).toBeCloseTo(3, 6)
    expect(depth.faceDistance[5 * gw + 11]).toBeCloseTo(3, 6)
  })

  it('keeps the face depth inside the face and eases off it toward the head proxy', () => {
    // The outline's seam ramp (sigma 1 cell here) reaches only a hair into the middle of the face.
    expect(depth.skinZ[5 * gw + 5]).toBeCloseTo(10, 2)
    expect(depth.skinZ[6 * gw + 6]).toBeCloseTo(10, 2)
    for (const z of depth.skinZ) {
      expect(z).toBeGreaterThanOrEqual(10 - 1e-4)
      expect(z).toBeLessThanOrEqual(30 + 1e-4)
    }
    // Along row 5, out from the face's right edge: deeper at every step, no jump at the outline.
    const row = [7, 8, 9, 10, 11].map((gx) => depth.skinZ[5 * gw + gx]!)
    for (let k = 1; k < row.length; k++) {
      expect(row[k]!).toBeGreaterThan(row[k - 1]!)
      expect(row[k]! - row[k - 1]!).toBeLessThan(10)
    }
    expect(depth.skinZ[5 * gw + 8]!).toBeGreaterThan(10)
  })

  it('takes gain 1 where none is given', () => {
    const plain = cellDepth(grid, head, blockRaster(), basis(), undefined)
    expect(plain.vertexBasis[0]).toBeCloseTo(2.5, 6)
  })
})
