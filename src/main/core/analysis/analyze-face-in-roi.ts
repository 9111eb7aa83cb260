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
  const irises = result.irises ? irisesBySubjectSide(result.irises, landmarks, k) : undefined
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
    ...(irises ? { irises, canonicalIrises: landmarksToCanonical(irises, pose) } : {}),
    timings: { detectionMs, landmarksMs: t1 - t0, poseMs: t2 - t1 }
  }
}

/** Subject's right eye corners (outer, inner); the left eye's are 263, 362. */
const RIGHT_EYE_CORNERS = [33, 133] as const

/**
 * The model's two irises (analysis px, scaled by `k` to output px) ordered subject's right first: each goes to
 * the eye whose corners' midpoint is nearer, so the order never depends on the model's naming of sides.
 */
function irisesBySubjectSide(raw: Float32Array, landmarks: Float32Array, k: number): Float32Array {
  const scaled = raw.map((v) => v * k)
  const mid = (a: number, b: number): [number, number] => [
    (landmarks[3 * a]! + landmarks[3 * b]!) / 2,
    (landmarks[3 * a + 1]! + landmarks[3 * b + 1]!) / 2
  ]
  const right = mid(...RIGHT_EYE_CORNERS)
  const d2 = (o: number): number => (scaled[o]! - right[0]) ** 2 + (scaled[o + 1]! - right[1]) ** 2
  if (d2(0) <= d2(15)) return scaled
  const swapped = new Float32Array(30)
  swapped.set(scaled.subarray(15, 30), 0)
  swapped.set(scaled.subarray(0, 15), 15)
  return swapped
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
