/**
 * Eigen decomposition of a small symmetric matrix by cyclic Jacobi rotations.
 * `matrix` is row-major n x n; returns eigenvalues and column eigenvectors (row-major n x n, column k
 * is the eigenvector of values[k]), sorted by descending eigenvalue.
 */
export function symmetricEigen(
  matrix: readonly number[],
  n: number
): { values: number[]; vectors: number[] } {
  const a = [...matrix]
  const v = new Array<number>(n * n).fill(0)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let offDiagonal = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) offDiagonal += a[p * n + q] ** 2
    if (offDiagonal < 1e-30) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]
        if (Math.abs(apq) < 1e-300) continue
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]
          const akq = a[k * n + q]
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]
          const aqk = a[q * n + k]
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]
          const vkq = v[k * n + q]
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i])
  const values = order.map((i) => a[i * n + i])
  const vectors = new Array<number>(n * n)
  for (let col = 0; col < n; col++)
    for (let row = 0; row < n; row++) vectors[row * n + col] = v[row * n + order[col]]
  return { values, vectors }
}
