import { degrees } from '@shared/timeline/units'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { analyzeImage } from '../../../src/main/core/analysis/analyze-image'
import { releaseOnnxSessions } from '../../../src/main/core/analysis/onnx-session-cache'
import { overlaySvg, renderOverlay } from '../../../src/main/core/analysis/render-overlay'

afterAll(async () => {
  await releaseOnnxSessions()
})

describe('renderOverlay', () => {
  it('draws mesh, box and keypoints onto a PNG of the original size', async () => {
    const faces = await analyzeImage('test/fixtures/astronaut.png')
    const png = await renderOverlay('test/fixtures/astronaut.png', faces)
    const meta = await sharp(png).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 512, 512])
    const original = await sharp('test/fixtures/astronaut.png').removeAlpha().raw().toBuffer()
    const drawn = await sharp(png).removeAlpha().raw().toBuffer()
    expect(drawn.equals(original)).toBe(false)
  })

  it('writes one path per face with every triangle', () => {
    const landmarks = new Float32Array(468 * 3)
    const face = {
      box: { x: 1, y: 2, width: 3, height: 4 },
      score: 1,
      keypoints: [{ x: 5, y: 6 }],
      landmarks,
      presence: 1,
      pose: {
        yaw: degrees(0),
        pitch: degrees(0),
        roll: degrees(0),
        scale: 1,
        translation: [0, 0, 0] as const,
        matrix: [],
        rmsError: 0
      },
      canonicalLandmarks: landmarks,
      residual: landmarks,
      timings: { detectionMs: 0, landmarksMs: 0, poseMs: 0 }
    }
    const svg = overlaySvg(100, 50, [face], Uint16Array.from([0, 1, 2, 2, 3, 4]), 2)
    expect(svg.match(/<path/g)).toHaveLength(1)
    expect(svg.match(/Z/g)).toHaveLength(2)
    expect(svg).toContain('<rect x="2.0" y="4.0" width="6.0" height="8.0"')
    expect(svg).toContain('<circle cx="10.0" cy="12.0"')
  })
})
