import { CAMERA_SUPPORTED_RANGE } from '@shared/engine/camera'
import { DRIVE_SMOOTHING, oneEuroFilter, zeroPhaseOneEuro } from '@shared/performance/one-euro-filter'
import type { PerformanceChannel, PerformanceSeries } from '@shared/performance/performance'
import type { AvatarCalibration } from './calibrate-avatar'
import { fillGaps, findGaps } from './fill-gaps'
import { cameraAngles, relativeRotation, softLimit } from './head-rotation'
import { pickReferenceFrame, referenceShape } from './pick-reference'
import { createExpressionSolver, SOLVER_INPUT_LENGTH } from './solve-expression'
import { FACE_MEASURE_NAMES, measureFace, type FaceMeasures } from './face-measures'
import type { DriverTrack } from './track-driver'

export type DriveMode = 'both' | 'expression' | 'pose'
export type DriveSmoothing = 'off' | 'live' | 'offline'
export const DRIVE_MODES: readonly DriveMode[] = ['both', 'expression', 'pose']

export interface RetargetOptions {
  /** What carries over (default both). */
  readonly mode?: DriveMode
  /** Multiplies every expression weight (default 1); head rotation is not scaled. */
  readonly intensity?: number
  /** Extra gain per direction name (default 1). */
  readonly gains?: Readonly<Record<string, number>>
  /** Face regions ('eyes', 'gaze', 'brows', 'mouth', 'jaw', 'nose') set to false are not driven. */
  readonly regions?: Readonly<Record<string, boolean>>
  /** The driver's reference frame (index into the track); default: the most neutral frame. */
  readonly referenceIndex?: number
  /** 'offline' (default): zero-phase One Euro; 'live': causal One Euro, as live capture would; 'off'. */
  readonly smoothing?: DriveSmoothing
  /** Longest ease back to the reference at either end of a gap, seconds (default 0.3). */
  readonly gapEaseSec?: number
}

/**
 * Expression weights below this (code units) are landmark noise, not motion: a still driver read
 * through a video codec wobbles by up to ~0.1 on the subtler directions (lipsPress, jawSideways). Larger values are shifted
 * down by it and rescaled so that ±1 stays ±1, which keeps the curve continuous.
 */
export const EXPRESSION_DEAD_ZONE = 0.1

/** A [1 2 1]/4 smoothing kernel, the ends kept. */
export function binomial3(values: Float32Array): Float32Array {
  const out = Float32Array.from(values)
  for (let i = 1; i + 1 < values.length; i++) out[i] = (values[i - 1]! + 2 * values[i]! + values[i + 1]!) / 4
  return out
}

/** `x` with a soft dead zone of half-width `d` around 0, continuous and with ±1 fixed. */
export function deadZone(x: number, d: number): number {
  const a = Math.abs(x)
  return a <= d ? 0 : (Math.sign(x) * (a - d)) / (1 - d)
}

/** A smoothed code as a slider weight: dead zone, × gain, clamped to `low`..1 (`low` 0 for one-sided directions). */
export function expressionWeight(code: number, gain: number, low: number): number {
  return Math.max(low, Math.min(1, deadZone(code, EXPRESSION_DEAD_ZONE) * gain))
}

/**
 * The solver's input for one driver face (`SOLVER_INPUT_LENGTH` values, written into `out`): the x, y
 * change of its canonical landmarks from the reference shape (cm), then the change of each face measure.
 */
export function driverChange(
  canonical: Float32Array,
  refShape: Float32Array,
  refMeasures: FaceMeasures,
  out: Float32Array
): Float32Array {
  for (let v = 0; v < 468; v++) {
    out[2 * v] = canonical[3 * v]! - refShape[3 * v]!
    out[2 * v + 1] = canonical[3 * v + 1]! - refShape[3 * v + 1]!
  }
  const measures = measureFace(canonical)
  FACE_MEASURE_NAMES.forEach((key, j) => (out[468 * 2 + j] = measures[key] - refMeasures[key]))
  return out
}

export interface RetargetResult {
  readonly series: PerformanceSeries
  readonly referenceIndex: number
}

