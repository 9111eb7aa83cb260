import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import {
  LID_IN_FRONT_CM,
  LID_RIM_CM,
  closingLidInFront,
  spreadLidStretch
} from '../../../src/main/core/engine/avatar/lid-stretch'
import { RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'
import { twoEyeLandmarks } from './avatar-synthetic-face'

// twoEyeLandmarks' scene: 200 x 100 px at 10 px per cm (2 px cells), upper margins' middle at y = 44, brows' lower
// edge at y = 24.
const grid = createAvatarGrid(200, 100, 10)
const lm = twoEyeLandmarks()
// Directions: blinkR (the right upper margin drops 16 px at +1), a brow raise. The fitted blink moves the lid
// from the crease (y = 36) down whole and the skin above it not at all: a 16 px jump between two cell rows.
const names = ['blinkR', 'browInnerUp']
const K = names.length
const vertexBasis = new Float32Array(468 * K * 3)
for (const v of RIGHT_EYE.upper) vertexBasis[(v * K + 0) * 3 + 1] = 16
const fitted = (): Float32Array => {
  const basis = new Float32Array(3 * K * grid.cells)
  for (let i = 0; i < grid.cells; i++) {
    const [x, y] = [grid.cx(i), grid.cy(i)]
    if (y > 36 && y < 50 && Math.abs(x - 60) < 15) basis[grid.cells + i] = 16 // blinkR dy
    basis[4 * grid.cells + i] = y < 30 ? -5 : 0 // browInnerUp dy
  }
  return basis
}
const column = (basis: Float32Array, x: number, k: number): [number, number][] => {
  const out: [number, number][] = []
  for (let i = 0; i < grid.cells; i++) {
    if (Math.abs(grid.cx(i) - x) < grid.cell / 2) out.push([grid.cy(i), basis[(3 * k + 1) * grid.cells + i]!])
  }
  return out
}

describe('spreadLidStretch', () => {
  const before = fitted()
  const after = fitted()
  spreadLidStretch(after, grid, lm, vertexBasis, names)

  it("spreads the closing lid's travel evenly over the skin above the crease: no jump between two rows", () => {
    const col = column(after, 61, 0).filter(([y]) => y > 20 && y < 44)
    const steps = col.slice(1).map(([, dy], j) => dy - col[j]![1])
    // 16 px from below the brow (24 + 2.5) to the crease (the first row moving whole, y = 37): about 3 px per
    // 2 px row, where the fitted field jumped 16.
    expect(Math.max(...column(before, 61, 0).map(([, dy], j, c) => dy - (c[j - 1]?.[1] ?? dy)))).toBe(16)
    expect(Math.max(...steps)).toBeLessThan(3.5)
    expect(Math.min(...steps)).toBeGreaterThanOrEqual(0)
    // The lid from the crease down keeps the margin's full travel (it moves whole, the rim and lashes with it).
    for (const [y, dy] of col) if (y > 36) expect(dy).toBeCloseTo(16, 4)
  })

  it('leaves the brow, the eye whose margin does not drop and the other directions alone', () => {
    for (let i = 0; i < grid.cells; i++) {
      const [x, y] = [grid.cx(i), grid.cy(i)]
      if (y <= 24 + LID_RIM_CM * grid.scale || x > 100)
        expect(after[grid.cells + i]).toBe(before[grid.cells + i])
    }
    for (let j = 0; j < 3 * K; j++) {
      if (j === 1) continue
      expect(after.subarray(j * grid.cells, (j + 1) * grid.cells)).toEqual(
        before.subarray(j * grid.cells, (j + 1) * grid.cells)
      )
    }
  })
})

describe('closingLidInFront', () => {
  // The lower lid and the cheek below y = 50 lie 5 px nearer the camera than the upper lid (a face tilted back).
  const skinZ = new Float32Array(grid.cells)
  for (let i = 0; i < grid.cells; i++) skinZ[i] = grid.cy(i) > 50 ? -5 : 0
  const before = fitted()
  const after = fitted()
  closingLidInFront(after, grid, skinZ, lm, vertexBasis, names)
  const dz = (basis: Float32Array, i: number): number => basis[2 * grid.cells + i]!

  it('brings the closing lid in front of the skin it lands on, the whole lid alike', () => {
    // The lid above the margin (y < 44) lands 16 px lower, on the lower lid at -5: it comes 5 px + 0.1 cm nearer.
    const need = 5 + LID_IN_FRONT_CM * grid.scale
    let moved = 0
    for (let i = 0; i < grid.cells; i++) {
      const [x, y] = [grid.cx(i), grid.cy(i)]
      if (Math.abs(x - 60) < 10 && y > 36 && y < 44) {
        expect(dz(after, i)).toBeCloseTo(-need, 4)
        moved++
      }
    }
    expect(moved).toBeGreaterThan(10)
  })

  it('leaves the cells below the eye, the still cells, the other eye and the other directions alone', () => {
    for (let i = 0; i < grid.cells; i++) {
      const [x, y] = [grid.cx(i), grid.cy(i)]
      if (y > 50 || x > 100 || before[grid.cells + i]! <= 0) expect(dz(after, i)).toBe(dz(before, i))
    }
    for (let j = 0; j < 3 * K; j++) {
      if (j === 2) continue
      expect(after.subarray(j * grid.cells, (j + 1) * grid.cells)).toEqual(
        before.subarray(j * grid.cells, (j + 1) * grid.cells)
      )
    }
  })

  it('still comes LID_IN_FRONT_CM forward where the skin it lands on is no nearer', () => {
    const flat = fitted()
    closingLidInFront(flat, grid, new Float32Array(grid.cells), lm, vertexBasis, names)
    const i = Math.floor(40 / grid.cell) * grid.gw + Math.floor(60 / grid.cell)
    expect(dz(flat, i)).toBeCloseTo(-LID_IN_FRONT_CM * grid.scale, 4)
  })
})
