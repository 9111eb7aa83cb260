import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'

describe('createAvatarGrid', () => {
  it('sizes cells to about 80 across a 15 cm face, 2 to 8 px', () => {
    expect(createAvatarGrid(100, 50, 1).cell).toBe(2)
    expect(createAvatarGrid(100, 50, 30).cell).toBe(6)
    expect(createAvatarGrid(100, 50, 100).cell).toBe(8)
  })

  it('covers the portrait with whole cells, row-major, centres in source px', () => {
    const grid = createAvatarGrid(100, 50, 30)
    expect([grid.gw, grid.gh, grid.cells]).toEqual([17, 9, 17 * 9])
    expect([grid.cx(0), grid.cy(0)]).toEqual([3, 3])
    expect([grid.cx(1), grid.cy(1)]).toEqual([9, 3])
    expect([grid.cx(17), grid.cy(17)]).toEqual([3, 9])
    const last = grid.cells - 1
    expect([grid.cx(last), grid.cy(last)]).toEqual([99, 51])
    expect([grid.width, grid.height, grid.scale]).toEqual([100, 50, 30])
  })
})
