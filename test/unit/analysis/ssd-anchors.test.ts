import { describe, expect, it } from 'vitest'
import {
  BLAZE_FACE_SHORT_RANGE_ANCHORS,
  generateSsdAnchors
} from '../../../src/main/core/analysis/ssd-anchors'

describe('generateSsdAnchors (BlazeFace short range)', () => {
  const anchors = generateSsdAnchors(BLAZE_FACE_SHORT_RANGE_ANCHORS)

  it('makes 896 anchors: 16x16 cells x 2 then 8x8 cells x 6', () => {
    expect(anchors).toHaveLength(896)
  })

  it('places the stride-8 anchors at cell centres, two per cell', () => {
    expect(anchors[0]).toEqual({ xCenter: 0.5 / 16, yCenter: 0.5 / 16, width: 1, height: 1 })
    expect(anchors[1]).toEqual(anchors[0])
    expect(anchors[2].xCenter).toBeCloseTo(1.5 / 16)
    expect(anchors[511]).toMatchObject({ xCenter: 15.5 / 16, yCenter: 15.5 / 16 })
  })

  it('places the stride-16 anchors at cell centres, six per cell', () => {
    for (let i = 512; i < 518; i++) expect(anchors[i]).toMatchObject({ xCenter: 0.5 / 8, yCenter: 0.5 / 8 })
    expect(anchors[518].xCenter).toBeCloseTo(1.5 / 8)
    expect(anchors[895]).toMatchObject({ xCenter: 7.5 / 8, yCenter: 7.5 / 8 })
  })
})
