import sharp from 'sharp'
import { expect } from 'vitest'
import { faceBoxOfLandmarks } from '@shared/engine/frame-on-head'
import type { FaceBox } from '@shared/face/face-analysis'

/**
 * Crops of the astronaut fixture (512 × 512; her face-mesh box is about x 180–271, y 71–177) whose centred
 * square cuts the face: a tall 3:5 one with the face at the top and a wide 16:9 one with the face at the left.
 */
export const FRAMING_CROPS = {
  tall: { left: 72, top: 0, width: 307, height: 512 },
  wide: { left: 150, top: 0, width: 362, height: 204 }
} as const

export async function writeCrop(
  source: string,
  out: string,
  crop: { left: number; top: number; width: number; height: number }
): Promise<void> {
  await sharp(source).extract(crop).png().toFile(out)
}

/** The face-mesh box of a picture's largest face (`landmarks`: 468 × (x, y, z) in its px). */
export function landmarkBox(landmarks: Float32Array): FaceBox {
  return faceBoxOfLandmarks(landmarks)
}

/**
 * Every landmark, the forehead's top included, lies inside a `width`×`height` frame with a margin, and the
 * face's box is roughly centred (its centre within a fifth of the frame of the frame's centre).
 */
export function expectWholeFaceFramed(landmarks: Float32Array, width: number, height: number): FaceBox {
  const box = landmarkBox(landmarks)
  expect(box.x).toBeGreaterThan(0.03 * width)
  expect(box.y).toBeGreaterThan(0.05 * height) // the forehead's top, with room above it
  expect(box.x + box.width).toBeLessThan(0.97 * width)
  expect(box.y + box.height).toBeLessThan(0.97 * height)
  expect(Math.abs(box.x + box.width / 2 - width / 2)).toBeLessThan(0.2 * width)
  expect(Math.abs(box.y + box.height / 2 - height / 2)).toBeLessThan(0.2 * height)
  return box
}
