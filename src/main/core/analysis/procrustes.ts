import { symmetricEigen } from './symmetric-eigen'

/** target ~= scale * rotation * source + translation. `rotation` is row-major 3x3, proper (det = +1). */
export interface SimilarityTransform {
  readonly rotation: readonly number[]
  readonly scale: number
  readonly translation: readonly [number, number, number]
  /** sqrt(sum w |s R p + t - q|^2 / sum w), in target units. */
  readonly rmsError: number
}

/** Index into a flat xyz array and its (non-negative) weight. */
export interface WeightedIndex {
  readonly index: number
  readonly weight: number
}

/**
 * Weighted similarity Procrustes (Horn's closed-form quaternion solution, Umeyama's scale): finds the
 * rotation, uniform scale and translation that best map `source` points onto `target` points in the
 * weighted least-squares sense. Both arrays are flat xyz in any consistent right-handed frame.
 */
export function fitSimilarityTransform(
  source: ArrayLike<number>,
  target: ArrayLike<number>,
  weights: readonly WeightedIndex[]
): SimilarityTransform {
  let wSum = 0
  const ms = [0, 0, 0]
  const mt = [0, 0, 0]
  for (const { index, weight } of weights) {
    wSum += weight
    for (let k = 0; k < 3; k++) {
      ms[k] += weight * source[index * 3 + k]
      mt[k] += weight * target[index * 3 + k]
    }
  }
  if (!(wSum > 0)) throw new Error('fitSimilarityTransform: weights must sum to a positive number')
  for (let k = 0; k < 3; k++) {
    ms[k] /= wSum
    mt[k] /= wSum
  }
  // Weighted cross-covariance S[a][b] = sum w (source_a - ms_a)(target_b - mt_b) and source variance.
  const S = new Array<number>(9).fill(0)
  let sourceVariance = 0
  for (const { index, weight } of weights) {
    const p = [source[index * 3] - ms[0], source[index * 3 + 1] - ms[1], source[index * 3 + 2] - ms[2]]
    const q = [target[index * 3] - mt[0], target[index * 3 + 1] - mt[1], target[index * 3 + 2] - mt[2]]
    sourceVariance += weight * (p[0] * p[0] + p[1] * p[1] + p[2] * p[2])
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) S[a * 3 + b] += weight * p[a] * q[b]
  }
  const [xx, xy, xz, yx, yy, yz, zx, zy, zz] = S
  const N = [
    xx + yy + zz, yz - zy, zx - xz, xy - yx,
    yz - zy, xx - yy - zz, xy + yx, zx + xz,
    zx - xz, xy + yx, -xx + yy - zz, yz + zy,
    xy - yx, zx + xz, yz + zy, -xx - yy + zz
  ] // prettier-ignore
  const { vectors } = symmetricEigen(N, 4)
  const rotation = quaternionToMatrix(vectors[0], vectors[4], vectors[8], vectors[12])

  // Umeyama scale: sum w q . (R p) / sum w |p|^2.
  let numerator = 0
  for (const { index, weight } of weights) {
    const p = [source[index * 3] - ms[0], source[index * 3 + 1] - ms[1], source[index * 3 + 2] - ms[2]]
    const rp = multiply3(rotation, p)
    for (let k = 0; k < 3; k++) numerator += weight * rp[k] * (target[index * 3 + k] - mt[k])
  }
  const scale = sourceVariance > 0 ? numerator / sourceVariance : 1
  const rms = multiply3(rotation, ms)
  const translation: [number, number, number] = [
    mt[0] - scale * rms[0],
    mt[1] - scale * rms[1],
    mt[2] - scale * rms[2]
  ]
  let squaredError = 0
  for (const { index, weight } of weights) {
    const rp = multiply3(rotation, [source[index * 3], source[index * 3 + 1], source[index * 3 + 2]])
    for (let k = 0; k < 3; k++)
      squaredError += weight * (scale * rp[k] + translation[k] - target[index * 3 + k]) ** 2
  }
  return { rotation, scale, translation, rmsError: Math.sqrt(squaredError / wSum) }
}

/** Row-major rotation matrix of a (not necessarily unit) quaternion w + xi + yj + zk. */
export function quaternionToMatrix(w: number, x: number, y: number, z: number): number[] {
  const n = Math.hypot(w, x, y, z)
  w /= n
  x /= n
  y /= n
  z /= n
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
    2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
    2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)
  ] // prettier-ignore
}

/** Row-major 3x3 times a 3-vector. */
export function multiply3(m: readonly number[], v: readonly number[]): [number, number, number] {
  return [
    m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
    m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
    m[6] * v[0] + m[7] * v[1] + m[8] * v[2]
  ]
}
