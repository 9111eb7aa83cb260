import { describe, expect, it } from 'vitest'
import {
  applyAffine,
  cropToImageAffine,
  letterboxToImageAffine,
  normalizeRadians
} from '../../../src/main/core/analysis/align-face-crop'
import { warpAffineToTensor } from '../../../src/main/core/analysis/affine-warp'
import { roiFromDetection, roiFromLandmarks } from '../../../src/main/core/analysis/face-roi'

describe('crop alignment', () => {
  it('maps the crop centre to the rect centre and the crop x axis along the rotation', () => {
    const rect = { xCenter: 100, yCenter: 50, width: 192, height: 192, rotation: Math.PI / 6 }
    const m = cropToImageAffine(rect, 192, 192)
    expect(applyAffine(m, 96, 96)).toEqual([expect.closeTo(100, 9), expect.closeTo(50, 9)])
    const [x, y] = applyAffine(m, 192, 96)
    expect(x - 100).toBeCloseTo(96 * Math.cos(Math.PI / 6))
    expect(y - 50).toBeCloseTo(96 * Math.sin(Math.PI / 6))
  })

  it('letterboxes a wide image centred vertically', () => {
    const m = letterboxToImageAffine(400, 200, 128)
    expect(applyAffine(m, 0, 0)).toEqual([0, -100])
    expect(applyAffine(m, 128, 128)).toEqual([400, 300])
  })

  it('builds a square, eye-aligned ROI enlarged 1.5x from a detection', () => {
    // Eyes on a line rotated +30 degrees (clockwise on screen).
    const angle = Math.PI / 6
    const roi = roiFromDetection({
      xMin: 10,
      yMin: 20,
      width: 100,
      height: 80,
      keypoints: [50, 50, 50 + 40 * Math.cos(angle), 50 + 40 * Math.sin(angle), 0, 0, 0, 0, 0, 0, 0, 0]
    })
    expect(roi).toMatchObject({ xCenter: 60, yCenter: 60, width: 150, height: 150 })
    expect(roi.rotation).toBeCloseTo(angle)
  })

  it('builds the tracking ROI from landmark bounds and the outer eye corners', () => {
    const landmarks = new Float32Array(468 * 3)
    for (let i = 0; i < 468; i++) landmarks.set([100 + (i % 10) * 10, 200 + (i % 7) * 20, 0], i * 3)
    landmarks.set([120, 250, 0], 33 * 3)
    landmarks.set([180, 250, 0], 263 * 3)
    const roi = roiFromLandmarks(landmarks)
    expect(roi).toMatchObject({ xCenter: 145, yCenter: 260, width: 180, height: 180 })
    expect(roi.rotation).toBeCloseTo(0)
  })

  it('wraps angles to [-pi, pi)', () => {
    expect(normalizeRadians(3 * Math.PI)).toBeCloseTo(-Math.PI)
    expect(normalizeRadians(-Math.PI / 2)).toBeCloseTo(-Math.PI / 2)
  })
})

describe('warpAffineToTensor', () => {
  const width = 4
  const height = 3
  const data = new Uint8Array(width * height * 3)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([x * 10, y * 10, 255], (y * width + x) * 3)
  const image = { data, width, height }

  it('reproduces the image with the identity affine', () => {
    const out = warpAffineToTensor(image, [1, 0, 0, 0, 1, 0], {
      outWidth: width,
      outHeight: height,
      valueScale: 1,
      valueOffset: 0,
      border: 'replicate'
    })
    expect(Array.from(out)).toEqual(Array.from(data))
  })

  it('interpolates bilinearly and scales values', () => {
    // Half-pixel shift: output pixel 0 samples between source pixels 0 and 1.
    const out = warpAffineToTensor(image, [1, 0, 0.5, 0, 1, 0], {
      outWidth: 2,
      outHeight: 1,
      valueScale: 2 / 255,
      valueOffset: -1,
      border: 'zero'
    })
    expect(out[0]).toBeCloseTo((5 * 2) / 255 - 1)
    expect(out[3]).toBeCloseTo((15 * 2) / 255 - 1)
    expect(out[2]).toBeCloseTo(1)
  })

  it('pads with black outside the image in zero mode', () => {
    const out = warpAffineToTensor(image, [1, 0, -10, 0, 1, 0], {
      outWidth: 1,
      outHeight: 1,
      valueScale: 2 / 255,
      valueOffset: -1,
      border: 'zero'
    })
    expect(Array.from(out)).toEqual([-1, -1, -1])
  })
})
