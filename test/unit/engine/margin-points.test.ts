import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { marginPoints } from '../../../src/main/core/engine/avatar/margin-points'
import { flatHead } from './avatar-synthetic-face'

// 16 x 16 px at 2.5 px per cm: 2 px cells (8 x 8); the margin reaches at most 6 cm = 15 px.
const grid = createAvatarGrid(16, 16, 2.5)
const { gw, gh } = grid
const head = flatHead({ pivot: [8, 4, 20], scale: 2.5, radius: 100, depth: 10 })
const skinZ = new Float32Array(grid.cells).fill(10)

/** A chest cut by the bottom edge: alpha 1 from px row 10 down, moving cells from grid row 5 down. */
function chest(): { alpha: Float32Array; moving: Uint8Array } {
  const alpha = new Float32Array(16 * 16)
  alpha.fill(1, 10 * 16)
  const moving = new Uint8Array(grid.cells)
  moving.fill(1, 5 * gw)
  return { alpha, moving }
}

describe('marginPoints', () => {
  it('continues a layer cut by the frame past the edges it reaches, each cell copying a frame cell', () => {
    const { alpha, moving } = chest()
    const margin = marginPoints(grid, alpha, moving, skinZ, head)
    // 6 cm (15 px) rounded up to whole texels of the coarsest texture level (4 px)
    expect(margin.texturePad).toBe(16)
    expect(margin.ramp).toBeCloseTo(0.75, 12)
    expect(margin.capRadius).toBeCloseTo(22.5, 12)
    expect(margin.cells.length).toBeGreaterThan(0)
    for (const c of margin.cells) {
      expect(c.gx < 0 || c.gx >= gw || c.gy < 0 || c.gy >= gh).toBe(true)
      expect(c.gy).toBeGreaterThanOrEqual(5)
      expect(moving[c.from]).toBe(1)
      const fx = c.from % gw
      const fy = Math.floor(c.from / gw)
      expect(fx === 0 || fx === gw - 1 || fy === gh - 1).toBe(true)
    }
    // the row just below the frame, under every column
    const below = margin.cells.filter((c) => c.gy === gh).map((c) => c.gx)
    for (let gx = 0; gx < gw; gx++) expect(below).toContain(gx)
  })

  it('adds nothing where the edge cannot move (rigidity 0), nor where the padded alpha is empty', () => {
    const { alpha, moving } = chest()
    const torso = { ...head, rigidityAt: () => 0 }
    const still = marginPoints(grid, alpha, moving, skinZ, torso)
    expect(still.texturePad).toBe(16)
    expect(still.cells).toEqual([])
    const empty = marginPoints(grid, new Float32Array(16 * 16), moving, skinZ, head)
    expect(empty.cells).toEqual([])
  })

  it('pads nothing and adds no points where the layer stays inside the frame', () => {
    const moving = new Uint8Array(grid.cells)
    moving[3 * gw + 3] = 1
    const alpha = new Float32Array(16 * 16)
    alpha[7 * 16 + 7] = 1
    const margin = marginPoints(grid, alpha, moving, skinZ, head)
    expect(margin.texturePad).toBe(0)
    expect(margin.cells).toEqual([])
  })
})
