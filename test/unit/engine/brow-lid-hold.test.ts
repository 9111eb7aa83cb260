import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type CanonicalMesh } from '../../../src/main/core/engine/expression/author-directions'
import { applyHold, browLidHold } from '../../../src/main/core/engine/expression/brow-lid-hold'
import { LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'

const meshPath = resolve(__dirname, '../../../resources/models/canonical_face_mesh.json')

describe.skipIf(!existsSync(meshPath))('browLidHold', () => {
  const mesh = JSON.parse(readFileSync(meshPath, 'utf8')) as CanonicalMesh
  const keep = browLidHold(mesh)

  it('holds the lids, their rims and the eye opening, and frees the brows and the skin over the fold', () => {
    for (const eye of [RIGHT_EYE, LEFT_EYE]) {
      for (const v of [...eye.upper, ...eye.lower]) expect(keep[v]).toBe(0)
      for (const v of [...eye.browLower, ...eye.browUpper]) expect(keep[v]).toBe(1)
    }
    // The lid's rim (0.2–0.3 cm over the margin) is held; the mesh's second row over the lid, 0.75 cm over the
    // margin, about 0.4 of the way from the rim to the brow's lower edge (1.55 cm over it), keeps that share.
    for (const v of [27, 257, 29, 259]) expect(keep[v]).toBeLessThan(0.05)
    for (const v of [223, 443, 222, 442]) {
      expect(keep[v]).toBeGreaterThan(0.3)
      expect(keep[v]).toBeLessThan(0.5)
    }
    // The forehead, the nose bridge between the eyes and the mouth are free.
    for (const v of [10, 151, 168, 0]) expect(keep[v]).toBe(1)
  })

  it('scales each vertex’s motion by its share', () => {
    const field = new Float64Array(468 * 3).fill(1)
    const held = applyHold(field, keep)
    expect(held[3 * 159 + 1]).toBe(0)
    expect(held[3 * 105 + 2]).toBe(1)
  })
})
