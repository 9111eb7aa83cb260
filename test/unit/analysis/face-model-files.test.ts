import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCanonicalFaceMesh } from '../../../src/main/core/analysis/canonical-face-mesh'
import { findOutputBySize, readFaceModelManifest } from '../../../src/main/core/analysis/face-model-manifest'
import { loadFaceModels } from '../../../src/main/core/analysis/load-face-models'
import { FaceModelsMissingError } from '../../../src/main/core/analysis/analysis-errors'

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mimesis-models-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('face model files', () => {
  it('reads tensor names from models.json and finds outputs by element count', async () => {
    const manifest = {
      models: [
        {
          id: 'face_landmark',
          file: 'face_landmark.onnx',
          inputs: [{ name: 'input_1', shape: [1, 192, 192, 3] }],
          outputs: [
            { name: 'conv2d_21', shape: [1, 1, 1, 1404] },
            { name: 'conv2d_31', shape: [1, 1, 1, 1] }
          ]
        }
      ]
    }
    await writeFile(join(dir, 'models.json'), JSON.stringify(manifest))
    const [model] = await readFaceModelManifest(dir)
    expect(findOutputBySize(model, 1404).name).toBe('conv2d_21')
    expect(findOutputBySize(model, 1).name).toBe('conv2d_31')
    expect(() => findOutputBySize(model, 7)).toThrow(/no output with 7 elements/)
  })

  it('rejects a malformed manifest naming the file', async () => {
    const path = join(dir, 'bad')
    await rm(path, { recursive: true, force: true })
    await mkdir(path)
    await writeFile(join(path, 'models.json'), JSON.stringify({ models: [{ id: 'x' }] }))
    await expect(readFaceModelManifest(path)).rejects.toThrow(/models\.json: models\[0\] needs/)
  })

  it("reads the attention model's refinement map and rejects a malformed one", async () => {
    const entry = {
      id: 'face_landmark_with_attention',
      file: 'face_landmark_with_attention.onnx',
      inputs: [{ name: 'input_1', shape: [1, 192, 192, 3] }],
      outputs: [{ name: 'output_lips', shape: [1, 1, 1, 160] }],
      landmarkRefinement: { lips: [61, 146], leftEye: [33, 7], rightEye: [263, 249] }
    }
    const path = join(dir, 'refined')
    await mkdir(path, { recursive: true })
    await writeFile(join(path, 'models.json'), JSON.stringify({ models: [entry] }))
    const [model] = await readFaceModelManifest(path)
    expect(model.landmarkRefinement?.lips).toEqual([61, 146])
    await writeFile(
      join(path, 'models.json'),
      JSON.stringify({
        models: [{ ...entry, landmarkRefinement: { lips: [61, 999], leftEye: [], rightEye: [] } }]
      })
    )
    await expect(readFaceModelManifest(path)).rejects.toThrow(
      /models\.json: models\[0\]\.landmarkRefinement needs lips, leftEye and rightEye/
    )
  })

  it('validates the canonical mesh JSON', async () => {
    const path = join(dir, 'mesh.json')
    await writeFile(path, JSON.stringify({ vertices: [1, 2, 3], triangles: [], procrustesWeights: [] }))
    await expect(loadCanonicalFaceMesh(path)).rejects.toThrow(/mesh\.json: vertices must hold 1404 numbers/)
  })

  it('says which model files are missing', async () => {
    const empty = join(dir, 'empty')
    await mkdir(empty, { recursive: true })
    const failure = loadFaceModels({ modelsDir: empty, landmarkModel: 'mesh' })
    await expect(failure).rejects.toThrow(FaceModelsMissingError)
    await expect(failure).rejects.toThrow(/face_landmark\.onnx/)
    // The default landmark model is the attention one (refined lips, eyes and irises).
    await expect(loadFaceModels({ modelsDir: empty })).rejects.toThrow(/face_landmark_with_attention\.onnx/)
  })
})
