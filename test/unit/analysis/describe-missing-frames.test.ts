import { describe, expect, it } from 'vitest'
import { describeMissingFrames } from '../../../src/main/core/analysis/describe-missing-frames'

describe('describeMissingFrames', () => {
  it('says how many of the declared frames decoded, and what to do', () => {
    expect(describeMissingFrames('a.mp4', 30, 50)).toMatch(
      /only 30 of the 50 frames a\.mp4 declares could be decoded; .*cut short.*Re-export/
    )
  })

  it('is silent when all or nearly all decoded, or nothing is declared', () => {
    expect(describeMissingFrames('a.mp4', 50, 50)).toBeNull()
    expect(describeMissingFrames('a.mp4', 48, 50)).toBeNull()
    expect(describeMissingFrames('a.mp4', 990, 1000)).toBeNull()
    expect(describeMissingFrames('a.mp4', 10, null)).toBeNull()
  })
})
