import { describe, expect, it } from 'vitest'
import {
  intersectionOverUnion,
  weightedNonMaxSuppression
} from '../../../src/main/core/analysis/non-max-suppression'
import type { RawDetection } from '../../../src/main/core/analysis/raw-detection'

const box = (xMin: number, yMin: number, size: number, score: number): RawDetection => ({
  xMin,
  yMin,
  width: size,
  height: size,
  score,
  keypoints: [xMin, yMin]
})

describe('weightedNonMaxSuppression', () => {
  it('computes IoU', () => {
    expect(intersectionOverUnion(box(0, 0, 1, 1), box(0, 0, 1, 1))).toBeCloseTo(1)
    expect(intersectionOverUnion(box(0, 0, 1, 1), box(0.5, 0, 1, 1))).toBeCloseTo(0.5 / 1.5)
    expect(intersectionOverUnion(box(0, 0, 1, 1), box(2, 2, 1, 1))).toBe(0)
  })

  it('merges overlapping boxes by score-weighted mean and keeps the best score', () => {
    const out = weightedNonMaxSuppression([box(0.1, 0.1, 0.2, 0.6), box(0.12, 0.1, 0.2, 0.9)], 0.3)
    expect(out).toHaveLength(1)
    expect(out[0].score).toBe(0.9)
    expect(out[0].xMin).toBeCloseTo((0.1 * 0.6 + 0.12 * 0.9) / 1.5)
    expect(out[0].keypoints[0]).toBeCloseTo((0.1 * 0.6 + 0.12 * 0.9) / 1.5)
    expect(out[0].width).toBeCloseTo(0.2)
  })

  it('keeps separate faces apart, in descending score order', () => {
    const out = weightedNonMaxSuppression(
      [box(0, 0, 0.2, 0.7), box(0.5, 0.5, 0.3, 0.95), box(0.01, 0, 0.2, 0.8), box(0.52, 0.5, 0.3, 0.6)],
      0.3
    )
    expect(out.map((d) => d.score)).toEqual([0.95, 0.8])
  })

  it('does not merge boxes overlapping at or below the threshold', () => {
    // IoU of these two is 0.25.
    const out = weightedNonMaxSuppression([box(0, 0, 1, 0.9), box(0.6, 0, 1, 0.8)], 0.3)
    expect(out).toHaveLength(2)
  })
})
