import { Tensor, type InferenceSession } from 'onnxruntime-node'
import type { RgbImage } from '../image/decode-image'
import { letterboxToImageAffine } from './align-face-crop'
import { warpAffineToTensor } from './affine-warp'
import { decodeDetections, type DecodeDetectionsOptions } from './decode-detections'
import { weightedNonMaxSuppression } from './non-max-suppression'
import { detectionToImage, type RawDetection } from './raw-detection'
import { BLAZE_FACE_SHORT_RANGE_ANCHORS, generateSsdAnchors, type SsdAnchorOptions } from './ssd-anchors'

/** palm_detection_full: NHWC float32 [1, 192, 192, 3] in [0, 1]; regressors [1, 2016, 18], logits [1, 2016, 1]. */
export interface PalmDetectorModel {
  readonly session: InferenceSession
  readonly inputName: string
  readonly regressorsName: string
  readonly scoresName: string
}

const INPUT_SIZE = 192

/**
 * MediaPipe's palm_detection_cpu graph: BlazeFace short range's anchor scheme (the same scales, offsets and strides)
 * at 192 x 192, 24 x 24 x 2 + 12 x 12 x 6 = 2016 fixed-size anchors.
 */
export const PALM_DETECTION_FULL_ANCHORS: SsdAnchorOptions = {
  ...BLAZE_FACE_SHORT_RANGE_ANCHORS,
  inputWidth: INPUT_SIZE,
  inputHeight: INPUT_SIZE
}

/** 18 values per anchor: box (x, y, w, h), then 7 palm keypoints (wrist, MCPs, thumb joints). */
export const PALM_DECODE_OPTIONS: DecodeDetectionsOptions = {
  numCoords: 18,
  numKeypoints: 7,
  inputWidth: INPUT_SIZE,
  inputHeight: INPUT_SIZE,
  minScore: 0.5
}

const anchors = generateSsdAnchors(PALM_DETECTION_FULL_ANCHORS)

/**
 * Runs the palm detector on the whole image letterboxed to 192 x 192 (aspect kept, black padding) and returns
 * the merged palms (weighted NMS at IoU 0.3) with box and keypoints in image px, best first.
 */
export async function detectPalms(
  image: RgbImage,
  model: PalmDetectorModel,
  minScore = PALM_DECODE_OPTIONS.minScore
): Promise<RawDetection[]> {
  const toImage = letterboxToImageAffine(image.width, image.height, INPUT_SIZE)
  const input = warpAffineToTensor(image, toImage, {
    outWidth: INPUT_SIZE,
    outHeight: INPUT_SIZE,
    valueScale: 1 / 255,
    valueOffset: 0,
    border: 'zero'
  })
  const outputs = await model.session.run({
    [model.inputName]: new Tensor('float32', input, [1, INPUT_SIZE, INPUT_SIZE, 3])
  })
  const regressors = outputs[model.regressorsName]!.data as Float32Array
  const logits = outputs[model.scoresName]!.data as Float32Array
  const decoded = decodeDetections(regressors, logits, anchors, { ...PALM_DECODE_OPTIONS, minScore })
  return weightedNonMaxSuppression(decoded, 0.3).map((d) => detectionToImage(d, toImage, INPUT_SIZE))
}