/**
 * Identity-free retargeting: what carries over is the driver's change from its own reference face, never
 * its face shape.
 * - Expression: each frame's canonical landmarks (pose and scale factored out by the analysis) minus the
 *   reference shape, mapped onto the directions as the analysis sees them on this avatar (closed loop,
 *   `calibrateAvatar`), then × intensity × gain, clamped to the sliders' −1..1.
 * - Head pose: R_rel = R_i · R_refᵀ as engine camera angles, × the avatar's pose gain, with a soft limit
 *   at the supported range. The camera is relative to the portrait's own view, so the rotation composes
 *   onto the portrait's pose.
 * Frames without a face ease back to the reference and out again (`fillGaps`); then each channel is
 * smoothed.
 */
export function retargetDriver(
  track: DriverTrack,
  calibration: AvatarCalibration,
  options: RetargetOptions = {}
): RetargetResult {
  const mode = options.mode ?? 'both'
  const intensity = options.intensity ?? 1
  const referenceIndex = options.referenceIndex ?? pickReferenceFrame(track.faces)
  const reference = track.faces[referenceIndex]
  if (reference == null) {
    throw new RangeError(`The reference frame ${referenceIndex} has no tracked face; pick another frame.`)
  }
  const n = track.faces.length
  const channels: PerformanceChannel[] = []
  const ease = options.gapEaseSec ?? 0.3
  const finish = (values: Float32Array, params: typeof DRIVE_SMOOTHING.expression): Float32Array => {
    const filled = fillGaps(track.times, values, 0, ease)
    if (options.smoothing === 'off') return filled
    // The landmark tracker can settle into a two-frame cycle (each frame's ROI comes from the previous
    // frame's landmarks); One Euro reads that as fast motion and lets it through. A [1 2 1]/4 kernel
    // removes it exactly and keeps 3/4 of a two-frame blink. Offline only: live capture cannot look ahead.
    const smoothed =
      options.smoothing === 'live'
        ? oneEuroFilter(track.times, filled, params)
        : zeroPhaseOneEuro(track.times, binomial3(filled), params)
    // Smoothing mixes the reference frame with its neighbours; re-zero on it so that the output at the
    // driver's reference frame is exactly the portrait as photographed (no shape or pose carried over).
    const atReference = smoothed[referenceIndex]!
    return smoothed.map((x) => x - atReference)
  }

  if (mode !== 'pose') {
    const active = calibration.names.flatMap((_, k) =>
      options.regions?.[calibration.regions[k]!] === false ? [] : [k]
    )
    const solver = createExpressionSolver(calibration, active)
    const refShape = referenceShape(track.faces, referenceIndex)
    const codes = calibration.names.map(() => new Float32Array(n).fill(Number.NaN))
    const refMeasures = measureFace(refShape)
    const change = new Float32Array(SOLVER_INPUT_LENGTH)
    track.faces.forEach((face, i) => {
      if (face == null) return
      const code = solver.solve(driverChange(face.canonical, refShape, refMeasures, change))
      for (let k = 0; k < code.length; k++) codes[k]![i] = code[k]!
    })
    calibration.names.forEach((name, k) => {
      const gain = intensity * (options.gains?.[name] ?? 1)
      const smoothed = finish(codes[k]!, DRIVE_SMOOTHING.expression)
      const low = calibration.oneSided[k] === true ? 0 : -1
      const values = smoothed.map((x) => expressionWeight(x, gain, low))
      channels.push({ kind: 'expression', name, values })
    })
  }

  if (mode !== 'expression') {
    const angles = (['yaw', 'pitch', 'roll'] as const).map(() => new Float32Array(n).fill(Number.NaN))
    track.faces.forEach((face, i) => {
      if (face == null) return
      const a = cameraAngles(relativeRotation(face.rotation, reference.rotation))
      for (let k = 0; k < 3; k++) angles[k]![i] = a[k]! * calibration.poseGain[k]!
    })
    ;(['yaw', 'pitch', 'roll'] as const).forEach((name, k) => {
      const smoothed = finish(angles[k]!, DRIVE_SMOOTHING.camera)
      const limit = CAMERA_SUPPORTED_RANGE[name]
      channels.push({ kind: 'camera', name, values: smoothed.map((x) => softLimit(x, limit)) })
    })
  }

  return {
    referenceIndex,
    series: {
      sourceName: track.sourceName,
      fps: track.fps,
      durationSec: track.durationSec,
      referenceTimeSec: track.times[referenceIndex]!,
      times: track.times,
      channels,
      gaps: findGaps(track.times, (i) => track.faces[i] != null, track.durationSec)
    }
  }
}
