import { basename, join } from 'node:path'
import type { LoadedPortrait, PortraitFace } from '@shared/ipc/contract'
import type { FaceAnalysis } from '@shared/face/face-analysis'
import { analyzeImage } from '../analysis/analyze-image'
import { loadCanonicalFaceMesh } from '../analysis/canonical-face-mesh'
import { decodeImage } from '../image/decode-image'

/** Longest side of the viewport's preview of a portrait, px. */
export const PORTRAIT_PREVIEW_MAX_SIDE = 1024

/**
 * Reads a portrait for the studio: decodes it (EXIF-oriented, alpha flattened, at most 1024 px on its
 * longest side for the viewport) and finds its faces. A picture without a usable face is an error with
 * a message that says what to do.
 */
export async function loadPortrait(
  path: string,
  options: { modelsDir: string; threads?: number }
): Promise<LoadedPortrait> {
  const image = await decodeImage(path, { maxSide: PORTRAIT_PREVIEW_MAX_SIDE })
  const [faces, mesh] = await Promise.all([
    analyzeImage(path, { modelsDir: options.modelsDir, intraOpNumThreads: options.threads ?? 2 }),
    loadCanonicalFaceMesh(join(options.modelsDir, 'canonical_face_mesh.json'))
  ])
  return {
    name: basename(path),
    width: image.originalWidth,
    height: image.originalHeight,
    preview: { width: image.width, height: image.height, rgba: rgbToRgba(image.data) },
    faces: faces.map((face) => toPreviewFace(face, image.scale)),
    meshTriangles: Array.from(mesh.triangles)
  }
}

function toPreviewFace(face: FaceAnalysis, scale: number): PortraitFace {
  const landmarks: number[] = []
  for (let i = 0; i < face.landmarks.length; i += 3) {
    landmarks.push(face.landmarks[i]! * scale, face.landmarks[i + 1]! * scale)
  }
  const { box, pose } = face
  return {
    box: { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale },
    score: face.score,
    pose: { yaw: pose.yaw, pitch: pose.pitch, roll: pose.roll },
    landmarks
  }
}

function rgbToRgba(rgb: Uint8Array): Uint8Array {
  const pixels = rgb.length / 3
  const rgba = new Uint8Array(pixels * 4)
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    rgba[i * 4] = rgb[j]!
    rgba[i * 4 + 1] = rgb[j + 1]!
    rgba[i * 4 + 2] = rgb[j + 2]!
    rgba[i * 4 + 3] = 255
  }
  return rgba
}
