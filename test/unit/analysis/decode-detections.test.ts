import { describe, expect, it } from 'vitest'
import { decodeDetections } from '../../../src/main/core/analysis/decode-detections'
import {
  BLAZE_FACE_SHORT_RANGE_ANCHORS,
  generateSsdAnchors
} from '../../../src/main/core/analysis/ssd-anchors'

describe('decodeDetections', () => {
  const anchors = generateSsdAnchors(BLAZE_FACE_SHORT_RANGE_ANCHORS)

  it('decodes box and keypoints relative to the anchor, keeps only scores above the threshold', () => {
    const regressors = new Float32Array(896 * 16)
    const logits = new Float32Array(896).fill(-10)
    const i = 600 // an 8x8 anchor
    logits[i] = 2
    regressors.set([12.8, -6.4, 32, 64, 0, 0, 6.4, 12.8, 0, 0, 0, 0, 0, 0, 0, 0], i * 16)
    const out = decodeDetections(regressors, logits, anchors)
    expect(out).toHaveLength(1)
    const a = anchors[i]
    const d = out[0]
    expect(d.score).toBeCloseTo(1 / (1 + Math.exp(-2)))
    expect(d.width).toBeCloseTo(0.25)
    expect(d.height).toBeCloseTo(0.5)
    expect(d.xMin + d.width / 2).toBeCloseTo(a.xCenter + 0.1)
    expect(d.yMin + d.height / 2).toBeCloseTo(a.yCenter - 0.05)
    expect(d.keypoints[0]).toBeCloseTo(a.xCenter)
    expect(d.keypoints[2]).toBeCloseTo(a.xCenter + 0.05)
    expect(d.keypoints[3]).toBeCloseTo(a.yCenter + 0.1)
  })

  it('rejects tensors of the wrong size', () => {
    expect(() => decodeDetections(new Float32Array(10), new Float32Array(896), anchors)).toThrow(/regressors/)
  })
})
