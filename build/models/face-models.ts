/**
 * Build-time conversion of the MediaPipe face models (and the selfie segmenter, palm detector and hand
 * landmark model) to ONNX, plus the canonical face mesh as JSON and a manifest. Entry point: `buildFaceModels()`; CLI: build/models/build-face-models.ts.
 *
 * Outputs (in `resources/models/` by default; git-ignored, regenerated):
 *   face_detection_short_range.onnx  input `input` [1,128,128,3] in [-1,1]; outputs `regressors` [1,896,16],
 *                                    `classificators` [1,896,1] (logits)
 *   face_landmark.onnx               input `input_1` [1,192,192,3] in [0,1]; outputs `conv2d_21` [1,1,1,1404]
 *                                    (x,y,z per landmark, 192-px crop space), `conv2d_31` [1,1,1,1] (presence logit)
 *   face_landmark_with_attention.onnx  input `input_1` [1,192,192,3] in [0,1]; outputs `output_mesh_identity`
 *                                    [1,1,1,1404], `output_lips` [1,1,1,160], `output_left_eye`/`output_right_eye`
 *                                    [1,1,1,142], `output_left_iris`/`output_right_iris` [1,1,1,10], `conv_faceflag`
 *                                    [1,1,1,1]; the manifest entry's `landmarkRefinement` says how to merge to 478
 *   selfie_segmentation.onnx         input `input_1` [1,256,256,3] in [0,1]; output `activation_10` [1,256,256,1]
 *   palm_detection_full.onnx         input `input_1` [1,192,192,3] in [0,1]; outputs `Identity` [1,2016,18] (box and
 *                                    7 keypoints, 192-px space, relative to the anchor), `Identity_1` [1,2016,1] logits
 *   hand_landmark_full.onnx          input `input_1` [1,224,224,3] in [0,1]; outputs `Identity` [1,63] (21 x, y, z in
 *                                    224-px crop space), `Identity_1` presence, `Identity_2` handedness
 *   canonical_face_mesh.json         { vertices, uvs, triangles, procrustesWeights, source }
 *   models.json                      manifest: files, sha256, sources, license, I/O specs, sourceHash
 *
 * Deterministic: the same sources and converter code give byte-identical files. When models.json records the
 * same sourceHash and every listed file still has its recorded sha256, nothing is rewritten.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { toObject } from 'flatbuffers/js/flexbuffers'
import { convertTfliteToOnnx, readTfliteModel, type TensorSpec, type TfliteModel } from '../tflite'
import { decodeCanonicalFaceMesh } from './canonical-mesh'
import {
  readFaceMeshAsset,
  readPackageInfo,
  readPackedAsset,
  sha256,
  type PackageInfo
} from './mediapipe-assets'

export const FACE_MESH_PACKAGE = '@mediapipe/face_mesh'
export const SELFIE_PACKAGE = '@mediapipe/selfie_segmentation'
export const HANDS_PACKAGE = '@mediapipe/hands'
/** Bump to force regeneration when the output format changes in a way the code hash would not show. */
const GENERATOR_VERSION = '1'

export interface BuildFaceModelsOptions {
  /** Repository root (default: process.cwd()). */
  root?: string
  /** Output folder (default: <root>/resources/models). */
  outDir?: string
  /** Rebuild even when up to date. */
  force?: boolean
  /** Progress messages (default: silent). */
  log?: (message: string) => void
}

export interface ModelManifestEntry {
  id: string
  file: string
  sha256: string
  bytes: number
  format: 'onnx'
  opset: number
  license: string
  source: { package: string; version: string; path: string; sha256: string }
  inputs: (TensorSpec & { range: [number, number] })[]
  outputs: TensorSpec[]
  description: string
  /** face_landmark_with_attention only: how to merge the refined outputs into 478 landmarks. */
  landmarkRefinement?: LandmarkRefinement
}

/**
 * Merging face_landmark_with_attention outputs (as MediaPipe's refinement config does): start from the 468 mesh
 * points of `output_mesh_identity`; the k-th x,y of `output_lips` replaces mesh point `lips[k]`, likewise for the
 * eyes; the 5 iris points (centre first) become landmarks 468-472 (left) and 473-477 (right). Index lists are
 * read from the model's own Landmarks2TransformMatrix options (the landmarks each attention crop covers).
 */
export interface LandmarkRefinement {
  lips: number[]
  leftEye: number[]
  rightEye: number[]
  leftIris: number[]
  rightIris: number[]
}

export interface DataManifestEntry {
  id: string
  file: string
  sha256: string
  bytes: number
  format: 'json'
  license: string
  source: { package: string; version: string; path: string; sha256: string }
  description: string
}

export interface ModelsManifest {
  schemaVersion: 1
  generator: string
  sourceHash: string
  models: ModelManifestEntry[]
  data: DataManifestEntry[]
}

export interface BuildFaceModelsResult {
  outDir: string
  manifestPath: string
  manifest: ModelsManifest
  /** false when everything was already up to date. */
  rebuilt: boolean
}

