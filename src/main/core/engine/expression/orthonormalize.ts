/**
 * Löwdin (symmetric) orthonormalisation of expression directions under a vertex-area-weighted inner product.
 *
 * Inner product of two displacement fields a, b on the canonical mesh (468 x 3, cm):
 *   <a, b> = sum_v m_v (a_v . b_v) / sum_v m_v,  m_v = one third of the area of the triangles around v.
 * Area weighting makes the product approximate the surface integral of a . b, so densely meshed regions
 * (lips, eyes) do not count more than the cheeks.
 *
 * Löwdin: E' = G^(-1/2) E with G the Gram matrix of the unit-normalised directions. Among all orthonormal
 * sets it is the closest to E in the least-squares sense and does not depend on the order of the
 * directions (Gram-Schmidt would bend later directions toward earlier ones). Each output stays a blend of
 * directions that overlap it, so it stays local.
 *
 * Weighted (priorities p_k): the same on A = E diag(p), i.e. Q = A (A^T A)^(-1/2), the orthonormal set that
 * maximises sum_k p_k cos(q_k, e_k). A direction with a higher priority keeps its authored shape more closely
 * and the ones overlapping it give way; equal priorities are plain Löwdin, still order-free.
 */

export function vertexAreaWeights(vertices: ArrayLike<number>, triangles: ArrayLike<number>): Float64Array {
  const m = new Float64Array(vertices.length / 3)
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [triangles[t]!, triangles[t + 1]!, triangles[t + 2]!]
    const u = [0, 1, 2].map((k) => vertices[3 * b + k]! - vertices[3 * a + k]!)
    const v = [0, 1, 2].map((k) => vertices[3 * c + k]! - vertices[3 * a + k]!)
    const cx = u[1]! * v[2]! - u[2]! * v[1]!
    const cy = u[2]! * v[0]! - u[0]! * v[2]!
    const cz = u[0]! * v[1]! - u[1]! * v[0]!
    const area = 0.5 * Math.hypot(cx, cy, cz)
    m[a] += area / 3
    m[b] += area / 3
    m[c] += area / 3
  }
  return m
}

export function innerProduct(a: ArrayLike<number>, b: ArrayLike<number>, weights: ArrayLike<number>): number {
  let s = 0
  let total = 0
  for (let v = 0; v < weights.length; v++) {
    const w = weights[v]!
    total += w
    s += w * (a[3 * v]! * b[3 * v]! + a[3 * v + 1]! * b[3 * v + 1]! + a[3 * v + 2]! * b[3 * v + 2]!)
  }
  return s / total
}

export interface OrthonormalResult {
  /** Unit directions, orthonormal under the weighted inner product. */
  readonly directions: Float64Array[]
  /** Norm of each authored field (its slider amplitude: the basis at +1 is amplitude * direction). */
  readonly amplitudes: number[]
  /** Cosine between each authored field and its orthonormalised direction (1 = unchanged). */
  readonly fidelity: number[]
  /** Largest |cosine| between two output directions. */
  readonly maxAbsCosine: number
  /** Largest |cosine| between two authored fields, before orthonormalisation. */
  readonly maxAbsCosineAuthored: number
}

export function lowdinOrthonormalize(
  fields: readonly ArrayLike<number>[],
  weights: ArrayLike<number>,
  priorities: readonly number[] = fields.map(() => 1)
): OrthonormalResult {
  const k = fields.length
  if (priorities.length !== k || priorities.some((p) => !(p > 0))) {
    throw new RangeError(`need ${k} positive priorities, got ${priorities.join(', ')}`)
  }
  const amplitudes = fields.map((f) => Math.sqrt(innerProduct(f, f, weights)))
  const unit = fields.map((f, i) => Float64Array.from(f, (x) => x / amplitudes[i]!))
  const gram = unit.map((a, i) =>
    unit.map((b, j) => priorities[i]! * priorities[j]! * innerProduct(a, b, weights))
  )
  const { values, vectors } = jacobiEigen(gram)
  if (Math.min(...values) < 1e-6) throw new Error('expression directions are linearly dependent')
  // G^(-1/2) = Q diag(1/sqrt(l)) Q^T
  const inv = gram.map((_, i) =>
    gram.map((__, j) => {
      let s = 0
      for (let e = 0; e < k; e++) s += (vectors[i]![e]! * vectors[j]![e]!) / Math.sqrt(values[e]!)
      return s
    })
  )
  const directions = inv.map((row) => {
    const out = new Float64Array(unit[0]!.length)
    row.forEach((c, j) => {
      const u = unit[j]!
      const cp = c * priorities[j]!
      for (let t = 0; t < out.length; t++) out[t] += cp * u[t]!
    })
    return out
  })
  const fidelity = directions.map((d, i) => innerProduct(d, unit[i]!, weights))
  return {
    directions,
    amplitudes,
    fidelity,
    maxAbsCosine: maxOffDiagonal(directions, weights),
    maxAbsCosineAuthored: maxOffDiagonal(unit, weights)
  }
}

export function maxOffDiagonal(directions: readonly ArrayLike<number>[], weights: ArrayLike<number>): number {
  let max = 0
  for (let i = 0; i < directions.length; i++) {
    for (let j = i + 1; j < directions.length; j++) {
      const a = directions[i]!
      const b = directions[j]!
      const c =
        innerProduct(a, b, weights) / Math.sqrt(innerProduct(a, a, weights) * innerProduct(b, b, weights))
      max = Math.max(max, Math.abs(c))
    }
  }
  return max
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations; vectors are columns. */
export function jacobiEigen(matrix: readonly (readonly number[])[]): {
  values: number[]
  vectors: number[][]
} {
  const n = matrix.length
  const a = matrix.map((r) => [...r])
  const v: number[][] = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)))
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2
    if (off < 1e-22) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!
        if (Math.abs(apq) < 1e-300) continue
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!
          const akq = a[k]![q]!
          a[k]![p] = c * akp - s * akq
          a[k]![q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!
          const aqk = a[q]![k]!
          a[p]![k] = c * apk - s * aqk
          a[q]![k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!
          const vkq = v[k]![q]!
          v[k]![p] = c * vkp - s * vkq
          v[k]![q] = s * vkp + c * vkq
        }
      }
    }
  }
  return { values: a.map((r, i) => r[i]!), vectors: v }
}
