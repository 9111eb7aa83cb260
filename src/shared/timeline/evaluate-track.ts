import { type Keyframe, type Track } from './animation-document'
import { evaluateCubicBezier } from './cubic-bezier'
import { DEFAULT_BEZIER_HANDLES, EASING_CURVES } from './interpolation'
import { type TrackDefinition, clampToRange, trackDefinition } from './track-definitions'
import { type Seconds } from './units'

/**
 * Index of the last key whose time is <= `time`, or -1 when `time` is before the first key.
 * Keys must be sorted by time (binary search: O(log n) per track per frame).
 */
export function keyIndexAtOrBefore(keys: readonly Keyframe[], time: Seconds): number {
  let lo = 0
  let hi = keys.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (keys[mid]!.time <= time) {
      found = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return found
}

/**
 * Value of the segment from key `a` to key `b` at `time` (a.time <= time < b.time), shaped by
 * `a.interpolation`. Not clamped to the track range.
 */
export function evaluateSegment(a: Keyframe, b: Keyframe, time: Seconds): number {
  const span = b.time - a.time
  if (!(span > 0)) return b.value
  const x = (time - a.time) / span
  switch (a.interpolation) {
    case 'hold':
      return a.value
    case 'linear':
      return a.value + (b.value - a.value) * x
    case 'easeIn':
    case 'easeOut':
    case 'easeInOut': {
      const [x1, y1, x2, y2] = EASING_CURVES[a.interpolation]
      const eased = evaluateCubicBezier(x, x1, 0, y1, x2, y2, 1)
      return a.value + (b.value - a.value) * eased
    }
    case 'bezier': {
      const handles = a.handles ?? DEFAULT_BEZIER_HANDLES
      // Control x of the in-handle is measured back from the next key: P2.x = 1 - in.dt.
      return evaluateCubicBezier(
        x,
        handles.out.dt,
        a.value,
        a.value + handles.out.dv,
        1 - handles.in.dt,
        b.value + handles.in.dv,
        b.value
      )
    }
  }
}

/**
 * Value of a track at `time`: the default without keys, the first/last key's value outside the
 * keyed range, otherwise the interpolated segment. Always clamped to the track's range (a Bezier
 * handle may overshoot; the engine never gets out-of-range parameters).
 */
export function evaluateKeys(keys: readonly Keyframe[], time: Seconds, definition: TrackDefinition): number {
  if (keys.length === 0) return definition.defaultValue
  const index = keyIndexAtOrBefore(keys, time)
  let value: number
  if (index < 0) value = keys[0]!.value
  else if (index >= keys.length - 1) value = keys[keys.length - 1]!.value
  else value = evaluateSegment(keys[index]!, keys[index + 1]!, time)
  return clampToRange(value, definition.range)
}

/** Value of one track at `time` (curve drawing, inspector read-outs); same rules as `evaluate`. */
export function evaluateTrack(track: Track, time: Seconds): number {
  return evaluateKeys(track.keys, time, trackDefinition(track.kind, track.name))
}