interface ModelJob {
  id: string
  file: string
  pkg: PackageInfo
  sourcePath: string
  read: () => Uint8Array
  range: [number, number]
  description: string
  extra?: (model: TfliteModel) => Pick<ModelManifestEntry, 'landmarkRefinement'>
}

/** Index lists of the lips / left eye / right eye crops, in the order of the model's Landmarks2TransformMatrix ops. */
function attentionRefinement(model: TfliteModel): Pick<ModelManifestEntry, 'landmarkRefinement'> {
  const subsets = (model.subgraphs[0]?.operators ?? [])
    .filter((o) => o.customCode === 'Landmarks2TransformMatrix' && o.customOptions)
    .map((o) => {
      const opts = toObject((o.customOptions as Uint8Array).slice().buffer) as { subset_idxs?: unknown }
      if (!Array.isArray(opts.subset_idxs)) throw new Error('Landmarks2TransformMatrix without subset_idxs')
      return opts.subset_idxs.map((v) => Number(v))
    })
  const [lips, leftEye, rightEye] = subsets
  if (
    !lips ||
    !leftEye ||
    !rightEye ||
    lips.length !== 80 ||
    leftEye.length !== 71 ||
    rightEye.length !== 71
  ) {
    throw new Error('face_landmark_with_attention: unexpected refinement subsets')
  }
  const range = (a: number, n: number): number[] => Array.from({ length: n }, (_, i) => a + i)
  return {
    landmarkRefinement: { lips, leftEye, rightEye, leftIris: range(468, 5), rightIris: range(473, 5) }
  }
}

function codeFiles(root: string): string[] {
  const dirs = ['build/tflite', 'build/onnx', 'build/models']
  const out: string[] = []
  for (const d of dirs) {
    const abs = join(root, d)
    if (!existsSync(abs)) continue
    for (const f of readdirSync(abs).sort()) if (f.endsWith('.ts')) out.push(join(abs, f))
  }
  return out
}

