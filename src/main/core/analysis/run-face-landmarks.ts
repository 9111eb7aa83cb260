import { Tensor, type InferenceSession } from 'onnxruntime-node'
import { FACE_LANDMARK_COUNT } from '../../../shared/face/face-landmark-constants'
import type { RgbImage } from '../image/decode-image'
import { applyAffine, cropToImageAffine, type RotatedRect } from './align-face-crop'
import { warpAffineToTensor } from './affine-warp'
import { sigmoid } from './sigmoid'

/** MediaPipe face_landmark: NHWC float32 [1, 192, 192, 3] in [0, 1]; 468 x (x, y, z) crop px and a presence logit. */
export interface FaceLandmarkModel {
  readonly session: InferenceSession
  readonly inputName: string
  readonly landmarksName: string
  readonly presenceName: string
}

export const LANDMARK_INPUT_SIZE = 192

export interface FaceLandmarkResult {
  /** 468 x (x, y, z) in image px; z scaled like x. */
  readonly landmarks: Float32Array
  /** Sigmoid of the presence logit, in [0, 1]. */
  readonly presence: number
}

/** Warps the rotated ROI to 192 x 192 (edge pixels replicated), runs the model, maps landmarks to image px. */
export async function runFaceLandmarks(
  image: RgbImage,
  roi: RotatedRect,
  model: FaceLandmarkModel,
  scratch?: Float32Array
): Promise<FaceLandmarkResult> {
  const size = LANDMARK_INPUT_SIZE
  const toImage = cropToImageAffine(roi, size, size)
  const input = warpAffineToTensor(image, toImage, {
    outWidth: size,
    outHeight: size,
    valueScale: 1 / 255,
    valueOffset: 0,
    border: 'replicate',
    out: scratch
  })
  const outputs = await model.session.run({
    [model.inputName]: new Tensor('float32', input, [1, size, size, 3])
  })
  const raw = outputs[model.landmarksName].data as Float32Array
  const presenceLogit = (outputs[model.presenceName].data as Float32Array)[0]
  if (raw.length < FACE_LANDMARK_COUNT * 3) {
    throw new Error(`face landmark model returned ${raw.length} values, expected ${FACE_LANDMARK_COUNT * 3}`)
  }
  // Crop px -> image px; z is in crop px like x, so it scales by the crop-to-image scale.
  const zScale = roi.width / size
  const landmarks = new Float32Array(FACE_LANDMARK_COUNT * 3)
  for (let i = 0; i < FACE_LANDMARK_COUNT; i++) {
    const [x, y] = applyAffine(toImage, raw[i * 3], raw[i * 3 + 1])
    landmarks[i * 3] = x
    landmarks[i * 3 + 1] = y
    landmarks[i * 3 + 2] = raw[i * 3 + 2] * zScale
  }
  return { landmarks, presence: sigmoid(presenceLogit) }
}
