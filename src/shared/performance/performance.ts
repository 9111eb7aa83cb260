// A performance: motion taken from a driving video (or any other source), as data that can be baked into
// the timeline of any portrait. Pure types; the core makes them, shared edits apply them.
import type { TrackKind } from '../timeline/ids'

/** One channel sampled densely, on the performance's own clock (seconds; 0 = the clip's first frame). */
export interface PerformanceChannel {
  readonly kind: TrackKind
  /** Expression direction name (e.g. 'jawOpen') or camera parameter ('yaw', 'pitch', 'roll'). */
  readonly name: string
  /** One value per entry of `PerformanceSeries.times`, in the track's units (weight, degrees). */
  readonly values: Float32Array
}

/** A stretch of the clip with no tracked face: the motion eases back to the reference over it. */
export interface PerformanceGap {
  /** Seconds on the performance clock; `start` < `end`. */
  readonly start: number
  readonly end: number
}

/** Dense per-frame motion, before key reduction. */
export interface PerformanceSeries {
  /** Name of the source (the driving clip's file name), for people. */
  readonly sourceName: string
  /** Frame rate of the source, frames per second (its average where the rate varies). */
  readonly fps: number
  /** Length of the source, seconds. */
  readonly durationSec: number
  /** Time of the driver's reference (most neutral) frame, seconds. */
  readonly referenceTimeSec: number
  /** Presentation time of each sample, seconds, strictly increasing (variable frame rate allowed). */
  readonly times: Float64Array
  readonly channels: readonly PerformanceChannel[]
  readonly gaps: readonly PerformanceGap[]
}

/** One key of a reduced performance track; keys are joined linearly. */
export interface PerformanceKey {
  /** Seconds on the performance clock. */
  readonly time: number
  readonly value: number
}

export interface PerformanceTrack {
  readonly kind: TrackKind
  readonly name: string
  /** Sorted by time, distinct times. */
  readonly keys: readonly PerformanceKey[]
}

/** A performance reduced to keys: what is baked into a document and saved to a performance file. */
export interface Performance {
  readonly sourceName: string
  readonly fps: number
  readonly durationSec: number
  readonly referenceTimeSec: number
  readonly tracks: readonly PerformanceTrack[]
  readonly gaps: readonly PerformanceGap[]
}
