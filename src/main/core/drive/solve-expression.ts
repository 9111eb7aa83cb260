import type { AvatarCalibration } from './calibrate-avatar'

const VERTICES = 468

/**
 * Per-frame least squares of a driver's landmark change onto what the analysis sees of each direction on
 * this avatar, with each direction's +1 and −1 responses as separate non-negative columns (the analysis
 * does not read a direction's two sides as mirror images), bounded to [0, `upper`]:
 *
 *   min_a  Σ_v w_v ‖Σ_j a_j p_j(v) − r(v)‖² + λ Σ_j G_jj a_j²,   0 ≤ a_j ≤ upper
 *
 * with w the vertex area weights and r the x, y change of the driver's canonical landmarks from its
 * reference face. The ridge term (relative to each column's own energy) keeps directions the analysis
 * barely sees from soaking up landmark noise. Solved by projected coordinate descent, warm-started from
 * the previous frame: the columns are local, so a few sweeps converge.
 */
export interface ExpressionSolver {
  /** Direction indices the solver uses (others stay 0). */
  readonly active: readonly number[]
  /** Code (one value per calibration direction) for a change `r` (468 × 2 cm, x and y). */
  solve(r: Float32Array): Float32Array
}

export function createExpressionSolver(
  calibration: AvatarCalibration,
  active: readonly number[],
  options: { ridge?: number; upper?: number; sweeps?: number } = {}
): ExpressionSolver {
  const ridge = options.ridge ?? 0.05
  const upper = options.upper ?? 2
  const sweeps = options.sweeps ?? 12
  const columns: { direction: number; sign: 1 | -1; field: Float32Array }[] = []
  for (const k of active) {
    columns.push({ direction: k, sign: 1, field: calibration.plus[k]! })
    columns.push({ direction: k, sign: -1, field: calibration.minus[k]! })
  }
  const w = calibration.weights
  const m = columns.length
  const dot = (a: Float32Array, b: Float32Array): number => {
    let s = 0
    for (let v = 0; v < VERTICES; v++) s += w[v]! * (a[2 * v]! * b[2 * v]! + a[2 * v + 1]! * b[2 * v + 1]!)
    return s
  }
  const gram = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const g = dot(columns[i]!.field, columns[j]!.field)
      gram[i * m + j] = g
      gram[j * m + i] = g
    }
  }
  const diag = new Float64Array(m)
  for (let i = 0; i < m; i++) diag[i] = gram[i * m + i]! * (1 + ridge)
  const usable = Array.from({ length: m }, (_, i) => gram[i * m + i]! > 1e-10)
  const a = new Float64Array(m)
  const b = new Float64Array(m)
  return {
    active,
    solve(r) {
      for (let i = 0; i < m; i++) b[i] = usable[i] ? dot(columns[i]!.field, r) : 0
      for (let sweep = 0; sweep < sweeps; sweep++) {
        let change = 0
        for (let i = 0; i < m; i++) {
          if (!usable[i]) {
            a[i] = 0
            continue
          }
          let s = b[i]!
          for (let j = 0; j < m; j++) if (j !== i) s -= gram[i * m + j]! * a[j]!
          const next = Math.max(0, Math.min(upper, s / diag[i]!))
          change = Math.max(change, Math.abs(next - a[i]!))
          a[i] = next
        }
        if (change < 1e-4) break
      }
      const code = new Float32Array(calibration.names.length)
      columns.forEach((c, i) => (code[c.direction]! += c.sign * a[i]!))
      return code
    }
  }
}
