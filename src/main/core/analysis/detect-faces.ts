import { Tensor, type InferenceSession } from 'onnxruntime-node'
import type { RgbImage } from '../image/decode-image'
import { letterboxToImageAffine } from './align-face-crop'
import { warpAffineToTensor } from './affine-warp'
import { BLAZE_FACE_DECODE_OPTIONS, decodeDetections } from './decode-detections'
import { weightedNonMaxSuppression } from './non-max-suppression'
import { detectionToImage, type RawDetection } from './raw-detection'
import { BLAZE_FACE_SHORT_RANGE_ANCHORS, generateSsdAnchors } from './ssd-anchors'

/** BlazeFace short range: NHWC float32 [1, 128, 128, 3] in [-1, 1]; regressors [1, 896, 16], logits [1, 896, 1]. */
export interface FaceDetectorModel {
  readonly session: InferenceSession
  readonly inputName: string
  readonly regressorsName: string
  readonly scoresName: string
}

export interface DetectFacesOptions {
  /** Minimum sigmoid score (MediaPipe's min_detection_confidence, default 0.5). */
  readonly minScore?: number
  /** IoU above which detections merge (default 0.3). */
  readonly minSuppressionThreshold?: number
}

const INPUT_SIZE = 128
const anchors = generateSsdAnchors(BLAZE_FACE_SHORT_RANGE_ANCHORS)

/**
 * Runs BlazeFace on the whole image letterboxed to 128 x 128 (aspect kept, black padding) and returns
 * the merged detections with box and keypoints in image px, in descending score order.
 */
export async function detectFaces(
  image: RgbImage,
  model: FaceDetectorModel,
  options: DetectFacesOptions = {}
): Promise<RawDetection[]> {
  const toImage = letterboxToImageAffine(image.width, image.height, INPUT_SIZE)
  const input = warpAffineToTensor(image, toImage, {
    outWidth: INPUT_SIZE,
    outHeight: INPUT_SIZE,
    valueScale: 2 / 255,
    valueOffset: -1,
    border: 'zero'
  })
  const outputs = await model.session.run({
    [model.inputName]: new Tensor('float32', input, [1, INPUT_SIZE, INPUT_SIZE, 3])
  })
  const regressors = outputs[model.regressorsName].data as Float32Array
  const logits = outputs[model.scoresName].data as Float32Array
  const decoded = decodeDetections(regressors, logits, anchors, {
    ...BLAZE_FACE_DECODE_OPTIONS,
    minScore: options.minScore ?? BLAZE_FACE_DECODE_OPTIONS.minScore
  })
  const merged = weightedNonMaxSuppression(decoded, options.minSuppressionThreshold ?? 0.3)
  // Normalised letterbox coordinates -> crop px -> image px.
  return merged.map((d) => detectionToImage(d, toImage, INPUT_SIZE))
}
