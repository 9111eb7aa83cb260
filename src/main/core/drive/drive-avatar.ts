import { createDocument, type AnimationDocument } from '@shared/timeline'
import { seconds } from '@shared/timeline/units'
import { MAX_DURATION_SEC } from '@shared/timeline/set-settings'
import { applyPerformance } from '@shared/performance/apply-performance'
import {
  DEFAULT_REDUCTION_TOLERANCE,
  reducePerformance,
  type ReductionTolerance
} from '@shared/performance/reduce-performance'
import type { Performance } from '@shared/performance/performance'
import type { Avatar } from '../engine/engine'
import type { FaceModelOptions } from '../analysis/load-face-models'
import { calibrateAvatar, type AvatarCalibration } from './calibrate-avatar'
import { retargetDriver, type RetargetOptions } from './retarget-driver'
import type { DriverTrack } from './track-driver'

export interface DriveAvatarOptions extends RetargetOptions, FaceModelOptions {
  /** Key reduction bound per track kind, or 'dense' for one key per driver frame. */
  readonly reduction?: ReductionTolerance | 'dense'
  /** A calibration of this avatar made earlier (the studio keeps one per avatar). */
  readonly calibration?: AvatarCalibration
  readonly signal?: AbortSignal
  readonly onProgress?: (fraction: number) => void
}

export interface DrivenPerformance {
  readonly performance: Performance
  readonly referenceIndex: number
  readonly calibration: AvatarCalibration
  /** Keys before and after reduction, over all tracks. */
  readonly denseKeys: number
  readonly keys: number
}

/** A tracked driver retargeted onto one avatar and reduced to keys: what the studio bakes and the CLI renders. */
export async function driveAvatar(
  track: DriverTrack,
  avatar: Avatar,
  options: DriveAvatarOptions = {}
): Promise<DrivenPerformance> {
  const calibration = options.calibration ?? (await calibrateAvatar(avatar, options))
  const { series, referenceIndex } = retargetDriver(track, calibration, options)
  const performance = reducePerformance(series, {
    tolerance: options.reduction ?? DEFAULT_REDUCTION_TOLERANCE
  })
  return {
    performance,
    referenceIndex,
    calibration,
    denseKeys: series.channels.length * series.times.length,
    keys: performance.tracks.reduce((s, t) => s + t.keys.length, 0)
  }
}

/** A new document that holds exactly `performance`: its length, at `fps`, with one track per direction. */
export function performanceDocument(
  performance: Performance,
  options: { expressionNames: readonly string[]; fps: number; width: number; height: number }
): AnimationDocument {
  const durationSec = seconds(Math.min(MAX_DURATION_SEC, Math.max(1 / options.fps, performance.durationSec)))
  const empty = createDocument({
    expressionNames: options.expressionNames,
    settings: { fps: options.fps, durationSec, width: options.width, height: options.height }
  })
  return applyPerformance(empty, performance, { at: seconds(0) }).document
}
