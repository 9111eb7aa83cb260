import { type TrackKind } from '../timeline/ids'
import { reduceSamples } from '../timeline/reduce-keys'
import { type Performance, type PerformanceKey, type PerformanceSeries } from './performance'

/** Largest error allowed when reducing a channel to keys, per track kind, in the track's units. */
export type ReductionTolerance = Readonly<Record<TrackKind, number>>

/** Expression weights to 0.01 (1 % of full extent), head rotation to 0.2°. */
export const DEFAULT_REDUCTION_TOLERANCE: ReductionTolerance = { expression: 0.01, camera: 0.2 }

export interface ReducePerformanceOptions {
  /** Per-kind tolerance, or 'dense' for one key per (finite) sample. */
  readonly tolerance: ReductionTolerance | 'dense'
}

/** Decimals kept in key values: 1e-4 is far below what a weight or a degree can show. */
const VALUE_DECIMALS = 4
const VALUE_SCALE = 10 ** VALUE_DECIMALS

function roundValue(value: number): number {
  // `+ 0` turns -0 into 0, so JSON and equality tests see one zero.
  return Math.round(value * VALUE_SCALE) / VALUE_SCALE + 0
}

function denseKeys(times: ArrayLike<number>, values: ArrayLike<number>): PerformanceKey[] {
  const keys: PerformanceKey[] = []
  for (let i = 0; i < times.length; i++) {
    const time = times[i]!
    const value = values[i]!
    if (!Number.isFinite(time) || !Number.isFinite(value)) continue
    if (keys.length > 0 && !(time > keys[keys.length - 1]!.time)) continue
    keys.push({ time, value })
  }
  return keys
}

/**
 * Turns dense per-frame channels into keyed tracks, one per channel in channel order. Each
 * channel is reduced with `reduceSamples` at its kind's tolerance (or keeps every sample when
 * 'dense'); key values are then rounded to 4 decimals, which adds at most 0.00005 of error.
 * Non-finite samples are skipped. Source facts (name, fps, duration, reference time, gaps) are copied.
 * Throws a RangeError when a channel's length differs from the series' number of samples.
 */
export function reducePerformance(series: PerformanceSeries, options: ReducePerformanceOptions): Performance {
  const { tolerance } = options
  const tracks = series.channels.map((channel) => {
    if (channel.values.length !== series.times.length) {
      throw new RangeError(
        `reducePerformance: channel ${channel.kind}:${channel.name} has ${channel.values.length} values ` +
          `for ${series.times.length} sample times`
      )
    }
    const keys =
      tolerance === 'dense'
        ? denseKeys(series.times, channel.values)
        : reduceSamples(series.times, channel.values, tolerance[channel.kind])
    return {
      kind: channel.kind,
      name: channel.name,
      keys: keys.map((key) => ({ time: key.time, value: roundValue(key.value) }))
    }
  })
  return {
    sourceName: series.sourceName,
    fps: series.fps,
    durationSec: series.durationSec,
    referenceTimeSec: series.referenceTimeSec,
    tracks,
    gaps: series.gaps.map((gap) => ({ start: gap.start, end: gap.end }))
  }
}
