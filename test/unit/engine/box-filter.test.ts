import { describe, expect, it } from 'vitest'
import { boxFilterRegion } from '../../../src/main/core/engine/avatar/box-filter'

describe('boxFilterRegion', () => {
  it('averages a channel over a (2r + 1)² box inside the region only, clamped at its edges', () => {
    // 5 x 3 px, two channels: channel 0 a single bright px at (2, 1), channel 1 left alone.
    const W = 5
    const H = 3
    const data = new Float32Array(2 * W * H).fill(0.5)
    data.fill(0, 0, W * H)
    data[1 * W + 2] = 9
    boxFilterRegion(data, W, H, [0], [1, 0, 3, 2], 1)
    // inside the region (x 1..3): 9 spread over the 3 x 3 px around it, each pass clamped to the region
    expect(data[1 * W + 2]).toBeCloseTo(1, 6)
    expect(data[0 * W + 1]).toBeCloseTo(9 / 2 / 2, 6) // a corner: 2 px in the row, 2 in the column
    // outside the region and the other channel: untouched
    expect(data[1 * W + 0]).toBe(0)
    expect(data[1 * W + 4]).toBe(0)
    expect(data.subarray(W * H).every((v) => v === 0.5)).toBe(true)
  })
})