function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`
  writeFileSync(tmp, data)
  renameSync(tmp, path)
}

function upToDate(outDir: string, sourceHash: string): ModelsManifest | null {
  const path = join(outDir, 'models.json')
  if (!existsSync(path)) return null
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as ModelsManifest
    if (m.sourceHash !== sourceHash) return null
    for (const e of [...m.models, ...m.data]) {
      const f = join(outDir, e.file)
      if (!existsSync(f) || sha256(readFileSync(f)) !== e.sha256) return null
    }
    return m
  } catch {
    return null
  }
}

/** Convert the models and write them with their manifest; skips all work when outputs are up to date. */
export function buildFaceModels(options: BuildFaceModelsOptions = {}): BuildFaceModelsResult {
  const root = options.root ?? process.cwd()
  const outDir = options.outDir ?? join(root, 'resources', 'models')
  const log = options.log ?? ((): void => undefined)
  const faceMesh = readPackageInfo(root, FACE_MESH_PACKAGE)
  const selfie = readPackageInfo(root, SELFIE_PACKAGE)
  const hands = readPackageInfo(root, HANDS_PACKAGE)

  const packedData = join(faceMesh.dir, 'face_mesh_solution_packed_assets.data')
  const packedLoader = join(faceMesh.dir, 'face_mesh_solution_packed_assets_loader.js')
  const selfieModel = join(selfie.dir, 'selfie_segmentation.tflite')
  const handsData = join(hands.dir, 'hands_solution_packed_assets.data')
  const handLandmarkModel = join(hands.dir, 'hand_landmark_full.tflite')
  const hashParts = [
    `generator ${GENERATOR_VERSION}`,
    `${faceMesh.name}@${faceMesh.version}`,
    `${selfie.name}@${selfie.version}`,
    `${hands.name}@${hands.version}`,
    ...[packedData, packedLoader, selfieModel, handsData, handLandmarkModel].map((f) =>
      sha256(readFileSync(f))
    ),
    ...codeFiles(root).map((f) => `${f.slice(root.length)} ${sha256(readFileSync(f))}`)
  ]
  const sourceHash = sha256(hashParts.join('\n'))
  const manifestPath = join(outDir, 'models.json')
  if (!options.force) {
    const m = upToDate(outDir, sourceHash)
    if (m) {
      log(`face models up to date in ${outDir}`)
      return { outDir, manifestPath, manifest: m, rebuilt: false }
    }
  }
  mkdirSync(outDir, { recursive: true })

  const jobs: ModelJob[] = [
    {
      id: 'face_detection_short_range',
      file: 'face_detection_short_range.onnx',
      pkg: faceMesh,
      sourcePath: 'face_detection_short_range.tflite',
      read: () => readFaceMeshAsset(faceMesh.dir, 'face_detection_short_range.tflite'),
      range: [-1, 1],
      description:
        'BlazeFace short-range face detector: 896 anchors (16x16x2 + 8x8x6), raw box regressors and score logits'
    },
    {
      id: 'face_landmark',
      file: 'face_landmark.onnx',
      pkg: faceMesh,
      sourcePath: 'face_landmark.tflite',
      read: () => readFaceMeshAsset(faceMesh.dir, 'face_landmark.tflite'),
      range: [0, 1],
      description: 'Face mesh: 468 landmarks (x, y, z in 192-px crop space) and a face presence logit'
    },
    {
      id: 'face_landmark_with_attention',
      file: 'face_landmark_with_attention.onnx',
      pkg: faceMesh,
      sourcePath: 'face_landmark_with_attention.tflite',
      read: () => readFaceMeshAsset(faceMesh.dir, 'face_landmark_with_attention.tflite'),
      range: [0, 1],
      description:
        'Face mesh with attention: 468 mesh points, refined lips/eyes (x, y) and 5 points per iris (x, y), all in ' +
        '192-px crop space, and a face presence logit (conv_faceflag); merge to 478 with landmarkRefinement',
      extra: attentionRefinement
    },
    {
      id: 'selfie_segmentation',
      file: 'selfie_segmentation.onnx',
      pkg: selfie,
      sourcePath: 'selfie_segmentation.tflite',
      read: () => new Uint8Array(readFileSync(selfieModel)),
      range: [0, 1],
      description: 'Selfie segmentation (general, 256x256): person probability mask'
    },
    {
      id: 'palm_detection_full',
      file: 'palm_detection_full.onnx',
      pkg: hands,
      sourcePath: 'palm_detection_full.tflite',
      read: () => readPackedAsset(hands.dir, 'hands_solution', 'palm_detection_full.tflite'),
      range: [0, 1],
      description:
        'Palm detector (full, 192x192): 2016 anchors (24x24x2 + 12x12x6), raw box and 7-keypoint regressors ' +
        '[1,2016,18] and score logits [1,2016,1]'
    },
    {
      id: 'hand_landmark_full',
      file: 'hand_landmark_full.onnx',
      pkg: hands,
      sourcePath: 'hand_landmark_full.tflite',
      read: () => new Uint8Array(readFileSync(handLandmarkModel)),
      range: [0, 1],
      description:
        'Hand landmarks (full, 224x224): 21 landmarks (x, y, z in 224-px crop space) `Identity` [1,63], hand ' +
        'presence `Identity_1` and handedness `Identity_2` (probabilities, [1,1]), world landmarks `Identity_3`'
    }
  ]

  const models: ModelManifestEntry[] = []
  for (const job of jobs) {
    const tflite = job.read()
    const model = readTfliteModel(tflite)
    const res = convertTfliteToOnnx(model, {
      graphName: job.id,
      metadata: { source: `${job.pkg.name}@${job.pkg.version}/${job.sourcePath}`, license: 'Apache-2.0' }
    })
    writeAtomic(join(outDir, job.file), res.bytes)
    log(`wrote ${job.file} (${res.bytes.length} bytes)`)
    models.push({
      id: job.id,
      file: job.file,
      sha256: sha256(res.bytes),
      bytes: res.bytes.length,
      format: 'onnx',
      opset: 17,
      license: 'Apache-2.0',
      source: {
        package: job.pkg.name,
        version: job.pkg.version,
        path: job.sourcePath,
        sha256: sha256(tflite)
      },
      inputs: res.inputs.map((i) => ({ ...i, range: job.range })),
      outputs: res.outputs,
      description: job.description,
      ...(job.extra ? job.extra(model) : {})
    })
  }

  const geometryName = 'geometry_pipeline_metadata_landmarks.binarypb'
  const geometry = readFaceMeshAsset(faceMesh.dir, geometryName)
  const mesh = decodeCanonicalFaceMesh(geometry)
  const meshSource = {
    package: faceMesh.name,
    version: faceMesh.version,
    path: geometryName,
    sha256: sha256(geometry)
  }
  const meshJson = JSON.stringify({ ...mesh, source: meshSource }) + '\n'
  writeAtomic(join(outDir, 'canonical_face_mesh.json'), meshJson)
  const data: DataManifestEntry[] = [
    {
      id: 'canonical_face_mesh',
      file: 'canonical_face_mesh.json',
      sha256: sha256(meshJson),
      bytes: Buffer.byteLength(meshJson),
      format: 'json',
      license: 'Apache-2.0',
      source: meshSource,
      description: `Canonical face mesh: ${mesh.vertices.length / 3} vertices (xyz, uv), ${mesh.triangles.length / 3} triangles, ${mesh.procrustesWeights.length} Procrustes landmark weights`
    }
  ]

  const manifest: ModelsManifest = {
    schemaVersion: 1,
    generator: 'build/models/build-face-models.ts',
    sourceHash,
    models,
    data
  }
  writeAtomic(manifestPath, JSON.stringify(manifest, null, 2) + '\n')
  log(`wrote ${manifestPath}`)
  return { outDir, manifestPath, manifest, rebuilt: true }
}
