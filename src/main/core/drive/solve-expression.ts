import type { AvatarCalibration } from './calibrate-avatar'
import { FACE_MEASURE_NAMES } from './face-measures'

const VERTICES = 468

/**
 * Per-frame least squares of a driver's landmark change onto what the analysis sees of each direction on
 * this avatar, with each direction's +1 and −1 responses as separate non-negative columns (the analysis
 * does not read a direction's two sides as mirror images), bounded to [0, `upper`]:
 *
 *   min_a  Σ_v w_v ‖Σ_j a_j p_j(v) − r(v)‖² + λ·mean_j(G_jj) Σ_j a_j² [+ μ·mean_j(G_jj) (a_blinkL − a_blinkR)²],
 *   0 ≤ a_j ≤ upper
 *
 * with w the vertex area weights and r the x, y change of the driver's canonical landmarks from its
 * reference face (plus the face-measure rows). The ridge term keeps directions the analysis barely sees
 * from soaking up landmark noise; the bracketed tie holds in the frames where both eyes close alike (BLINK_TIE_WEIGHT).
 * Solved by projected coordinate descent, warm-started from
 * the previous frame, until no weight moves by 1e-4 (at most 100 sweeps: 12 left mixtures of three directions
 * unconverged, recovering 0.58 of their cosine against 0.61 converged in bench:reach's driving-solver trials;
 * a sweep is m² multiply-adds for m ≤ 32 columns).
 */
export interface ExpressionSolver {
  /** Direction indices the solver uses (others stay 0). */
  readonly active: readonly number[]
  /**
   * Code (one value per calibration direction) for a change `r`: 468 × 2 cm of x, y landmark change,
   * then the change of each face measure (`SOLVER_INPUT_LENGTH` values).
   */
  solve(r: Float32Array): Float32Array
}

/**
 * Weight of each face-measure row against the landmark rows, per cm² of measure change. The landmark
 * rows spread a change over many vertices, where landmark noise hides the small, telling motions (a
 * lid closing, a brow lifting); the measure rows say directly how open the eyes and mouth are and how
 * high the brows and corners sit, so those motions carry over at their real size. Tuned on
 * `npm run bench:drive`.
 */
export const MEASURE_ROW_WEIGHT = 40

/**
 * Blinks: both eyes' blinks are tied (a penalty on the difference of their weights, relative to the mean column
 * energy as the ridge is) in the frames where the driver's two eyes close alike, each by more than
 * BLINK_TIE_CLOSING_CM and the lesser by at least BLINK_TIE_LIKENESS of the greater. Untied, the solve split a
 * driver's blink between one eye's blink, eyesWide's −1 and a lowered gaze, by whichever eye's blink the analysis
 * happened to read more of on this avatar: lp_s42 driven by sad_aoc got blinkL 1.0 and blinkR 0.2 at the driver's
 * full blinks, and winked. A frame where one eye closes and the other does not (a wink) is solved untied. At a weight
 * of 1 and a likeness of 0.35, sad_aoc's full blinks solve to blinkL 0.62 and blinkR 0.45 with eyesWide −0.8 on lp_s42
 * (both eyes shut); bench:drive on sad_aoc, lp_d13 and lp_d14 × three portraits: blinks found 65 → 66 of 66, eyeOpenR
 * r 0.85 → 0.87, eyeOpenL 0.88 → 0.87; the closed-loop recovery of bench:reach is unchanged (0.763), since its
 * single blinks are winks.
 */
export const BLINK_TIE_WEIGHT = 1
export const BLINK_TIE_CLOSING_CM = 0.15
export const BLINK_TIE_LIKENESS = 0.35

/** Length of a frame's input: the x, y landmark change, then the face-measure change. */
export const SOLVER_INPUT_LENGTH = VERTICES * 2 + FACE_MEASURE_NAMES.length

