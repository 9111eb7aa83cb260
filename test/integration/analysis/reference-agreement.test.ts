// Agreement of our ONNX face analysis with the original MediaPipe face mesh JS solution running in
// Chromium: mean landmark distance / inter-ocular distance (outer eye corners 33, 263) < 1%.
import { afterAll, describe, expect, it } from 'vitest'
import { FACE_LANDMARK_COUNT, FaceMeshLandmark } from '../../../src/shared/face/face-landmark-constants'
import { analyzeImage } from '../../../src/main/core/analysis/analyze-image'
import { releaseOnnxSessions } from '../../../src/main/core/analysis/onnx-session-cache'
import { decodeImage } from '../../../src/main/core/image/decode-image'
import {
  mediapipeReferenceUnavailableReason,
  startMediapipeReference
} from '../../support/mediapipe-reference'

const unavailable = mediapipeReferenceUnavailableReason()
if (unavailable != null) console.warn(`Skipping the MediaPipe reference agreement test: ${unavailable}`)

afterAll(async () => {
  await releaseOnnxSessions()
})

describe.skipIf(unavailable != null)('agreement with the MediaPipe face mesh JS solution', () => {
  it.each([
    { landmarkModel: 'mesh' as const, refineLandmarks: false },
    { landmarkModel: 'attention' as const, refineLandmarks: true }
  ])(
    'matches the reference landmarks on astronaut.png within 1% of the inter-ocular distance ($landmarkModel model, refineLandmarks $refineLandmarks)',
    async ({ landmarkModel, refineLandmarks }) => {
      const image = await decodeImage('test/fixtures/astronaut.png')
      const reference = await startMediapipeReference({ refineLandmarks })
      let expected: Float32Array | null
      try {
        expected = await reference.landmarks(image)
      } finally {
        await reference.close()
      }
      expect(expected, 'the reference found no face').not.toBeNull()
      const ref = expected as Float32Array
      expect(ref.length / 3).toBe(refineLandmarks ? 478 : 468)
      const [face] = await analyzeImage(image, { refine: false, landmarkModel })
      const r = FaceMeshLandmark.rightEyeOuterCorner * 3
      const l = FaceMeshLandmark.leftEyeOuterCorner * 3
      const interOcular = Math.hypot(ref[r] - ref[l], ref[r + 1] - ref[l + 1])
      let sum = 0
      let max = 0
      for (let i = 0; i < FACE_LANDMARK_COUNT; i++) {
        const d = Math.hypot(face.landmarks[i * 3] - ref[i * 3], face.landmarks[i * 3 + 1] - ref[i * 3 + 1])
        sum += d
        max = Math.max(max, d)
      }
      const mean = sum / FACE_LANDMARK_COUNT / interOcular
      console.log(
        `reference agreement (${landmarkModel}): mean ${(mean * 100).toFixed(3)}% max ${((max / interOcular) * 100).toFixed(3)}% of IOD`
      )
      expect(mean).toBeLessThan(0.01)
    },
    120_000
  )
})
