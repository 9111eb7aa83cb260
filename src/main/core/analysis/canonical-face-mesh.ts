import { readFile } from 'node:fs/promises'
import { FACE_LANDMARK_COUNT } from '@shared/face/face-landmark-constants'
import type { WeightedIndex } from './procrustes'

/** MediaPipe's canonical face model: vertices in cm, x to image right, y up, z toward the viewer. */
export interface CanonicalFaceMesh {
  /** 468 x (x, y, z), cm. */
  readonly vertices: Float32Array
  /** 468 x (u, v). */
  readonly uvs: Float32Array
  /** 898 x 3 vertex indices. */
  readonly triangles: Uint16Array
  /** Landmark weights for the pose fit (MediaPipe's procrustes landmark basis). */
  readonly procrustesWeights: readonly WeightedIndex[]
}

interface CanonicalFaceMeshJson {
  vertices: number[]
  uvs: number[]
  triangles: number[]
  procrustesWeights: { index: number; weight: number }[]
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number')
}

/** Reads and validates canonical_face_mesh.json; throws an Error naming the file and the mismatch. */
export async function loadCanonicalFaceMesh(path: string): Promise<CanonicalFaceMesh> {
  const json: unknown = JSON.parse(await readFile(path, 'utf8'))
  const fail = (what: string): never => {
    throw new Error(`${path}: ${what}`)
  }
  if (typeof json !== 'object' || json == null) return fail('not a JSON object')
  const data = json as Partial<CanonicalFaceMeshJson>
  if (!isNumberArray(data.vertices) || data.vertices.length !== FACE_LANDMARK_COUNT * 3) {
    return fail(`vertices must hold ${FACE_LANDMARK_COUNT * 3} numbers`)
  }
  if (!isNumberArray(data.triangles) || data.triangles.length % 3 !== 0) {
    return fail('triangles must be a flat list of vertex index triples')
  }
  if (data.triangles.some((i) => !Number.isInteger(i) || i < 0 || i >= FACE_LANDMARK_COUNT)) {
    return fail('triangles reference vertices out of range')
  }
  const weights = Array.isArray(data.procrustesWeights)
    ? data.procrustesWeights
    : fail('procrustesWeights missing')
  const procrustesWeights = weights.map((w) => {
    if (!Number.isInteger(w.index) || w.index < 0 || w.index >= FACE_LANDMARK_COUNT || !(w.weight >= 0)) {
      return fail(`bad procrustes weight ${JSON.stringify(w)}`)
    }
    return { index: w.index, weight: w.weight }
  })
  return {
    vertices: Float32Array.from(data.vertices),
    uvs: Float32Array.from(isNumberArray(data.uvs) ? data.uvs : []),
    triangles: Uint16Array.from(data.triangles),
    procrustesWeights
  }
}
