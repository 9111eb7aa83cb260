import { Tensor, type InferenceSession } from 'onnxruntime-node'
import type { RgbImage } from '../image/decode-image'
import { applyAffine, cropToImageAffine, type RotatedRect } from './align-face-crop'
import { warpAffineToTensor } from './affine-warp'

/** hand_landmark_full: NHWC float32 [1, 224, 224, 3] in [0, 1]; 21 x (x, y, z) in crop px, presence, handedness. */
export interface HandLandmarkModel {
  readonly session: InferenceSession
  readonly inputName: string
  readonly landmarksName: string
  readonly presenceName: string
}

export const HAND_LANDMARK_COUNT = 21
const CROP = 224

/** One hand's landmarks from the landmark model. */
export interface HandLandmarkResult {
  /** 21 x (x, y, z): image px; z is depth relative to the wrist in the same px scale (smaller is closer). */
  readonly landmarks: Float32Array
  /** Hand presence probability in the crop (0..1). */
  readonly presence: number
}

/**
 * Runs the hand landmark model on `rect` (image px, rotated) cropped to 224 x 224 (edges replicated, as
 * MediaPipe's ImageToTensorCalculator does by default) and maps the landmarks back to image px.
 */
export async function runHandLandmarks(
  image: RgbImage,
  rect: RotatedRect,
  model: HandLandmarkModel
): Promise<HandLandmarkResult> {
  const toImage = cropToImageAffine(rect, CROP, CROP)
  const input = warpAffineToTensor(image, toImage, {
    outWidth: CROP,
    outHeight: CROP,
    valueScale: 1 / 255,
    valueOffset: 0,
    border: 'replicate'
  })
  const outputs = await model.session.run({
    [model.inputName]: new Tensor('float32', input, [1, CROP, CROP, 3])
  })
  const raw = outputs[model.landmarksName]!.data as Float32Array
  const presence = (outputs[model.presenceName]!.data as Float32Array)[0]!
  const landmarks = new Float32Array(3 * HAND_LANDMARK_COUNT)
  const zScale = rect.width / CROP
  for (let k = 0; k < HAND_LANDMARK_COUNT; k++) {
    const [x, y] = applyAffine(toImage, raw[3 * k]!, raw[3 * k + 1]!)
    landmarks[3 * k] = x
    landmarks[3 * k + 1] = y
    landmarks[3 * k + 2] = raw[3 * k + 2]! * zScale
  }
  return { landmarks, presence }
}
