import { innerProduct, jacobiEigen } from './orthonormalize'

/**
 * Numerics that shape the authored expression directions to real motion (`npm run fit:expressions`,
 * `scripts/fit-expression-directions.ts`). All fields are 468 × (dx, dy, dz) canonical cm, and every inner
 * product is the expression space's: vertex-area-weighted, `<a, b> = Σ m_v a_v·b_v / Σ m_v`.
 *
 * For one direction: a region weight r (1 where the authored field moves, falling smoothly to 0 a little
 * beyond), the principal components of the real residuals seen through r, and the fitted direction = the
 * authored field projected onto the top-P of them. The projection is the field of the real region motion
 * closest to the authored one, so the name keeps its meaning (a smile stays a smile) while the shape becomes
 * one real faces make.
 */

const VERTICES = 468

/**
 * For each vertex, its mirror image across the face's midplane (x → −x): the vertex of the canonical mesh
 * nearest to (−x, y, z). The canonical mesh is symmetric, so the map is an involution.
 */
export function mirrorMap(vertices: ArrayLike<number>): Int32Array {
  const n = vertices.length / 3
  const out = new Int32Array(n)
  for (let v = 0; v < n; v++) {
    const [x, y, z] = [-vertices[3 * v]!, vertices[3 * v + 1]!, vertices[3 * v + 2]!]
    let best = v
    let bestD = Infinity
    for (let u = 0; u < n; u++) {
      const d =
        (vertices[3 * u]! - x) ** 2 + (vertices[3 * u + 1]! - y) ** 2 + (vertices[3 * u + 2]! - z) ** 2
      if (d < bestD) {
        bestD = d
        best = u
      }
    }
    out[v] = best
  }
  return out
}

/** A displacement field seen in the mirror: vertex v takes its mirror's displacement with dx negated. */
export function mirrorField(field: ArrayLike<number>, mirror: ArrayLike<number>): Float64Array {
  const out = new Float64Array(field.length)
  for (let v = 0; v < mirror.length; v++) {
    const u = mirror[v]!
    out[3 * v] = -field[3 * u]!
    out[3 * v + 1] = field[3 * u + 1]!
    out[3 * v + 2] = field[3 * u + 2]!
  }
  return out
}

export interface RegionOptions {
  /**
   * Full weight where the field moves a vertex by at least this share of its largest move; below, the weight
   * falls smoothly (smoothstep) to 0 where the field does not move it.
   */
  readonly threshold: number
  /** The core is widened by a Gaussian of this width (cm) in the canonical mesh's 3-D distance. */
  readonly widenCm: number
}

/**
 * Region weight of a direction, per vertex in 0..1: the core (1 where the field moves at least `threshold` of
 * its largest move, a smoothstep of the move below that) dilated by a Gaussian of `widenCm`, cut to 0 below 0.02.
 */
export function regionWeights(
  field: ArrayLike<number>,
  vertices: ArrayLike<number>,
  options: RegionOptions
): Float64Array {
  const n = vertices.length / 3
  const size = Float64Array.from({ length: n }, (_, v) =>
    Math.hypot(field[3 * v]!, field[3 * v + 1]!, field[3 * v + 2]!)
  )
  const max = Math.max(...size)
  const core = Float64Array.from(size, (s) => {
    const t = Math.min(1, s / max / options.threshold)
    return t * t * (3 - 2 * t)
  })
  const out = new Float64Array(n)
  const inv = 1 / (2 * options.widenCm ** 2)
  for (let v = 0; v < n; v++) {
    let w = 0
    for (let u = 0; u < n; u++) {
      if (core[u] === 0) continue
      const d2 =
        (vertices[3 * u]! - vertices[3 * v]!) ** 2 +
        (vertices[3 * u + 1]! - vertices[3 * v + 1]!) ** 2 +
        (vertices[3 * u + 2]! - vertices[3 * v + 2]!) ** 2
      w = Math.max(w, core[u]! * Math.exp(-d2 * inv))
    }
    out[v] = w < 0.02 ? 0 : w
  }
  return out
}

