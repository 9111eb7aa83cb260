import { CAMERA_SUPPORTED_RANGE } from '@shared/engine/camera'
import { createOneEuro, DRIVE_SMOOTHING, type OneEuroStream } from '@shared/performance/one-euro-filter'
import type { AvatarCalibration } from '../drive/calibrate-avatar'
import { cameraAngles, relativeRotation, softLimit } from '../drive/head-rotation'
import { driverChange, expressionWeight, type DriveMode } from '../drive/retarget-driver'
import { createExpressionSolver, SOLVER_INPUT_LENGTH, type ExpressionSolver } from '../drive/solve-expression'
import type { LiveFace } from './live-face'
import type { LiveReference } from './live-reference'

export const CAMERA_AXES = ['yaw', 'pitch', 'roll'] as const
export type CameraAxis = (typeof CAMERA_AXES)[number]

/** The driving options a live frame is solved with (the drive dialog's). */
export interface LiveDriveOptions {
  readonly mode: DriveMode
  /** Multiplies every expression weight, 0..2. */
  readonly intensity: number
  /** Face regions set to false are not driven. */
  readonly regions: Readonly<Record<string, boolean>>
}

/** One frame's solved codes, after smoothing: what the avatar is rendered with and a take records. */
export interface LiveCodes {
  /** Slider weight per direction name (−1..1, 0 for one-sided directions' negative side). */
  readonly expression: Record<string, number>
  /** Head rotation relative to the reference, engine camera degrees. */
  readonly camera: Record<CameraAxis, number>
}

/** Longest ease back to the reference when the face leaves the frame, seconds (driving's default). */
export const LIVE_GAP_EASE_SEC = 0.3

const ease = (t: number): number => 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, Math.min(1, t)))

export interface LiveRetargeter {
  /** Solves one frame at `timeSec` (seconds, increasing); `face` null: eases to the reference. */
  step(timeSec: number, face: LiveFace | null, options: LiveDriveOptions): LiveCodes
}

/**
 * The driving issue's identity-free mapping, frame by frame: the performer's change from their own
 * reference face solved onto this avatar's calibration (`createExpressionSolver`, warm-started from the
 * previous frame), head rotation R·R_refᵀ × the pose gain, then a causal One Euro filter per channel
 * (live capture cannot look ahead, so not the zero-phase one). Without a face each channel eases from
 * its last value to the reference over `LIVE_GAP_EASE_SEC` (cosine), as driving's gaps do, and the filter
 * keeps running, so the face coming back does not jump.
 */
export function createLiveRetargeter(
  calibration: AvatarCalibration,
  reference: LiveReference
): LiveRetargeter {
  const names = calibration.names
  const solvers = new Map<string, ExpressionSolver>()
  const change = new Float32Array(SOLVER_INPUT_LENGTH)
  const expressionFilters = names.map(() => createOneEuro(DRIVE_SMOOTHING.expression))
  const cameraFilters = CAMERA_AXES.map(() => createOneEuro(DRIVE_SMOOTHING.camera))
  // Raw (unsmoothed) codes of the last tracked frame and when the face was lost, for the ease to rest.
  const lastCodes = new Float64Array(names.length)
  const lastAngles = new Float64Array(3)
  let lostAt: number | null = null

  const solverFor = (regions: Readonly<Record<string, boolean>>): ExpressionSolver => {
    const active = names.flatMap((_, k) => (regions[calibration.regions[k]!] === false ? [] : [k]))
    const key = active.join(',')
    let solver = solvers.get(key)
    if (!solver) {
      solver = createExpressionSolver(calibration, active)
      solvers.set(key, solver)
    }
    return solver
  }

  const filtered = (filters: readonly OneEuroStream[], t: number, raw: ArrayLike<number>): number[] =>
    filters.map((f, k) => f.step(t, raw[k]!))

  return {
    step(timeSec, face, options) {
      const codes = new Float64Array(names.length)
      const angles = new Float64Array(3)
      if (face != null) {
        lostAt = null
        if (options.mode !== 'pose') {
          const code = solverFor(options.regions).solve(
            driverChange(face.canonical, reference.shape, reference.measures, change)
          )
          codes.set(code)
        }
        if (options.mode !== 'expression') {
          const a = cameraAngles(relativeRotation(face.rotation, reference.rotation))
          for (let k = 0; k < 3; k++) angles[k] = a[k]! * calibration.poseGain[k]!
        }
        lastCodes.set(codes)
        lastAngles.set(angles)
      } else {
        lostAt ??= timeSec
        const keep = 1 - ease((timeSec - lostAt) / LIVE_GAP_EASE_SEC)
        for (let k = 0; k < codes.length; k++) codes[k] = lastCodes[k]! * keep
        for (let k = 0; k < 3; k++) angles[k] = lastAngles[k]! * keep
      }
      const smoothCodes = filtered(expressionFilters, timeSec, codes)
      const smoothAngles = filtered(cameraFilters, timeSec, angles)
      const expression: Record<string, number> = {}
      names.forEach((name, k) => {
        const low = calibration.oneSided[k] === true ? 0 : -1
        expression[name] =
          options.mode === 'pose' ? 0 : expressionWeight(smoothCodes[k]!, options.intensity, low)
      })
      const camera = { yaw: 0, pitch: 0, roll: 0 }
      CAMERA_AXES.forEach((axis, k) => {
        camera[axis] =
          options.mode === 'expression' ? 0 : softLimit(smoothAngles[k]!, CAMERA_SUPPORTED_RANGE[axis])
      })
      return { expression, camera }
    }
  }
}
