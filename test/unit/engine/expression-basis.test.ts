import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildExpressionBasis } from '../../../src/main/core/engine/expression/build-expression-basis'
import { type CanonicalMesh } from '../../../src/main/core/engine/expression/author-directions'
import { innerProduct, vertexAreaWeights } from '../../../src/main/core/engine/expression/orthonormalize'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../../../src/shared/engine/expression-directions'

const meshPath = resolve(__dirname, '../../../resources/models/canonical_face_mesh.json')

describe.skipIf(!existsSync(meshPath))('expression basis on the canonical mesh', () => {
  const mesh = JSON.parse(readFileSync(meshPath, 'utf8')) as CanonicalMesh
  const basis = buildExpressionBasis(mesh)
  const field = (name: string): Float64Array => basis.directions.find((d) => d.name === name)!.field
  const y = (i: number): number => mesh.vertices[3 * i + 1]!

  it('has every built-in skin direction, at least 16 (the gaze directions move the eyeballs instead)', () => {
    expect(basis.directions.length).toBeGreaterThanOrEqual(16)
    for (const d of BUILTIN_EXPRESSION_DIRECTIONS.filter((x) => x.region !== 'gaze'))
      expect(basis.directions.some((b) => b.name === d.name)).toBe(true)
  })

  it('is orthogonal under the area-weighted inner product (max |cos| <= 0.05) and stays close to the authored shapes', () => {
    const w = vertexAreaWeights(mesh.vertices, mesh.triangles)
    let max = 0
    for (let i = 0; i < basis.directions.length; i++) {
      for (let j = i + 1; j < basis.directions.length; j++) {
        const a = basis.directions[i]!.field
        const b = basis.directions[j]!.field
        max = Math.max(
          max,
          Math.abs(innerProduct(a, b, w) / Math.sqrt(innerProduct(a, a, w) * innerProduct(b, b, w)))
        )
      }
    }
    console.log(
      `expression directions: max |cosine| = ${max.toExponential(2)} (authored ${basis.maxAbsCosineAuthored.toFixed(3)})`
    )
    expect(max).toBeLessThanOrEqual(0.05)
    for (const d of basis.directions) expect(d.fidelity).toBeGreaterThan(0.75)
  })

  it('blink brings each upper lid down to its lower lid', () => {
    for (const [name, upper, lower] of [
      ['blinkR', 159, 145],
      ['blinkL', 386, 374]
    ] as const) {
      const f = field(name)
      const gapAfter = y(upper) + f[3 * upper + 1]! - (y(lower) + f[3 * lower + 1]!)
      expect(y(upper) - y(lower)).toBeGreaterThan(0.3)
      expect(Math.abs(gapAfter)).toBeLessThan(0.12)
    }
  })

  it('jawOpen parts the lips and moves the chin down; it leaves the brows alone', () => {
    const f = field('jawOpen')
    const gapBefore = y(13) - y(14)
    const gapAfter = y(13) + f[3 * 13 + 1]! - (y(14) + f[3 * 14 + 1]!)
    expect(gapAfter - gapBefore).toBeGreaterThan(1)
    expect(f[3 * 152 + 1]!).toBeLessThan(-1)
    expect(Math.abs(f[3 * 105 + 1]!)).toBeLessThan(0.05)
  })

  it('jawOpen keeps the upper lip and takes the mouth corners down with the jaw', () => {
    // Plain Löwdin had the corners stay put (frown's corners cancelled them): a pointed, V-shaped mouth.
    const f = field('jawOpen')
    expect(Math.abs(f[3 * 13 + 1]!)).toBeLessThan(0.15)
    expect(Math.abs(f[3 * 0 + 1]!)).toBeLessThan(0.15)
    for (const corner of [61, 291]) expect(f[3 * corner + 1]!).toBeLessThan(-0.6)
  })

  it('blink leaves the brows where they are', () => {
    for (const name of ['blinkR', 'blinkL']) {
      const f = field(name)
      for (const brow of [105, 66, 52, 334, 296, 282]) expect(Math.abs(f[3 * brow + 1]!)).toBeLessThan(0.05)
    }
  })

  it('smile raises the mouth corners and frown lowers them', () => {
    const smile = field('smile')
    const frown = field('frown')
    for (const corner of [61, 291]) {
      expect(smile[3 * corner + 1]!).toBeGreaterThan(0.4)
      expect(frown[3 * corner + 1]!).toBeLessThan(-0.25)
    }
  })

  it('keeps the high-priority directions closest to their authored shapes', () => {
    const fidelity = (name: string): number => basis.directions.find((d) => d.name === name)!.fidelity
    expect(fidelity('jawOpen')).toBeGreaterThan(0.98)
    expect(fidelity('blinkL')).toBeGreaterThan(0.94)
    expect(fidelity('smile')).toBeGreaterThan(0.9)
  })
})
