import type { FaceAnalysis } from '@shared/face/face-analysis'
import { decodeImage, type DecodedImage, type DecodeImageOptions } from '../image/decode-image'
import { analyzeFaceInRoi } from './analyze-face-in-roi'
import { FaceTooSmallError, NoFaceFoundError } from './analysis-errors'
import { detectFaces, type DetectFacesOptions } from './detect-faces'
import { roiFromDetection } from './face-roi'
import { loadFaceModels, type FaceModelOptions } from './load-face-models'

export interface AnalyzeImageOptions extends FaceModelOptions, DetectFacesOptions, DecodeImageOptions {
  /** Faces whose detector box is narrower than this in original image px are ignored (default 64). */
  readonly minFaceSide?: number
  /** Most faces analysed, largest first (default: all). */
  readonly maxFaces?: number
  /** Minimum landmark-model presence probability (default 0.5, MediaPipe's min_tracking_confidence). */
  readonly minPresence?: number
  /**
   * Second landmark pass on the ROI recomputed from the first pass's landmarks, as MediaPipe's tracking
   * does between video frames (default false: MediaPipe's static-image mode runs one pass).
   */
  readonly refine?: boolean
}

export const DEFAULT_MIN_FACE_SIDE = 64

/** True for a value decodeImage already produced. */
function isDecodedImage(value: unknown): value is DecodedImage {
  return typeof value === 'object' && value != null && 'data' in value && 'originalWidth' in value
}

/**
 * Detects every face in a still image and analyses each: landmarks, presence, head pose, canonical
 * landmarks and expression residual (neutral = canonical mesh). All coordinates are in px of the
 * EXIF-oriented original image. Faces are ordered by box area, largest first.
 * Throws NoFaceFoundError when no face is found, FaceTooSmallError when every face is too small, and
 * the decodeImage errors for unreadable input.
 */
export async function analyzeImage(
  imageOrPath: string | Uint8Array | DecodedImage,
  options: AnalyzeImageOptions = {}
): Promise<FaceAnalysis[]> {
  const source = typeof imageOrPath === 'string' ? imageOrPath : 'the image'
  const [image, models] = await Promise.all([
    isDecodedImage(imageOrPath) ? imageOrPath : decodeImage(imageOrPath, options),
    loadFaceModels(options)
  ])
  const outputScale = 1 / image.scale
  const minFaceSide = options.minFaceSide ?? DEFAULT_MIN_FACE_SIDE
  const minPresence = options.minPresence ?? 0.5

  const t0 = performance.now()
  const detections = await detectFaces(image, models.detector, options)
  const detectionMs = performance.now() - t0
  if (detections.length === 0) throw new NoFaceFoundError(source)

  const bySize = [...detections].sort((a, b) => b.width * b.height - a.width * a.height)
  const bigEnough = bySize.filter((d) => Math.min(d.width, d.height) * outputScale >= minFaceSide)
  if (bigEnough.length === 0) {
    throw new FaceTooSmallError(
      source,
      Math.min(bySize[0].width, bySize[0].height) * outputScale,
      minFaceSide
    )
  }

  const faces: FaceAnalysis[] = []
  for (const detection of bigEnough.slice(0, options.maxFaces ?? Infinity)) {
    const keypoints = []
    for (let k = 0; k < detection.keypoints.length; k += 2) {
      keypoints.push({ x: detection.keypoints[k], y: detection.keypoints[k + 1] })
    }
    const face = await analyzeFaceInRoi(
      image,
      roiFromDetection(detection),
      models.landmarker,
      models.canonicalMesh,
      {
        score: detection.score,
        box: { x: detection.xMin, y: detection.yMin, width: detection.width, height: detection.height },
        keypoints
      },
      detectionMs,
      { refine: options.refine, outputScale }
    )
    if (face.presence >= minPresence) faces.push(face)
  }
  if (faces.length === 0) throw new NoFaceFoundError(source)
  return faces
}