export function createExpressionSolver(
  calibration: AvatarCalibration,
  active: readonly number[],
  options: { ridge?: number; upper?: number; sweeps?: number; measureWeight?: number; blinkTie?: number } = {}
): ExpressionSolver {
  const ridge = options.ridge ?? 0.05
  const upper = options.upper ?? 2
  const sweeps = options.sweeps ?? 100
  const measureWeight = options.measureWeight ?? MEASURE_ROW_WEIGHT
  const columns: { direction: number; sign: 1 | -1; field: Float32Array }[] = []
  const joined = (field: Float32Array, measures: Float32Array): Float32Array => {
    const out = new Float32Array(SOLVER_INPUT_LENGTH)
    out.set(field)
    out.set(measures, VERTICES * 2)
    return out
  }
  for (const k of active) {
    columns.push({ direction: k, sign: 1, field: joined(calibration.plus[k]!, calibration.plusMeasures[k]!) })
    if (calibration.oneSided[k] === true) continue
    columns.push({
      direction: k,
      sign: -1,
      field: joined(calibration.minus[k]!, calibration.minusMeasures[k]!)
    })
  }
  const w = calibration.weights
  const m = columns.length
  const dot = (a: Float32Array, b: Float32Array): number => {
    let s = 0
    for (let v = 0; v < VERTICES; v++) s += w[v]! * (a[2 * v]! * b[2 * v]! + a[2 * v + 1]! * b[2 * v + 1]!)
    for (let j = VERTICES * 2; j < SOLVER_INPUT_LENGTH; j++) s += measureWeight * a[j]! * b[j]!
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
  // The ridge is relative to the mean column energy, not each column's own: a direction the analysis
  // barely sees on this avatar (a small column) must not be cheap to use, or it turns landmark noise into
  // motion (a still driver read through a codec moved browFurrow by 0.2).
  let meanEnergy = 0
  for (let i = 0; i < m; i++) meanEnergy += gram[i * m + i]! / Math.max(1, m)
  const usable = Array.from({ length: m }, (_, i) => gram[i * m + i]! > 1e-10)
  const diag = new Float64Array(m)
  for (let i = 0; i < m; i++) diag[i] = gram[i * m + i]! + ridge * meanEnergy
  // The blink tie μ (a_l − a_r)² adds μ to both +1 columns' diagonals and −μ between them (BLINK_TIE_WEIGHT): the
  // tied frames solve with these copies of the Gram matrix and its diagonal.
  const blinkColumn = (name: string): number => {
    const i = columns.findIndex((c) => c.sign === 1 && calibration.names[c.direction] === name)
    return i >= 0 && usable[i] ? i : -1
  }
  const [blinkL, blinkR] = [blinkColumn('blinkL'), blinkColumn('blinkR')]
  const tie = blinkL >= 0 && blinkR >= 0 ? (options.blinkTie ?? BLINK_TIE_WEIGHT) * meanEnergy : 0
  const gramTied = Float64Array.from(gram)
  const diagTied = Float64Array.from(diag)
  if (tie > 0) {
    diagTied[blinkL] += tie
    diagTied[blinkR] += tie
    gramTied[blinkL * m + blinkR] -= tie
    gramTied[blinkR * m + blinkL] -= tie
  }
  const eyeOpenL = VERTICES * 2 + FACE_MEASURE_NAMES.indexOf('eyeOpenL')
  const eyeOpenR = VERTICES * 2 + FACE_MEASURE_NAMES.indexOf('eyeOpenR')
  const closeAlike = (r: Float32Array): boolean => {
    const less = Math.min(-r[eyeOpenL]!, -r[eyeOpenR]!)
    const more = Math.max(-r[eyeOpenL]!, -r[eyeOpenR]!)
    return less > BLINK_TIE_CLOSING_CM && less >= BLINK_TIE_LIKENESS * more
  }
  const a = new Float64Array(m)
  const b = new Float64Array(m)
  return {
    active,
    solve(r) {
      const tied = tie > 0 && closeAlike(r)
      const g = tied ? gramTied : gram
      const d = tied ? diagTied : diag
      for (let i = 0; i < m; i++) b[i] = usable[i] ? dot(columns[i]!.field, r) : 0
      for (let sweep = 0; sweep < sweeps; sweep++) {
        let change = 0
        for (let i = 0; i < m; i++) {
          if (!usable[i]) {
            a[i] = 0
            continue
          }
          let s = b[i]!
          for (let j = 0; j < m; j++) if (j !== i) s -= g[i * m + j]! * a[j]!
          const next = Math.max(0, Math.min(upper, s / d[i]!))
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
