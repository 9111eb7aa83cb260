import { describe, expect, it } from 'vitest'
import { type measureFace } from '../../../src/main/core/drive/face-measures'
import { cameraRotation } from '../../../src/main/core/drive/head-rotation'
import {
  averageReference,
  createReferenceCollector,
  neutralHints
} from '../../../src/main/core/live/live-reference'
import { meanLuma, rgbaToRgb } from '../../../src/main/core/live/frame-pixels'
import { loadCanonicalFaceMesh } from '../../../src/main/core/analysis/canonical-face-mesh'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { join } from 'node:path'
import { existsSync } from 'node:fs'

const meshFile = join(resolveResourcesDir(), 'models', 'canonical_face_mesh.json')
const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1]

describe('neutral hints', () => {
  const base = { mouthOpen: 0.1 } as ReturnType<typeof measureFace>
  it('flags a head turned past 20° and a mouth open 0.3 cm past the performer’s closed mouth', () => {
    expect(neutralHints(base, identity, 0.05)).toEqual([])
    expect(neutralHints(base, cameraRotation(25, 0, 0), 0.05)).toEqual(['not-frontal'])
    expect(neutralHints({ ...base, mouthOpen: 0.5 }, cameraRotation(0, 10, 0), 0.1)).toEqual(['mouth-open'])
    // Lips parted at rest are this performer's closed mouth: no hint.
    expect(neutralHints({ ...base, mouthOpen: 1.1 }, identity, 1.0)).toEqual([])
  })
})

describe.skipIf(!existsSync(meshFile))('reference averaging', () => {
  it('averages shapes and rotations over half a second, and reports progress', async () => {
    const mesh = await loadCanonicalFaceMesh(meshFile)
    const shifted = (dy: number) => mesh.vertices.map((v, i) => (i % 3 === 1 ? v + dy : v))
    const a = { canonical: shifted(0.1), rotation: cameraRotation(4, 0, 0) }
    const b = { canonical: shifted(-0.1), rotation: cameraRotation(-4, 0, 0) }
    const ref = averageReference([a, b])
    expect(ref.shape[1]).toBeCloseTo(mesh.vertices[1]!, 5)
    expect(ref.rotation[0]).toBeCloseTo(1, 6)
    expect(ref.rotation[2]).toBeCloseTo(0, 6)
    const collector = createReferenceCollector()
    expect(collector.add(0, a)).toBeNull()
    expect(collector.add(0.1, null)).toBeNull()
    expect(collector.add(0.2, b)).toBeNull()
    expect(collector.progress).toBeCloseTo(0.4, 6)
    expect(collector.add(0.3, a)).toBeNull()
    const done = collector.add(0.5, b)
    expect(done?.frames).toBe(4)
  })
})

describe('frame pixels', () => {
  it('drops alpha into a reused buffer and measures the mean luma', () => {
    const rgba = new Uint8Array([10, 20, 30, 255, 40, 50, 60, 0])
    const into = new Uint8Array(12)
    const rgb = rgbaToRgb(rgba, 2, 1, into)
    expect(Array.from(rgb.data)).toEqual([10, 20, 30, 40, 50, 60])
    expect(rgb.data.buffer).toBe(into.buffer)
    expect(meanLuma(new Uint8Array(16 * 16 * 4).fill(200), 16, 16)).toBeCloseTo(200, 6)
  })
})
