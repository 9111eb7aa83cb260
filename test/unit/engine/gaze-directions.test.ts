import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildBuiltinPack } from '../../../build/pack/build-builtin-pack'
import { GAZE_DIRECTIONS } from '../../../src/main/core/engine/expression/gaze-directions'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../../../src/shared/engine/expression-directions'

const meshPath = resolve(__dirname, '../../../resources/models/canonical_face_mesh.json')

describe.skipIf(!existsSync(meshPath))('gaze directions in the built-in pack', () => {
  it('are in the manifest and the basis: no skin motion, orthogonal eyeball travel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mimesis-gaze-'))
    try {
      buildBuiltinPack(dir)
      const basis = JSON.parse(readFileSync(join(dir, 'expression-basis.json'), 'utf8')) as {
        innerProduct: string
        directions: { name: string; field: number[]; eyeball?: [number, number] }[]
      }
      expect(basis.directions.map((d) => d.name)).toEqual(BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name))
      expect(basis.innerProduct).toMatch(/eyeball/)
      const gaze = basis.directions.filter((d) => d.eyeball != null)
      expect(gaze.map((d) => d.name)).toEqual(GAZE_DIRECTIONS.map((d) => d.name))
      for (const d of gaze) expect(d.field.every((x) => x === 0)).toBe(true)
      const [h, v] = gaze.map((d) => d.eyeball!)
      expect(h![0] * v![0] + h![1] * v![1]).toBe(0)
      expect(h![0]).toBeGreaterThan(0) // +1 toward the subject's left
      expect(v![1]).toBeGreaterThan(0) // +1 up
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