export interface PrincipalComponents {
  /** Fields (468 × 3), orthonormal under the area-weighted inner product, by decreasing variance. */
  readonly components: Float64Array[]
  /** Mean squared coefficient of the samples on each component (cm²). */
  readonly variances: number[]
  /** Mean squared norm of the region-weighted samples: the variances of all components sum to it. */
  readonly total: number
}

/**
 * The top `count` principal components (uncentred: the samples are changes from a neutral face) of the
 * samples seen through the region weight `region`, under the area-weighted inner product. Subspace iteration
 * on the region's covariance, then a Rayleigh-Ritz rotation; deterministic.
 */
export function regionalPrincipalComponents(
  samples: readonly ArrayLike<number>[],
  areaWeights: ArrayLike<number>,
  region: ArrayLike<number>,
  count: number
): PrincipalComponents {
  let totalArea = 0
  for (let v = 0; v < areaWeights.length; v++) totalArea += areaWeights[v]!
  // Coordinates of the region in the Euclidean frame of the inner product: y = sqrt(m_v / M) r_v x.
  const dims: number[] = []
  const area: number[] = []
  const scale: number[] = []
  for (let v = 0; v < VERTICES; v++) {
    if (!(region[v]! > 0)) continue
    const a = Math.sqrt(areaWeights[v]! / totalArea)
    for (let k = 0; k < 3; k++) {
      dims.push(3 * v + k)
      area.push(a)
      scale.push(a * region[v]!)
    }
  }
  const d = dims.length
  const cov = new Float64Array(d * d)
  const y = new Float64Array(d)
  for (const sample of samples) {
    for (let i = 0; i < d; i++) y[i] = sample[dims[i]!]! * scale[i]!
    for (let i = 0; i < d; i++) {
      const yi = y[i]!
      if (yi === 0) continue
      const row = i * d
      for (let j = i; j < d; j++) cov[row + j] += yi * y[j]!
    }
  }
  const f = Math.max(1, samples.length)
  let total = 0
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      cov[i * d + j] /= f
      cov[j * d + i] = cov[i * d + j]!
    }
    total += cov[i * d + i]!
  }
  const k = Math.min(d, count + 6)
  // Deterministic start: a fixed pseudo-random sequence.
  let seed = 12345
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648 - 0.5
  }
  let basis: Float64Array[] = Array.from({ length: k }, () => Float64Array.from({ length: d }, random))
  orthonormalizeColumns(basis)
  const product = (u: Float64Array): Float64Array => {
    const out = new Float64Array(d)
    for (let i = 0; i < d; i++) {
      let s = 0
      const row = i * d
      for (let j = 0; j < d; j++) s += cov[row + j]! * u[j]!
      out[i] = s
    }
    return out
  }
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = basis.map(product)
    orthonormalizeColumns(next)
    // Converged when each wanted vector stays where it was (the extra vectors only speed this up).
    let change = 0
    for (let c = 0; c < Math.min(count, k); c++)
      change = Math.max(change, 1 - Math.abs(dot(basis[c]!, next[c]!)))
    basis = next
    if (change < 1e-12) break
  }
  const images = basis.map(product)
  const h = basis.map((a) => images.map((b) => dot(a, b)))
  const { values, vectors } = jacobiEigen(h)
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!)
  const components: Float64Array[] = []
  const variances: number[] = []
  for (const e of order.slice(0, Math.min(count, d))) {
    const field = new Float64Array(VERTICES * 3)
    for (let i = 0; i < d; i++) {
      let s = 0
      for (let c = 0; c < k; c++) s += vectors[c]![e]! * basis[c]![i]!
      // Back from y to a field (a region-weighted real motion): the inner product of two such fields is
      // the dot product of their y.
      field[dims[i]!] = s / area[i]!
    }
    components.push(field)
    variances.push(values[e]!)
  }
  return { components, variances, total }
}

/**
 * Projection of `field` onto the span of `components` (orthonormal under the area-weighted inner product).
 */
