import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FaceMeshLandmark } from '../../../src/shared/face/face-landmark-constants'
import { FaceTooSmallError, NoFaceFoundError } from '../../../src/main/core/analysis/analysis-errors'
import { analyzeImage } from '../../../src/main/core/analysis/analyze-image'
import { releaseOnnxSessions } from '../../../src/main/core/analysis/onnx-session-cache'

const ASTRONAUT = 'test/fixtures/astronaut.png'
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mimesis-analysis-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await releaseOnnxSessions()
})

function interOcular(landmarks: Float32Array): number {
  const r = FaceMeshLandmark.rightEyeOuterCorner * 3
  const l = FaceMeshLandmark.leftEyeOuterCorner * 3
  return Math.hypot(landmarks[r] - landmarks[l], landmarks[r + 1] - landmarks[l + 1])
}

describe('analyzeImage (real ONNX models)', () => {
  it('finds the astronaut with landmarks, a frontal pose and a small residual', async () => {
    const faces = await analyzeImage(ASTRONAUT)
    expect(faces).toHaveLength(1)
    const face = faces[0]
    expect(face.score).toBeGreaterThan(0.8)
    expect(face.presence).toBeGreaterThan(0.9)
    expect(face.landmarks).toHaveLength(468 * 3)
    expect(face.keypoints).toHaveLength(6)
    // The subject's right eye corner is on the image left; both eyes lie inside the box.
    const r = FaceMeshLandmark.rightEyeOuterCorner * 3
    const l = FaceMeshLandmark.leftEyeOuterCorner * 3
    expect(face.landmarks[r]).toBeLessThan(face.landmarks[l])
    for (const i of [r, l]) {
      expect(face.landmarks[i]).toBeGreaterThan(face.box.x)
      expect(face.landmarks[i]).toBeLessThan(face.box.x + face.box.width)
    }
    expect(Math.abs(face.pose.yaw)).toBeLessThan(15)
    expect(Math.abs(face.pose.pitch)).toBeLessThan(20)
    expect(Math.abs(face.pose.roll)).toBeLessThan(15)
    expect(face.pose.matrix).toHaveLength(12)
    // Residual against the canonical mesh: the person's shape differs, but by centimetres, not more.
    let sum = 0
    for (let i = 0; i < 468; i++)
      sum += Math.hypot(face.residual[i * 3], face.residual[i * 3 + 1], face.residual[i * 3 + 2])
    expect(sum / 468).toBeLessThan(1.5)
  })

  it('throws NoFaceFoundError with a clear message on a flat gradient', async () => {
    const width = 320
    const height = 240
    const data = Buffer.alloc(width * height * 3)
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) data.set([x * 0.7, y, 128], (y * width + x) * 3)
    const path = join(dir, 'gradient.png')
    await sharp(data, { raw: { width, height, channels: 3 } })
      .png()
      .toFile(path)
    await expect(analyzeImage(path)).rejects.toThrow(NoFaceFoundError)
    await expect(analyzeImage(path)).rejects.toThrow(/No face was found in .*gradient\.png/)
  })

  it('throws FaceTooSmallError when the only face is below the minimum face side', async () => {
    const small = await sharp(ASTRONAUT).resize(200, 200).png().toBuffer()
    await expect(analyzeImage(small)).rejects.toThrow(FaceTooSmallError)
    await expect(analyzeImage(small)).rejects.toThrow(/too small to analyse: \d+ px across, at least 64 px/)
    // The limit is an option: the same face is analysed when allowed.
    await expect(analyzeImage(small, { minFaceSide: 20 })).resolves.toHaveLength(1)
  })

  it('returns two faces ordered by size for a side-by-side composite', async () => {
    // Two tight crops around the face (the short-range detector wants faces >= ~15% of the image side).
    const crop = { left: 145, top: 48, width: 160, height: 160 }
    const large = await sharp(ASTRONAUT).extract(crop).resize(256, 256).png().toBuffer()
    const small = await sharp(ASTRONAUT).extract(crop).png().toBuffer()
    const composite = await sharp({ create: { width: 436, height: 256, channels: 3, background: '#808080' } })
      .composite([
        { input: small, left: 0, top: 48 },
        { input: large, left: 180, top: 0 }
      ])
      .png()
      .toBuffer()
    const faces = await analyzeImage(composite)
    expect(faces).toHaveLength(2)
    expect(faces[0].box.width).toBeGreaterThan(faces[1].box.width)
    // The larger face is the enlarged crop on the right.
    expect(faces[0].box.x).toBeGreaterThan(180)
    expect(faces[1].box.x + faces[1].box.width).toBeLessThan(180)
  })

  it('analyses a huge 8000 x 8000 image downscaled, with coordinates in original px', async () => {
    const path = join(dir, 'huge.jpg')
    await sharp(ASTRONAUT).resize(8000, 8000, { kernel: 'nearest' }).jpeg({ quality: 85 }).toFile(path)
    const [small] = await analyzeImage(ASTRONAUT)
    const [huge] = await analyzeImage(path)
    const k = 8000 / 512
    const error = Math.hypot(
      huge.landmarks[3] - small.landmarks[3] * k,
      huge.landmarks[4] - small.landmarks[4] * k
    )
    expect(error / (interOcular(small.landmarks) * k)).toBeLessThan(0.05)
  })
})
