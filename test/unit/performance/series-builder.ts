// Builders for small performances used by the performance tests.
import { type Performance, type PerformanceChannel, type PerformanceSeries } from '@shared/performance'
import { type TrackKind } from '@shared/timeline'

/** A series sampled at `fps` from 0, one channel per entry, values from `curve(time)`. */
export function seriesOf(
  fps: number,
  samples: number,
  channels: readonly { kind: TrackKind; name: string; curve: (time: number) => number }[]
): PerformanceSeries {
  const times = Float64Array.from({ length: samples }, (_, i) => i / fps)
  return {
    sourceName: 'actor.mp4',
    fps,
    durationSec: samples / fps,
    referenceTimeSec: 0,
    times,
    channels: channels.map((c): PerformanceChannel => ({
      kind: c.kind,
      name: c.name,
      values: Float32Array.from(times, c.curve)
    })),
    gaps: []
  }
}

/** A performance with the given tracks and duration. */
export function performanceOf(
  durationSec: number,
  tracks: Performance['tracks'],
  extra: Partial<Performance> = {}
): Performance {
  return { sourceName: 'actor.mp4', fps: 30, durationSec, referenceTimeSec: 0, tracks, gaps: [], ...extra }
}