export function projectOntoSubspace(
  field: ArrayLike<number>,
  components: readonly ArrayLike<number>[],
  areaWeights: ArrayLike<number>
): Float64Array {
  const out = new Float64Array(field.length)
  for (const c of components) {
    const a = innerProduct(field, c, areaWeights)
    for (let i = 0; i < out.length; i++) out[i] += a * c[i]!
  }
  return out
}

/** Cosine between two fields under the area-weighted inner product. */
export function fieldCosine(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  areaWeights: ArrayLike<number>
): number {
  return (
    innerProduct(a, b, areaWeights) /
    Math.sqrt(innerProduct(a, a, areaWeights) * innerProduct(b, b, areaWeights))
  )
}

/** The q-quantile of `values` (nearest rank); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] ?? NaN
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}

/** Modified Gram-Schmidt on a list of vectors, in place (a vector that collapses is left at zero). */
function orthonormalizeColumns(vectors: Float64Array[]): void {
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!
    for (let j = 0; j < i; j++) {
      const u = vectors[j]!
      const a = dot(u, v)
      for (let t = 0; t < v.length; t++) v[t] -= a * u[t]!
    }
    const norm = Math.sqrt(dot(v, v))
    if (norm > 1e-300) for (let t = 0; t < v.length; t++) v[t] /= norm
  }
}

export interface FitShapeOptions extends RegionOptions {
  /** Umbrella smoothing steps on the mesh after the projection (see `smoothOnMesh`); 0 = none. */
  readonly smoothing: number
  /** Rings of the mouth and eye openings: the smoothing does not cross them. */
  readonly openings: readonly (readonly number[])[]
  /** The mesh's triangles (3 vertex indices each), for the smoothing. */
  readonly triangles: ArrayLike<number>
  /** Keep the fewest components that explain at least this share of the region's real motion energy. */
  readonly energyFraction: number
  /** … but at most this many (and at least 2: a mirrored data set pairs symmetric and antisymmetric modes). */
  readonly maxComponents: number
}

export interface FittedShape {
  /**
   * The authored field projected onto the region's top components, smoothed on the mesh, scaled back to the
   * authored norm.
   */
  readonly field: Float64Array
  readonly components: number
  /** cos(authored, fitted) under the area-weighted inner product. */
  readonly cosAuthored: number
  /** Share of the region's real motion energy the kept components explain. */
  readonly energy: number
}

/**
 * Shapes one direction to real motion: region weight from the authored field, principal components of the
 * samples (changes from a neutral face) seen through it, and the authored field projected onto the fewest
 * components that explain `energyFraction` of the region's energy, then smoothed on the mesh.
 */
export function fitDirectionShape(
  authored: ArrayLike<number>,
  samples: readonly ArrayLike<number>[],
  vertices: ArrayLike<number>,
  areaWeights: ArrayLike<number>,
  options: FitShapeOptions
): FittedShape {
  const region = regionWeights(authored, vertices, options)
  const pcs = regionalPrincipalComponents(samples, areaWeights, region, options.maxComponents)
  let energy = 0
  let p = 0
  while (p < pcs.variances.length && energy < options.energyFraction * pcs.total)
    energy += pcs.variances[p++]!
  p = Math.max(Math.min(2, pcs.variances.length), p)
  energy = pcs.variances.slice(0, p).reduce((a, b) => a + b, 0)
  const projection = smoothOnMesh(
    projectOntoSubspace(authored, pcs.components.slice(0, p), areaWeights),
    options.triangles,
    options.openings,
    options.smoothing
  )
  const norm = Math.sqrt(innerProduct(projection, projection, areaWeights))
  const scale = norm > 0 ? Math.sqrt(innerProduct(authored, authored, areaWeights)) / norm : 0
  return {
    field: projection.map((x) => x * scale),
    components: p,
    cosAuthored: norm > 0 ? fieldCosine(authored, projection, areaWeights) : 0,
    energy: pcs.total > 0 ? energy / pcs.total : 0
  }
}

