import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FACE_LANDMARK_COUNT } from '../../../shared/face/face-landmark-constants'
import { FaceModelsMissingError } from './analysis-errors'
import { loadCanonicalFaceMesh, type CanonicalFaceMesh } from './canonical-face-mesh'
import type { FaceDetectorModel } from './detect-faces'
import { findOutputBySize, readFaceModelManifest, type ManifestModel } from './face-model-manifest'
import { DEFAULT_INTRA_OP_THREADS, getOnnxSession, type OnnxSessionOptions } from './onnx-session-cache'
import type { FaceLandmarkModel } from './run-face-landmarks'

export interface FaceModels {
  readonly detector: FaceDetectorModel
  readonly landmarker: FaceLandmarkModel
  readonly canonicalMesh: CanonicalFaceMesh
}

export interface FaceModelOptions extends OnnxSessionOptions {
  /** Folder with models.json, the ONNX files and canonical_face_mesh.json (default: defaultModelsDir()). */
  readonly modelsDir?: string
}

/** $MIMESIS_MODELS_DIR, else resources/models under the working directory (the repository root in dev). */
export function defaultModelsDir(): string {
  return process.env.MIMESIS_MODELS_DIR ?? resolve(process.cwd(), 'resources', 'models')
}

const loaded = new Map<string, Promise<FaceModels>>()

/** Loads (once per folder, EP and thread count) the detector, the landmark model and the canonical mesh. */
export function loadFaceModels(options: FaceModelOptions = {}): Promise<FaceModels> {
  const modelsDir = options.modelsDir ?? defaultModelsDir()
  const key = `${modelsDir}|${options.executionProvider ?? 'cpu'}|${options.intraOpNumThreads ?? DEFAULT_INTRA_OP_THREADS}`
  let models = loaded.get(key)
  if (models == null) {
    models = load(modelsDir, options)
    loaded.set(key, models)
    models.catch(() => loaded.delete(key))
  }
  return models
}

async function load(modelsDir: string, options: OnnxSessionOptions): Promise<FaceModels> {
  const required = [
    'models.json',
    'face_detection_short_range.onnx',
    'face_landmark.onnx',
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
    const landmarkEntry = entry('face_landmark')
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
        presenceName: findOutputBySize(landmarkEntry, 1).name
      },
      canonicalMesh
    }
  } catch (error) {
    if (error instanceof FaceModelsMissingError) throw error
    throw new FaceModelsMissingError(error instanceof Error ? error.message : String(error), error)
  }
}
