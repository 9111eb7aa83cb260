import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  authorExpressionShading,
  polylineDistance
} from '../../../src/main/core/engine/expression/author-shading'
import { LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'

const meshPath = resolve(__dirname, '../../../resources/models/canonical_face_mesh.json')

describe('polylineDistance', () => {
  it('gives the distance, the arc-length position and the side of a point', () => {
    const line = [
      [0, 0],
      [2, 0],
      [2, 2]
    ] as const
    expect(polylineDistance([1, 0.5], line)).toEqual({ d: 0.5, t: 0.25, side: 1 })
    expect(polylineDistance([3, 1], line)).toMatchObject({ d: 1, t: 0.75 })
    expect(polylineDistance([1, -0.5], line).side).toBe(-1)
  })
})

describe.skipIf(!existsSync(meshPath))('authored expression shading on the canonical face', () => {
  const mesh = JSON.parse(readFileSync(meshPath, 'utf8')) as { vertices: number[] }
  const fields = authorExpressionShading(mesh.vertices)
  const at = (i: number): [number, number] => [mesh.vertices[3 * i]!, mesh.vertices[3 * i + 1]!]
  const mid = (a: [number, number], b: [number, number], t = 0.5): [number, number] => [
    a[0] + (b[0] - a[0]) * t,
    a[1] + (b[1] - a[1]) * t
  ]
  const browTop = (eye: typeof LEFT_EYE): [number, number] => at(eye.browUpper[2]!)
  const glabella = mid(at(RIGHT_EYE.browUpper[4]!), at(LEFT_EYE.browUpper[4]!))
  const chin = at(152)
  const forehead = (eye: typeof LEFT_EYE): [number, number] => [browTop(eye)[0], browTop(eye)[1] + 0.9]

  it('has fields only for the directions that crease the skin', () => {
    expect(Object.keys(fields).sort()).toEqual(
      [
        'browFurrow',
        'browInnerUp',
        'browOuterUp',
        'frown',
        'lipsPress',
        'mouthStretch',
        'noseSneer',
        'pucker',
        'smile',
        'squint',
        'upperLipRaise'
      ].sort()
    )
  })

  it('smile deepens both nasolabial folds and leaves the forehead alone', () => {
    const smile = fields.smile!
    for (const [wing, corner, s] of [
      [129, 61, -1],
      [358, 291, 1]
    ] as const) {
      // Half-way down the fold (which bows 0.25 cm outward from the wing-to-corner line).
      const top = [at(wing)[0] + s * 0.35, at(wing)[1] + 0.15] as [number, number]
      const bottom = [at(corner)[0] + s * 0.7, at(corner)[1] - 0.55] as [number, number]
      const m = mid(top, bottom)
      expect(smile([m[0] + s * 0.25, m[1]])).toBeLessThan(-0.15)
    }
    expect(Math.abs(smile(forehead(LEFT_EYE)))).toBeLessThan(1e-3)
    expect(Math.abs(smile(glabella))).toBeLessThan(1e-3)
  })

  it('browFurrow draws vertical lines between the brows only', () => {
    const furrow = fields.browFurrow!
    expect(furrow([glabella[0] - 0.5, glabella[1] + 0.3])).toBeLessThan(-0.12)
    expect(furrow([glabella[0] + 0.5, glabella[1] + 0.3])).toBeLessThan(-0.12)
    // Two lines, not one down the middle (the furrow gathers the skin between them).
    expect(furrow([glabella[0], glabella[1] + 0.3])).toBeGreaterThan(-0.05)
    expect(Math.abs(furrow(chin))).toBeLessThan(1e-3)
    expect(Math.abs(furrow(at(RIGHT_EYE.browUpper[0]!)))).toBeLessThan(1e-3)
  })

  it('raised brows line the forehead: the inner raise in the middle, the outer raise over the outer brows', () => {
    const inner = fields.browInnerUp!
    const outer = fields.browOuterUp!
    const lineAbove = (f: (p: readonly [number, number]) => number, x: number): number =>
      Math.min(...Array.from({ length: 40 }, (_, k) => f([x, glabella[1] + 0.3 + k * 0.05])))
    expect(lineAbove(inner, glabella[0])).toBeLessThan(-0.08)
    expect(lineAbove(outer, browTop(RIGHT_EYE)[0] - 0.5)).toBeLessThan(-0.05)
    expect(Math.abs(inner(chin))).toBeLessThan(1e-3)
    expect(Math.abs(outer(chin))).toBeLessThan(1e-3)
  })

  it('every field is local: nothing on the chin from the eyes and brows, nothing on the forehead from the mouth', () => {
    for (const name of ['squint', 'browInnerUp', 'browOuterUp', 'browFurrow']) {
      expect(Math.abs(fields[name]!(chin))).toBeLessThan(1e-3)
    }
    for (const name of ['frown', 'pucker', 'mouthStretch', 'lipsPress']) {
      expect(Math.abs(fields[name]!(forehead(RIGHT_EYE)))).toBeLessThan(1e-3)
    }
  })
})
