import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** One tensor of a model as resources/models/models.json lists it. */
export interface ManifestTensor {
  readonly name: string
  readonly shape: readonly number[]
}

/** One model entry of resources/models/models.json (only the fields analysis needs). */
export interface ManifestModel {
  readonly id: string
  readonly file: string
  readonly inputs: readonly ManifestTensor[]
  readonly outputs: readonly ManifestTensor[]
  /** face_landmark_with_attention: mesh indices each refined output replaces. */
  readonly landmarkRefinement?: ManifestLandmarkRefinement
}

export interface ManifestLandmarkRefinement {
  readonly lips: readonly number[]
  readonly leftEye: readonly number[]
  readonly rightEye: readonly number[]
}

const isIndexList = (v: unknown): v is number[] =>
  Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0 && x < 468)

function readRefinement(value: unknown, where: string): ManifestLandmarkRefinement | undefined {
  if (value === undefined) return undefined
  const r = value as Partial<Record<keyof ManifestLandmarkRefinement, unknown>>
  if (
    typeof value !== 'object' ||
    value == null ||
    !isIndexList(r.lips) ||
    !isIndexList(r.leftEye) ||
    !isIndexList(r.rightEye)
  ) {
    throw new Error(
      `${where}.landmarkRefinement needs lips, leftEye and rightEye lists of mesh indices (0..467)`
    )
  }
  return { lips: r.lips, leftEye: r.leftEye, rightEye: r.rightEye }
}

function isTensor(value: unknown): value is ManifestTensor {
  if (typeof value !== 'object' || value == null) return false
  const t = value as Partial<ManifestTensor>
  return typeof t.name === 'string' && Array.isArray(t.shape) && t.shape.every((d) => typeof d === 'number')
}

/** Reads models.json from `modelsDir` and returns its model entries; throws naming the file and the problem. */
export async function readFaceModelManifest(modelsDir: string): Promise<ManifestModel[]> {
  const path = join(modelsDir, 'models.json')
  const json: unknown = JSON.parse(await readFile(path, 'utf8'))
  const models = (json as { models?: unknown }).models
  if (!Array.isArray(models)) throw new Error(`${path}: "models" must be a list`)
  return models.map((entry: unknown, i) => {
    const m = entry as Partial<ManifestModel>
    if (
      typeof m.id !== 'string' ||
      typeof m.file !== 'string' ||
      !Array.isArray(m.inputs) ||
      !Array.isArray(m.outputs) ||
      !m.inputs.every(isTensor) ||
      !m.outputs.every(isTensor)
    ) {
      throw new Error(`${path}: models[${i}] needs id, file, inputs and outputs with name and shape`)
    }
    const landmarkRefinement = readRefinement(
      (entry as { landmarkRefinement?: unknown }).landmarkRefinement,
      `${path}: models[${i}]`
    )
    return { id: m.id, file: m.file, inputs: m.inputs, outputs: m.outputs, landmarkRefinement }
  })
}

/** The output whose element count is `count` (shapes may carry leading 1s). */
export function findOutputBySize(model: ManifestModel, count: number): ManifestTensor {
  const found = model.outputs.find((o) => o.shape.reduce((a, b) => a * b, 1) === count)
  if (found == null) throw new Error(`model ${model.id}: no output with ${count} elements`)
  return found
}
