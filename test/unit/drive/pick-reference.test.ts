import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pickReferenceFrame, referenceShape } from '../../../src/main/core/drive/pick-reference'
import { cameraRotation } from '../../../src/main/core/drive/head-rotation'
import type { DriverFace } from '../../../src/main/core/drive/track-driver'
import { INNER_LIP_LOWER, LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'
import { seededRandom } from '../timeline/seeded-random'

const meshPath = resolve(__dirname, '../../../resources/models/canonical_face_mesh.json')
const vertices = (JSON.parse(readFileSync(meshPath, 'utf8')) as { vertices: number[] }).vertices

interface FrameSpec {
  mouth?: number
  blink?: number
  yaw?: number
  noise?: number
}

/** A driver face: the canonical mesh stretched into another person's shape, with an expression and pose. */
function face(spec: FrameSpec, random: () => number): DriverFace {
  const canonical = Float32Array.from(
    vertices,
    (v, i) => (i % 3 === 0 ? v * 1.08 : v) + (spec.noise ?? 0.01) * random()
  )
  for (const i of INNER_LIP_LOWER.slice(1, -1)) canonical[3 * i + 1]! -= spec.mouth ?? 0
  for (const eye of [RIGHT_EYE, LEFT_EYE]) {
    for (const i of eye.upper.slice(1, -1)) canonical[3 * i + 1]! -= spec.blink ?? 0
  }
  return {
    canonical,
    rotation: Float64Array.from(cameraRotation(spec.yaw ?? 0, 0, 0)),
    matrix: new Float32Array(12),
    box: { x: 0, y: 0, width: 100, height: 100 }
  }
}

function clip(specs: readonly (FrameSpec | null)[], seed = 1): (DriverFace | null)[] {
  const prng = seededRandom(seed)
  const random = (): number => prng.next() - 0.5
  return specs.map((s) => (s == null ? null : face(s, random)))
}

describe('pickReferenceFrame', () => {
  it('picks the still, closed-mouth, open-eyed, frontal stretch, not the first frame', () => {
    const specs: FrameSpec[] = [
      ...Array.from({ length: 10 }, (_, i) => ({ mouth: 1.2 * Math.sin((i / 10) * Math.PI) + 0.3 })), // talking
      ...Array.from({ length: 4 }, () => ({ blink: 0.5 })), // a blink
      ...Array.from({ length: 8 }, () => ({ yaw: 25 })), // turned away
      ...Array.from({ length: 8 }, () => ({})), // neutral, frontal, still
      ...Array.from({ length: 10 }, (_, i) => ({ mouth: 0.8 * Math.abs(Math.sin(i)) }))
    ]
    const index = pickReferenceFrame(clip(specs))
    expect(index).toBeGreaterThanOrEqual(23)
    expect(index).toBeLessThanOrEqual(28)
  })

  it('never picks a frame without a face, and refuses a clip with none', () => {
    const specs = [null, null, {}, null, { mouth: 1 }]
    expect(pickReferenceFrame(clip(specs))).toBe(2)
    expect(() => pickReferenceFrame([null, null])).toThrow(RangeError)
  })

  it('does not depend on the driver’s face shape: a wider face picks from the same neutral stretch', () => {
    const specs: FrameSpec[] = [
      ...Array.from({ length: 6 }, () => ({ mouth: 0.9 })),
      ...Array.from({ length: 6 }, () => ({})),
      ...Array.from({ length: 6 }, () => ({ blink: 0.4 }))
    ]
    const narrow = clip(specs, 7)
    const wide = narrow.map((f) =>
      f ? { ...f, canonical: f.canonical.map((v, i) => (i % 3 === 0 ? v * 1.2 : v)) } : f
    )
    // Both land in the neutral stretch (frames 6–11); which of its equal frames wins is up to the noise.
    for (const faces of [narrow, wide]) {
      const index = pickReferenceFrame(faces)
      expect(index).toBeGreaterThanOrEqual(6)
      expect(index).toBeLessThanOrEqual(11)
    }
  })
})

describe('referenceShape', () => {
  it('averages the reference with its tracked neighbours only', () => {
    const faces = clip([{}, null, {}, {}, {}], 3)
    const shape = referenceShape(faces, 2, 1)
    const expected = faces[2]!.canonical.map((v, i) => (v + faces[3]!.canonical[i]!) / 2)
    for (let i = 0; i < 30; i++) expect(shape[i]).toBeCloseTo(expected[i]!, 5)
    expect(() => referenceShape(faces, 1)).toThrow(RangeError)
  })
})
