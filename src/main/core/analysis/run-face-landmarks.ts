import { Tensor, type InferenceSession } from 'onnxruntime-node'
import { FACE_LANDMARK_COUNT } from '@shared/face/face-landmark-constants'
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
  /** face_landmark_with_attention only: the refined lips, eyes and irises and how they merge into the mesh. */
  readonly refinement?: LandmarkRefinementOutputs
}

/** Which mesh landmarks a refined output replaces (k-th x, y pair -> mesh index `indices[k]`). */
export interface RefinedRegion {
  readonly outputName: string
  readonly indices: readonly number[]
}

/**
 * The attention model's extra outputs, merged as MediaPipe's landmarks refinement does: lips and eyes replace
 * the mesh's x, y and keep its z; each iris (centre first, 5 points) gets the mean z of its eye's refined points.
 */
export interface LandmarkRefinementOutputs {
  readonly lips: RefinedRegion
  readonly leftEye: RefinedRegion
  readonly rightEye: RefinedRegion
  readonly leftIris: RefinedRegion
  readonly rightIris: RefinedRegion
}

export const LANDMARK_INPUT_SIZE = 192

export interface FaceLandmarkResult {
  /** 468 x (x, y, z) in image px; z scaled like x. */
  readonly landmarks: Float32Array
  /** Sigmoid of the presence logit, in [0, 1]. */
  readonly presence: number
  /** Attention model only: 2 x 5 iris points (x, y, z in image px; left iris first, each centre first). */
  readonly irises?: Float32Array
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
  const refinement = model.refinement
  if (refinement == null) return { landmarks, presence: sigmoid(presenceLogit) }

  const region = (r: RefinedRegion): Float32Array => {
    const data = outputs[r.outputName]?.data
    if (!(data instanceof Float32Array) || data.length < r.indices.length * 2) {
      throw new Error(
        `face landmark model output ${r.outputName} holds fewer than ${r.indices.length} points`
      )
    }
    return data
  }
  for (const r of [refinement.lips, refinement.leftEye, refinement.rightEye]) {
    const data = region(r)
    r.indices.forEach((index, k) => {
      const [x, y] = applyAffine(toImage, data[2 * k], data[2 * k + 1])
      landmarks[index * 3] = x
      landmarks[index * 3 + 1] = y
    })
  }
  const irises = new Float32Array(10 * 3)
  ;[
    [refinement.leftIris, refinement.leftEye],
    [refinement.rightIris, refinement.rightEye]
  ].forEach(([iris, eye], side) => {
    const data = region(iris)
    let z = 0
    for (const index of eye.indices) z += landmarks[index * 3 + 2]
    z /= eye.indices.length
    for (let k = 0; k < 5; k++) {
      const [x, y] = applyAffine(toImage, data[2 * k], data[2 * k + 1])
      irises.set([x, y, z], (side * 5 + k) * 3)
    }
  })
  return { landmarks, presence: sigmoid(presenceLogit), irises }
}
