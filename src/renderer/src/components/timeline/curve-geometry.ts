// Pure geometry of the timeline's curve view: one track's value over time, with its keys and Bézier
// handles. Time maps to x exactly as in the dope sheet (timeline-geometry.ts); the value maps to y over
// the track's own range (min at the bottom, max at the top). No DOM here, so it is unit tested in node.
import {
  DEFAULT_BEZIER_HANDLES,
  evaluateTrack,
  seconds,
  trackDefinition,
  type BezierHandle,
  type Keyframe,
  type Track,
  type ValueRange
} from '@shared/timeline'
import { clampRange, timeToX, xToTime, type TimelineView } from './timeline-geometry'

/** Room above the track's max and below its min, px, so keys and handles at the limits show whole. */
export const CURVE_PAD_PX = 12

export interface CurveLayout {
  readonly view: TimelineView
  /** Width and height of the curve area, px (the width is the lanes' width). */
  readonly width: number
  readonly height: number
  readonly range: ValueRange
}

export function curveLayout(track: Track, view: TimelineView, width: number, height: number): CurveLayout {
  return { view, width, height, range: trackDefinition(track.kind, track.name).range }
}

export function valueToY(value: number, layout: CurveLayout): number {
  const { min, max } = layout.range
  const usable = Math.max(1, layout.height - 2 * CURVE_PAD_PX)
  return CURVE_PAD_PX + (1 - (value - min) / (max - min)) * usable
}

export function yToValue(y: number, layout: CurveLayout): number {
  const { min, max } = layout.range
  const usable = Math.max(1, layout.height - 2 * CURVE_PAD_PX)
  return min + (1 - (y - CURVE_PAD_PX) / usable) * (max - min)
}

/**
 * The evaluated curve across the visible range as an SVG path: one sample every `stepPx`, plus the
 * instants just before and at every key so holds step sharply and keys sit exactly on the line.
 * Values come from the shared `evaluateTrack` (clamped to the range), so this is what plays and exports.
 */
export function curvePath(track: Track, layout: CurveLayout, stepPx = 2): string {
  const { view, width } = layout
  const first = Math.max(0, xToTime(0, view, width))
  const last = xToTime(width, view, width)
  const times = new Set<number>()
  for (let x = 0; x <= width + stepPx; x += stepPx)
    times.add(clampRange(xToTime(x, view, width), first, last))
  for (const key of track.keys) {
    if (key.time < first || key.time > last) continue
    times.add(key.time)
    if (key.time - 1e-6 >= first) times.add(key.time - 1e-6)
  }
  const sorted = [...times].sort((a, b) => a - b)
  return sorted
    .map((t, i) => {
      const x = timeToX(t, view, width)
      const y = valueToY(evaluateTrack(track, seconds(t)), layout)
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(2)} ${y.toFixed(2)}`
    })
    .join(' ')
}

export interface HandlePoint {
  /** The key whose segment the handle shapes (handles live on the segment's first key). */
  readonly segmentKey: Keyframe
  readonly side: 'out' | 'in'
  /** The key the handle hangs from: the segment's first key for 'out', its next key for 'in'. */
  readonly anchor: { readonly x: number; readonly y: number }
  readonly point: { readonly x: number; readonly y: number }
}

/** Both handles of every Bézier segment of the track, in curve-area pixels. */
export function bezierHandlePoints(track: Track, layout: CurveLayout): HandlePoint[] {
  const points: HandlePoint[] = []
  const { view, width } = layout
  track.keys.forEach((a, i) => {
    const b = track.keys[i + 1]
    if (!b || a.interpolation !== 'bezier') return
    const handles = a.handles ?? DEFAULT_BEZIER_HANDLES
    const span = b.time - a.time
    const at = (time: number, value: number) => ({
      x: timeToX(time, view, width),
      y: valueToY(value, layout)
    })
    points.push({
      segmentKey: a,
      side: 'out',
      anchor: at(a.time, a.value),
      point: at(a.time + handles.out.dt * span, a.value + handles.out.dv)
    })
    points.push({
      segmentKey: a,
      side: 'in',
      anchor: at(b.time, b.value),
      point: at(b.time - handles.in.dt * span, b.value + handles.in.dv)
    })
  })
  return points
}

/**
 * The handle that puts its point at (`time`, `value`) for the segment from `a` to `b`: `dt` is the
 * fraction of the segment (clamped to 0..1, so the curve stays a function of time), `dv` the value
 * offset from the key it hangs from, kept within one range-width beyond the range.
 */
export function handleAt(
  side: 'out' | 'in',
  a: Keyframe,
  b: Keyframe,
  time: number,
  value: number,
  range: ValueRange
): BezierHandle {
  const span = b.time - a.time
  const fraction = side === 'out' ? (time - a.time) / span : (b.time - time) / span
  const extent = range.max - range.min
  const limited = clampRange(value, range.min - extent, range.max + extent)
  return {
    dt: clampRange(Number.isFinite(fraction) ? fraction : 0, 0, 1),
    dv: limited - (side === 'out' ? a.value : b.value)
  }
}

/**
 * Where a key dragged to `time` may go: between its neighbours (one frame clear of each), so a drag
 * in the curve view never reorders or merges keys.
 */
export function clampKeyTime(keys: readonly Keyframe[], index: number, time: number, fps: number): number {
  const frame = 1 / fps
  const low = index > 0 ? keys[index - 1]!.time + frame : 0
  const high = index < keys.length - 1 ? keys[index + 1]!.time - frame : Infinity
  return clampRange(time, low, Math.max(low, high))
}

/** Values that get a grid line and a label: the range's ends, its middle, and the default. */
export function gridValues(track: Track): number[] {
  const { range, defaultValue } = trackDefinition(track.kind, track.name)
  const values = [range.max, (range.min + range.max) / 2, range.min, defaultValue]
  return [...new Set(values.map((v) => Number(v.toFixed(6))))].sort((a, b) => b - a)
}
