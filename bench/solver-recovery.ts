// Closed-loop expression recovery through the product's own retargeting (bench/expression-reach.ts): the avatar
// is calibrated as driving calibrates it (calibrateAvatar: what the analysis reads of each direction at ±1 on
// this avatar), then renders at codes AWAY from the calibration points are analysed and solved back with the
// driving solver (createExpressionSolver, all directions active, the same landmark and face-measure rows as
// retargetDriver, then its dead zone). Cosine of the solved code with the commanded one: what a driven performance keeps of the
// expression it was shown. Trials: every direction at +0.6 (and −0.6 where it has a −1), and seeded mixtures of
// three directions from different regions at 0.3–0.9.
import type { FaceAnalysis } from '../src/shared/face/face-analysis'
import type { AvatarCalibration } from '../src/main/core/drive/calibrate-avatar'
import { FACE_MEASURE_NAMES, measureFace, withIrises } from '../src/main/core/drive/face-measures'
import { deadZone, EXPRESSION_DEAD_ZONE } from '../src/main/core/drive/retarget-driver'
import { createExpressionSolver, SOLVER_INPUT_LENGTH } from '../src/main/core/drive/solve-expression'
import { cosine, type RecoveryTrial } from './expression-recovery'

const VERTICES = 468
/** Single-direction amplitude: off the ±1 the calibration rendered, inside the range drivers use. */
const SINGLE = 0.6
const MIXTURES = 8

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d

/** A small seeded PRNG (mulberry32), so every run and every portrait gets the same mixtures. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The trials: singles at ±SINGLE (+ only for one-sided directions), then mixtures across regions. */
export function solverTrials(calibration: AvatarCalibration, seed = 16): RecoveryTrial[] {
  const { names, regions, oneSided } = calibration
  const trials: RecoveryTrial[] = []
  names.forEach((n, k) => {
    trials.push({ name: `${n}+${SINGLE}`, expression: { [n]: SINGLE } })
    if (!oneSided[k]) trials.push({ name: `${n}-${SINGLE}`, expression: { [n]: -SINGLE } })
  })
  const next = random(seed)
  for (let m = 0; m < MIXTURES; m++) {
    const used = new Set<string>()
    const expression: Record<string, number> = {}
    for (let tries = 0; Object.keys(expression).length < 3 && tries < 100; tries++) {
      const k = Math.floor(next() * names.length)
      if (used.has(regions[k]!)) continue
      used.add(regions[k]!)
      const amplitude = 0.3 + 0.6 * next()
      const sign = oneSided[k] || next() < 0.5 ? 1 : -1
      expression[names[k]!] = round(sign * amplitude, 2)
    }
    trials.push({
      name: Object.entries(expression)
        .map(([n, v]) => `${n}${v}`)
        .join(' '),
      expression
    })
  }
  return trials
}

export interface SolverRecoveryResult {
  readonly cosineMean: number
  readonly singlesMean: number
  readonly mixturesMean: number
  /** The five trials with the lowest cosine. */
  readonly weakest: readonly { name: string; cosine: number | null }[]
  readonly trials: readonly { name: string; cosine: number | null }[]
}

/**
 * Runs the trials through the driving solver. `base`: the zero-code render analysed; `measure`: renders and
 * analyses an expression (null when no face is found: the trial counts as 0).
 */
export async function solverRecovery(
  calibration: AvatarCalibration,
  base: FaceAnalysis,
  measure: (expression: Readonly<Record<string, number>>) => Promise<FaceAnalysis | null>
): Promise<SolverRecoveryResult> {
  const solver = createExpressionSolver(
    calibration,
    calibration.names.map((_, k) => k)
  )
  const baseShape = withIrises(base.canonicalLandmarks, base.canonicalIrises)
  const baseMeasures = measureFace(baseShape)
  const records: { name: string; cosine: number | null; mixture: boolean }[] = []
  for (const trial of solverTrials(calibration)) {
    const seen = await measure(trial.expression)
    if (!seen) {
      records.push({ name: trial.name, cosine: null, mixture: Object.keys(trial.expression).length > 1 })
      continue
    }
    const shape = withIrises(seen.canonicalLandmarks, seen.canonicalIrises)
    const change = new Float32Array(SOLVER_INPUT_LENGTH)
    for (let v = 0; v < VERTICES; v++) {
      change[2 * v] = shape[3 * v]! - baseShape[3 * v]!
      change[2 * v + 1] = shape[3 * v + 1]! - baseShape[3 * v + 1]!
    }
    const measures = measureFace(shape)
    FACE_MEASURE_NAMES.forEach((key, j) => (change[VERTICES * 2 + j] = measures[key] - baseMeasures[key]))
    // As retargetDriver outputs it: the dead zone that keeps landmark noise from moving still directions.
    const solved = Array.from(solver.solve(change), (x) => deadZone(x, EXPRESSION_DEAD_ZONE))
    const commanded = calibration.names.map((n) => trial.expression[n] ?? 0)
    records.push({
      name: trial.name,
      cosine: round(cosine(solved, commanded)),
      mixture: Object.keys(trial.expression).length > 1
    })
  }
  const meanOf = (rs: typeof records): number =>
    rs.length ? round(rs.reduce((s, r) => s + (r.cosine ?? 0), 0) / rs.length) : NaN
  return {
    cosineMean: meanOf(records),
    singlesMean: meanOf(records.filter((r) => !r.mixture)),
    mixturesMean: meanOf(records.filter((r) => r.mixture)),
    weakest: [...records]
      .sort((a, b) => (a.cosine ?? -2) - (b.cosine ?? -2))
      .slice(0, 5)
      .map(({ name, cosine: c }) => ({ name, cosine: c })),
    trials: records.map(({ name, cosine: c }) => ({ name, cosine: c }))
  }
}
