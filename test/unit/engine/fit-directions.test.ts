import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  authorExpressionDirections,
  type CanonicalMesh
} from '../../../src/main/core/engine/expression/author-directions'
import {
  fieldCosine,
  fitDirectionShape,
  mirrorField,
  mirrorMap,
  projectOntoSubspace,
  quantile,
  regionalPrincipalComponents,
  regionWeights,
  removePoseDependence
} from '../../../src/main/core/engine/expression/fit-directions'
import { innerProduct, vertexAreaWeights } from '../../../src/main/core/engine/expression/orthonormalize'

const meshPath = resolve(__dirname, '../../../resources/models/canonical_face_mesh.json')

/** A deterministic pseudo-random sequence in (−0.5, 0.5). */
function sequence(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648 - 0.5
  }
}

describe('quantile and pose regression (no mesh)', () => {
  it('quantile picks the nearest rank and is NaN when empty', () => {
    expect(quantile([3, 1, 2, 5, 4], 0.5)).toBe(3)
    expect(quantile([3, 1, 2, 5, 4], 1)).toBe(5)
    expect(quantile([], 0.95)).toBeNaN()
  })

  it('removePoseDependence takes out what follows the regressors and keeps what does not', () => {
    const random = sequence(7)
    const gain = [0.5, -1, 2, 0]
    const expression = [0, 0, 0, 1]
    const regressors: number[][] = []
    const samples: number[][] = []
    for (let f = 0; f < 200; f++) {
      const angle = 4 * random()
      const amount = random()
      regressors.push([angle])
      samples.push(gain.map((g, k) => g * angle + expression[k]! * amount))
    }
    const { samples: cleaned, gains } = removePoseDependence(samples, regressors)
    for (let k = 0; k < 3; k++) expect(gains[0]![k]!).toBeCloseTo(gain[k]!, 9)
    // The expression is independent of the angle, up to the sample's chance correlation.
    expect(Math.abs(gains[0]![3]!)).toBeLessThan(0.05)
    cleaned.forEach((s, f) => {
      expect(s[0]!).toBeCloseTo(0, 9)
      expect(s[3]!).toBeCloseTo(samples[f]![3]! - gains[0]![3]! * regressors[f]![0]!, 9)
    })
  })
})

describe.skipIf(!existsSync(meshPath))('fitting directions on the canonical mesh', () => {
  const mesh = JSON.parse(readFileSync(meshPath, 'utf8')) as CanonicalMesh
  const w = vertexAreaWeights(mesh.vertices, mesh.triangles)
  const authored = authorExpressionDirections(mesh)
  const field = (name: string): Float64Array => authored.find((d) => d.name === name)!.field
  const x = (v: number): number => mesh.vertices[3 * v]!

  it('mirrors the mesh across its midplane: an involution that negates x', () => {
    const mirror = mirrorMap(mesh.vertices)
    for (let v = 0; v < 468; v++) {
      expect(mirror[mirror[v]!]).toBe(v)
      expect(Math.abs(x(mirror[v]!) + x(v))).toBeLessThan(0.05)
    }
    expect(mirror[61]).toBe(291) // mouth corners
    expect(mirror[1]).toBe(1) // nose tip, on the midline
    // A mirrored blink of one eye is the blink of the other.
    expect(fieldCosine(mirrorField(field('blinkL'), mirror), field('blinkR'), w)).toBeGreaterThan(0.99)
  })

  it('region weight: 1 on the field, widened smoothly, 0 far away', () => {
    const r = regionWeights(field('smile'), mesh.vertices, { threshold: 0.5, widenCm: 0.5 })
    expect(r[61]).toBeCloseTo(1, 6)
    expect(r[291]).toBeCloseTo(1, 6)
    expect(r[10]).toBe(0) // forehead
    for (const v of r) expect(v >= 0 && v <= 1).toBe(true)
  })

  it('finds the principal components of samples under the area-weighted inner product', () => {
    // Samples = 3·a·s1 + 1·b·s2 + small noise, with a, b orthonormal fields; the region is the whole face.
    const region = new Float64Array(468).fill(1)
    const unit = (f: Float64Array): Float64Array => {
      const n = Math.sqrt(innerProduct(f, f, w))
      return f.map((v) => v / n)
    }
    const a = unit(field('smile'))
    const raw = unit(field('frown'))
    const c = innerProduct(raw, a, w)
    const b = unit(raw.map((v, i) => v - c * a[i]!))
    const random = sequence(3)
    const samples = Array.from({ length: 400 }, () => {
      const s1 = 3 * random()
      const s2 = random()
      return a.map((v, i) => v * s1 + b[i]! * s2 + 1e-4 * random())
    })
    const pcs = regionalPrincipalComponents(samples, w, region, 2)
    expect(Math.abs(fieldCosine(pcs.components[0]!, a, w))).toBeGreaterThan(0.999)
    expect(Math.abs(fieldCosine(pcs.components[1]!, b, w))).toBeGreaterThan(0.999)
    for (const p of pcs.components) expect(innerProduct(p, p, w)).toBeCloseTo(1, 9)
    expect(Math.abs(innerProduct(pcs.components[0]!, pcs.components[1]!, w))).toBeLessThan(1e-9)
    expect(pcs.variances[0]! / pcs.variances[1]!).toBeGreaterThan(5)
    expect((pcs.variances[0]! + pcs.variances[1]!) / pcs.total).toBeGreaterThan(0.999)
    // Projecting a component onto the subspace returns it; the projection of the authored field lies in it.
    const p0 = projectOntoSubspace(pcs.components[0]!, pcs.components, w)
    expect(fieldCosine(p0, pcs.components[0]!, w)).toBeCloseTo(1, 9)
  })

  it('fits a direction to the real motion of its region: the part of the authored field real faces make', () => {
    // Real motion: only the smile's corner lift (the authored smile minus its cheek), plus noise; the fit keeps
    // the lift and drops the cheek, which no sample has.
    const corners = field('smile').map((v, i) => {
      const vertex = Math.floor(i / 3)
      return mesh.vertices[3 * vertex + 1]! < mesh.vertices[3 * 2 + 1]! ? v : 0 // below the nose
    })
    const random = sequence(11)
    const samples = Array.from({ length: 300 }, () => {
      const s = random()
      return corners.map((v) => v * s + 1e-3 * random())
    })
    const fit = fitDirectionShape(field('smile'), samples, mesh.vertices, w, {
      threshold: 0.5,
      widenCm: 0.5,
      energyFraction: 0.9,
      maxComponents: 4,
      smoothing: 0,
      openings: [],
      triangles: mesh.triangles
    })
    expect(fit.components).toBeGreaterThanOrEqual(1)
    expect(fieldCosine(fit.field, corners, w)).toBeGreaterThan(0.95)
    expect(fit.cosAuthored).toBeGreaterThan(0.5)
    expect(fit.cosAuthored).toBeLessThan(0.999)
    // Scaled back to the authored norm.
    expect(innerProduct(fit.field, fit.field, w)).toBeCloseTo(
      innerProduct(field('smile'), field('smile'), w),
      9
    )
  })
})
