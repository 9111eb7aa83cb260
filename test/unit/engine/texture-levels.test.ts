import { describe, expect, it } from 'vitest'
import {
  buildTextureLevels,
  COARSER_TEXTURE_LEVELS,
  halvePlanar,
  textureLevelFor
} from '../../../src/main/core/engine/avatar/texture-levels'

/** A planar image of `channels` x h x w whose value is the texel centre's x (channel 0) and y (channel 1). */
function ramps(w: number, h: number): Float32Array {
  const data = new Float32Array(2 * w * h)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      data[y * w + x] = x + 0.5
      data[w * h + y * w + x] = y + 0.5
    }
  }
  return data
}

describe('texture levels', () => {
  it('halves an even axis into pair means, each texel at the centre of its pair', () => {
    const { data, width, height } = halvePlanar(ramps(8, 4), 2, 8, 4)
    expect([width, height]).toEqual([4, 2])
    // level texel k covers input px 2k .. 2k + 2: its centre, 2k + 1, in input px
    expect(Array.from(data.subarray(0, 4))).toEqual([1, 3, 5, 7])
    expect(Array.from(data.subarray(8, 16))).toEqual([1, 1, 1, 1, 3, 3, 3, 3])
  })

  it('halves an odd axis centred on the input: (n + 1) / 2 texels over its even texels, the ends repeated', () => {
    const { data, width, height } = halvePlanar(ramps(7, 2), 2, 7, 2)
    expect([width, height]).toEqual([4, 1])
    // level texel k is centred on input texel 2k (x = 2k + 0.5); the outer ones read the edge texel twice
    expect(Array.from(data.subarray(0, 4))).toEqual([0.75, 2.5, 4.5, 6.25])
    // the level's extent, 8 input px, sits half a px past each end: its centre is the input's, 3.5
    expect((data[0]! + data[3]!) / 2).toBeCloseTo(3.5, 6)
  })

  it('builds the full resolution (the same arrays) and each coarser level from the one before', () => {
    const texture = new Float32Array(4 * 12 * 10).fill(0.25)
    const plate = new Float32Array(3 * 14 * 12).fill(0.75)
    const levels = buildTextureLevels(
      { data: texture, width: 10, height: 12 },
      { data: plate, width: 12, height: 14, channels: 3 }
    )
    expect(levels).toHaveLength(COARSER_TEXTURE_LEVELS + 1)
    expect(levels[0]!.texture).toBe(texture)
    expect(levels[0]!.plate).toBe(plate)
    expect(
      levels.map((l) => [l.scale, l.textureWidth, l.textureHeight, l.plateWidth, l.plateHeight])
    ).toEqual([
      [1, 10, 12, 12, 14],
      [2, 5, 6, 6, 7],
      [4, 3, 3, 3, 4]
    ])
    expect(levels[2]!.texture.length).toBe(4 * 3 * 3)
    expect(levels[2]!.plate.length).toBe(3 * 4 * 3)
    expect(Math.max(...levels[2]!.plate) - Math.min(...levels[2]!.plate)).toBeLessThan(1e-6)
  })

  it('reads the coarsest level whose texel is at most an output pixel', () => {
    const levels = buildTextureLevels(
      { data: new Float32Array(4 * 8 * 8), width: 8, height: 8 },
      { data: new Float32Array(3 * 8 * 8), width: 8, height: 8, channels: 3 }
    )
    const scaleFor = (sourcePxPerOutputPx: number): number =>
      textureLevelFor(levels, sourcePxPerOutputPx).scale
    expect([0.5, 1, 1.9, 512 / 256, 3.99, 4, 9].map(scaleFor)).toEqual([1, 1, 1, 2, 2, 4, 4])
    // sigma computed as 511.99998 / 256 is still the level of 2 px texels
    expect(scaleFor(2 * (1 - 1e-7))).toBe(2)
  })
})
