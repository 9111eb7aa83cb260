import type { RawDetection } from './raw-detection'
import { sigmoid } from './sigmoid'
import type { SsdAnchor } from './ssd-anchors'

export interface DecodeDetectionsOptions {
  /** Coordinate values per box in `regressors` (16 for BlazeFace: 4 box + 6 x 2 keypoints). */
  readonly numCoords: number
  readonly numKeypoints: number
  /** Detector input size, px: the regressors are in input px relative to the anchor centre. */
  readonly inputWidth: number
  readonly inputHeight: number
  /** Minimum sigmoid score kept. */
  readonly minScore: number
}

export const BLAZE_FACE_DECODE_OPTIONS: DecodeDetectionsOptions = {
  numCoords: 16,
  numKeypoints: 6,
  inputWidth: 128,
  inputHeight: 128,
  minScore: 0.5
}

/**
 * Decodes SSD regressors (x, y, w, h, then keypoint x, y pairs; MediaPipe's reverse_output_order) and
 * raw class logits into detections in normalised detector-input coordinates, as MediaPipe's
 * TensorsToDetectionsCalculator does for BlazeFace.
 */
export function decodeDetections(
  regressors: Float32Array,
  logits: Float32Array,
  anchors: readonly SsdAnchor[],
  options: DecodeDetectionsOptions = BLAZE_FACE_DECODE_OPTIONS
): RawDetection[] {
  if (logits.length !== anchors.length || regressors.length !== anchors.length * options.numCoords) {
    throw new Error(
      `decodeDetections: expected ${anchors.length} scores and ${anchors.length * options.numCoords} regressors, got ${logits.length} and ${regressors.length}`
    )
  }
  const detections: RawDetection[] = []
  for (let i = 0; i < anchors.length; i++) {
    const score = sigmoid(logits[i])
    if (score < options.minScore) continue
    const anchor = anchors[i]
    const o = i * options.numCoords
    const xCenter = (regressors[o] / options.inputWidth) * anchor.width + anchor.xCenter
    const yCenter = (regressors[o + 1] / options.inputHeight) * anchor.height + anchor.yCenter
    const w = (regressors[o + 2] / options.inputWidth) * anchor.width
    const h = (regressors[o + 3] / options.inputHeight) * anchor.height
    if (!(w > 0 && h > 0)) continue
    const keypoints: number[] = []
    for (let k = 0; k < options.numKeypoints; k++) {
      keypoints.push(
        (regressors[o + 4 + 2 * k] / options.inputWidth) * anchor.width + anchor.xCenter,
        (regressors[o + 5 + 2 * k] / options.inputHeight) * anchor.height + anchor.yCenter
      )
    }
    detections.push({ xMin: xCenter - w / 2, yMin: yCenter - h / 2, width: w, height: h, score, keypoints })
  }
  return detections
}