/**
 * Removes from each sample the part that follows the head pose linearly: per coordinate, the least-squares
 * fit of the samples on the regressors (e.g. the head's angles from the reference and their squares), pooled
 * over all samples, is subtracted. Frontalising a turned head leaves a pose-dependent error in the canonical
 * landmarks (the landmark model's depth is off by a centimetre or two, so a nod shifts the mouth up and down
 * against the rigid points); an expression does not follow the pose the same way in every clip.
 * Returns the cleaned samples and the fitted gains (one field per regressor, cm per regressor unit).
 */
export function removePoseDependence(
  samples: readonly ArrayLike<number>[],
  regressors: readonly (readonly number[])[]
): { samples: Float64Array[]; gains: Float64Array[] } {
  const m = regressors[0]?.length ?? 0
  const length = samples[0]?.length ?? 0
  // Normal equations: (XᵀX) G = XᵀR.
  const xtx = Array.from({ length: m }, () => new Float64Array(m))
  const xtr = Array.from({ length: m }, () => new Float64Array(length))
  samples.forEach((s, f) => {
    const x = regressors[f]!
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) xtx[a]![b] += x[a]! * x[b]!
      const row = xtr[a]!
      for (let k = 0; k < length; k++) row[k] += x[a]! * s[k]!
    }
  })
  const inverse = invertSymmetric(xtx.map((r) => Array.from(r)))
  const gains = Array.from({ length: m }, (_, a) => {
    const g = new Float64Array(length)
    for (let b = 0; b < m; b++) {
      const c = inverse[a]![b]!
      const row = xtr[b]!
      for (let k = 0; k < length; k++) g[k] += c * row[k]!
    }
    return g
  })
  const cleaned = samples.map((s, f) => {
    const x = regressors[f]!
    const out = Float64Array.from(s)
    for (let a = 0; a < m; a++) {
      const g = gains[a]!
      for (let k = 0; k < length; k++) out[k] -= x[a]! * g[k]!
    }
    return out
  })
  return { samples: cleaned, gains }
}

/** Inverse of a small symmetric positive-definite matrix through its eigen-decomposition. */
export function invertSymmetric(matrix: number[][]): number[][] {
  const { values, vectors } = jacobiEigen(matrix)
  const max = Math.max(...values)
  return matrix.map((_, i) =>
    matrix.map((__, j) => {
      let s = 0
      for (let e = 0; e < values.length; e++) {
        if (values[e]! > 1e-12 * max) s += (vectors[i]![e]! * vectors[j]![e]!) / values[e]!
      }
      return s
    })
  )
}

/**
 * Smooths a field on the mesh: `iterations` umbrella steps (each vertex moves `rate` of the way to the mean of
 * its neighbours), with the triangles that span an opening (all three corners on one of `openings`, the rings
 * of the mouth and eye openings) left out, so the lips and lids stay apart.
 */
export function smoothOnMesh(
  field: ArrayLike<number>,
  triangles: ArrayLike<number>,
  openings: readonly (readonly number[])[],
  iterations: number,
  rate = 0.5
): Float64Array {
  const n = field.length / 3
  const rings = openings.map((r) => new Set(r))
  const neighbours: Set<number>[] = Array.from({ length: n }, () => new Set<number>())
  for (let t = 0; t < triangles.length; t += 3) {
    const tri = [triangles[t]!, triangles[t + 1]!, triangles[t + 2]!]
    if (rings.some((ring) => tri.every((v) => ring.has(v)))) continue
    for (const a of tri) for (const b of tri) if (a !== b) neighbours[a]!.add(b)
  }
  let current = Float64Array.from(field)
  for (let it = 0; it < iterations; it++) {
    const next = Float64Array.from(current)
    for (let v = 0; v < n; v++) {
      const around = neighbours[v]!
      if (around.size === 0) continue
      for (let k = 0; k < 3; k++) {
        let mean = 0
        for (const u of around) mean += current[3 * u + k]!
        next[3 * v + k] = current[3 * v + k]! + rate * (mean / around.size - current[3 * v + k]!)
      }
    }
    current = next
  }
  return current
}
