import type { FaceAnalysis, FaceBox, Point2 } from '@shared/face/face-analysis'
import type { RgbImage } from '../image/decode-image'
import type { RotatedRect } from './align-face-crop'
import type { CanonicalFaceMesh } from './canonical-face-mesh'
import { expressionResidual } from './expression-residual'
import { roiFromLandmarks } from './face-roi'
import { estimateHeadPose, landmarksToCanonical } from './head-pose'
import { runFaceLandmarks, type FaceLandmarkModel } from './run-face-landmarks'

export interface AnalyzeFaceInRoiOptions {
  /** Re-run the landmark model once on the ROI recomputed from the first landmarks (default false). */
  readonly refine?: boolean
  /** Neutral shape (468 x 3, canonical cm) for the residual; default: the canonical mesh. */
  readonly neutral?: Float32Array
  /** Analysis px -> output px factor (1 / DecodedImage.scale), applied to box, landmarks and pose. */
  readonly outputScale?: number
  /** Scratch tensor reused between calls (192 x 192 x 3 floats). */
  readonly scratch?: Float32Array
}

/** What the detector contributed, in analysis px; absent when tracking from previous landmarks. */
export interface DetectionInfo {
  readonly score: number
  readonly box: FaceBox
  readonly keypoints: readonly Point2[]
}

/** Landmarks, presence, pose, canonical landmarks and residual for one face ROI (analysis px). */
export async function analyzeFaceInRoi(
  image: RgbImage,
  roi: RotatedRect,
  landmarker: FaceLandmarkModel,
  mesh: CanonicalFaceMesh,
  detection: DetectionInfo | null,
  detectionMs: number,
  options: AnalyzeFaceInRoiOptions = {}
): Promise<FaceAnalysis> {
  const t0 = performance.now()
  let result = await runFaceLandmarks(image, roi, landmarker, options.scratch)
  if (options.refine === true) {
    result = await runFaceLandmarks(image, roiFromLandmarks(result.landmarks), landmarker, options.scratch)
  }
  const t1 = performance.now()
  const k = options.outputScale ?? 1
  const landmarks = result.landmarks
  if (k !== 1) for (let i = 0; i < landmarks.length; i++) landmarks[i] *= k
  const pose = estimateHeadPose(landmarks, mesh.vertices, mesh.procrustesWeights)
  const canonicalLandmarks = landmarksToCanonical(landmarks, pose)
  const residual = expressionResidual(canonicalLandmarks, options.neutral ?? mesh.vertices)
  const t2 = performance.now()
  const box = detection != null ? scaleBox(detection.box, k) : landmarkBounds(landmarks)
  return {
    box,
    score: detection?.score ?? result.presence,
    keypoints: detection?.keypoints.map((p) => ({ x: p.x * k, y: p.y * k })) ?? [],
    landmarks,
    presence: result.presence,
    pose,
    canonicalLandmarks,
    residual,
    timings: { detectionMs, landmarksMs: t1 - t0, poseMs: t2 - t1 }
  }
}

function scaleBox(box: FaceBox, k: number): FaceBox {
  return { x: box.x * k, y: box.y * k, width: box.width * k, height: box.height * k }
}

/** Axis-aligned bounds of the landmarks' x, y (image px). */
export function landmarkBounds(landmarks: Float32Array): FaceBox {
  let xMin = Infinity
  let yMin = Infinity
  let xMax = -Infinity
  let yMax = -Infinity
  for (let i = 0; i < landmarks.length; i += 3) {
    xMin = Math.min(xMin, landmarks[i])
    xMax = Math.max(xMax, landmarks[i])
    yMin = Math.min(yMin, landmarks[i + 1])
    yMax = Math.max(yMax, landmarks[i + 1])
  }
  return { x: xMin, y: yMin, width: xMax - xMin, height: yMax - yMin }
}
