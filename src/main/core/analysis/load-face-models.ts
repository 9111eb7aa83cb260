import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FACE_LANDMARK_COUNT } from '@shared/face/face-landmark-constants'
import { FaceModelsMissingError } from './analysis-errors'
import { loadCanonicalFaceMesh, type CanonicalFaceMesh } from './canonical-face-mesh'
import type { FaceDetectorModel } from './detect-faces'
import { findOutputBySize, readFaceModelManifest, type ManifestModel } from './face-model-manifest'
import { DEFAULT_INTRA_OP_THREADS, getOnnxSession, type OnnxSessionOptions } from './onnx-session-cache'
import type { FaceLandmarkModel, LandmarkRefinementOutputs } from './run-face-landmarks'

export interface FaceModels {
  readonly detector: FaceDetectorModel
  readonly landmarker: FaceLandmarkModel
  readonly canonicalMesh: CanonicalFaceMesh
}

export interface FaceModelOptions extends OnnxSessionOptions {
  /** Folder with models.json, the ONNX files and canonical_face_mesh.json (default: defaultModelsDir()). */
  readonly modelsDir?: string
  /**
   * Landmark model: 'attention' (default) is MediaPipe's face mesh with attention (refined lips, eyelids and
   * irises, MediaPipe's refine_landmarks); 'mesh' is the plain 468-point model.
   */
  readonly landmarkModel?: LandmarkModelKind
}

export type LandmarkModelKind = 'attention' | 'mesh'
export const DEFAULT_LANDMARK_MODEL: LandmarkModelKind = 'attention'

/** $MIMESIS_MODELS_DIR, else resources/models under the working directory (the repository root in dev). */
export function defaultModelsDir(): string {
  return process.env.MIMESIS_MODELS_DIR ?? resolve(process.cwd(), 'resources', 'models')
}

const loaded = new Map<string, Promise<FaceModels>>()

/** Loads (once per folder, EP and thread count) the detector, the landmark model and the canonical mesh. */
export function loadFaceModels(options: FaceModelOptions = {}): Promise<FaceModels> {
  const modelsDir = options.modelsDir ?? defaultModelsDir()
  const kind = options.landmarkModel ?? DEFAULT_LANDMARK_MODEL
  const key = `${modelsDir}|${kind}|${options.executionProvider ?? 'cpu'}|${options.intraOpNumThreads ?? DEFAULT_INTRA_OP_THREADS}`
  let models = loaded.get(key)
  if (models == null) {
    models = load(modelsDir, kind, options)
    loaded.set(key, models)
    models.catch(() => loaded.delete(key))
  }
  return models
}

const LANDMARK_MODEL_IDS: Record<LandmarkModelKind, string> = {
  attention: 'face_landmark_with_attention',
  mesh: 'face_landmark'
}

async function load(
  modelsDir: string,
  kind: LandmarkModelKind,
  options: OnnxSessionOptions
): Promise<FaceModels> {
  const required = [
    'models.json',
    'face_detection_short_range.onnx',
    `${LANDMARK_MODEL_IDS[kind]}.onnx`,
    'canonical_face_mesh.json'
  ]
  const missing = required.filter((f) => !existsSync(join(modelsDir, f)))
  if (missing.length > 0) throw new FaceModelsMissingError(`${missing.join(', ')} not found in ${modelsDir}`)
  try {
    const manifest = await readFaceModelManifest(modelsDir)
    const entry = (id: string): ManifestModel => {
      const m = manifest.find((x) => x.id === id)
      if (m == null) throw new Error(`models.json has no "${id}" entry`)
      return m
    }
    const detectorEntry = entry('face_detection_short_range')
    const landmarkEntry = entry(LANDMARK_MODEL_IDS[kind])
    const [detectorSession, landmarkSession, canonicalMesh] = await Promise.all([
      getOnnxSession(join(modelsDir, detectorEntry.file), options),
      getOnnxSession(join(modelsDir, landmarkEntry.file), options),
      loadCanonicalFaceMesh(join(modelsDir, 'canonical_face_mesh.json'))
    ])
    return {
      detector: {
        session: detectorSession,
        inputName: detectorEntry.inputs[0].name,
        regressorsName: findOutputBySize(detectorEntry, 896 * 16).name,
        scoresName: findOutputBySize(detectorEntry, 896).name
      },
      landmarker: {
        session: landmarkSession,
        inputName: landmarkEntry.inputs[0].name,
        landmarksName: findOutputBySize(landmarkEntry, FACE_LANDMARK_COUNT * 3).name,
        presenceName: findOutputBySize(landmarkEntry, 1).name,
        refinement: kind === 'attention' ? refinementOutputs(landmarkEntry) : undefined
      },
      canonicalMesh
    }
  } catch (error) {
    if (error instanceof FaceModelsMissingError) throw error
    throw new FaceModelsMissingError(error instanceof Error ? error.message : String(error), error)
  }
}

/** The attention model's refined regions: output names by size and role, mesh indices from the manifest. */
function refinementOutputs(entry: ManifestModel): LandmarkRefinementOutputs {
  const map = entry.landmarkRefinement
  if (map == null) throw new Error(`models.json: ${entry.id} has no landmarkRefinement`)
  const named = (fragment: string, count: number): string => {
    const found = entry.outputs.find(
      (o) => o.name.includes(fragment) && o.shape.reduce((a, b) => a * b, 1) === count * 2
    )
    if (found == null)
      throw new Error(`models.json: ${entry.id} has no ${fragment} output of ${count} points`)
    return found.name
  }
  const irisIndices = [0, 1, 2, 3, 4]
  return {
    lips: { outputName: named('lips', map.lips.length), indices: map.lips },
    leftEye: { outputName: named('left_eye', map.leftEye.length), indices: map.leftEye },
    rightEye: { outputName: named('right_eye', map.rightEye.length), indices: map.rightEye },
    leftIris: { outputName: named('left_iris', 5), indices: irisIndices },
    rightIris: { outputName: named('right_iris', 5), indices: irisIndices }
  }
}
