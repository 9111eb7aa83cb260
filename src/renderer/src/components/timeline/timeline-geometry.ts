// Pure geometry of the timeline's dope sheet: the visible time range (zoom and pan), pixel <-> time
// mapping, ruler ticks and box-select hit testing. No DOM here, so it is unit tested in node.
import type { KeyRef, Track } from '@shared/timeline'

export function clampRange(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high)
}

/** The visible time range of the lanes, in seconds: [start, start + span]. */
export interface TimelineView {
  readonly start: number
  readonly span: number
}

/** Stored zoom state: 1 = the whole duration fits the lanes; `start` is the first visible second. */
export interface TimelineZoom {
  readonly zoom: number
  readonly start: number
}

/** The closest zoom shows this many frames across the lanes. */
export const MIN_VISIBLE_FRAMES = 12

export function maxZoom(durationSec: number, fps: number): number {
  return Math.max(1, (durationSec * fps) / MIN_VISIBLE_FRAMES)
}

/** The visible range for a stored zoom, clamped to the document (the duration may have changed). */
export function viewOf(zoom: TimelineZoom, durationSec: number, fps: number): TimelineView {
  const z = Math.min(Math.max(zoom.zoom, 1), maxZoom(durationSec, fps))
  const span = durationSec / z
  const start = Math.min(Math.max(zoom.start, 0), Math.max(0, durationSec - span))
  return { start, span }
}

/**
 * Room kept free at each end of the lanes, px: the view's first and last instants sit this far in,
 * so a key at 0 s (or at the end) shows whole instead of half cut off by the lanes' edge. Every
 * time <-> x conversion (drawing, dragging, snapping, box select, zoom, pan) goes through here.
 */
export const LANE_INSET_PX = 10

/** The part of the lanes' width that the visible time range spans. */
export function usableWidth(width: number): number {
  return Math.max(1, width - 2 * LANE_INSET_PX)
}

export function timeToX(time: number, view: TimelineView, width: number): number {
  return LANE_INSET_PX + ((time - view.start) / view.span) * usableWidth(width)
}

export function xToTime(x: number, view: TimelineView, width: number): number {
  return view.start + ((x - LANE_INSET_PX) / usableWidth(width)) * view.span
}

/** CSS `left` of `time` in a box as wide as the lanes (the same mapping as `timeToX`). */
export function timeToLeft(time: number, view: TimelineView): string {
  return `calc(${LANE_INSET_PX}px + (100% - ${2 * LANE_INSET_PX}px) * ${(time - view.start) / view.span})`
}

/** CSS width of `duration` seconds in a box as wide as the lanes. */
export function durationToWidth(duration: number, view: TimelineView): string {
  return `calc((100% - ${2 * LANE_INSET_PX}px) * ${Math.max(0, duration) / view.span})`
}

export function pixelsPerSecond(view: TimelineView, width: number): number {
  return usableWidth(width) / view.span
}

/** Nearest frame time to `time`, clamped to [0, duration]. */
export function snapTimeToFrame(time: number, fps: number, durationSec: number): number {
  const frame = Math.round(Math.min(Math.max(time, 0), durationSec) * fps)
  return Math.min(frame / fps, durationSec)
}

/**
 * Zooms by `factor` (> 1 zooms in) keeping `anchorTime` (the time under the cursor) at the same
 * place on screen, then clamps to the document.
 */
export function zoomAt(
  zoom: TimelineZoom,
  factor: number,
  anchorTime: number,
  durationSec: number,
  fps: number
): TimelineZoom {
  const view = viewOf(zoom, durationSec, fps)
  const nextZoom = Math.min(Math.max(zoom.zoom * factor, 1), maxZoom(durationSec, fps))
  const span = durationSec / nextZoom
  const fraction = (anchorTime - view.start) / view.span
  const start = anchorTime - fraction * span
  return { zoom: nextZoom, start: Math.min(Math.max(start, 0), Math.max(0, durationSec - span)) }
}

/** Pans by `pixels` (positive = later in time). */
export function panBy(
  zoom: TimelineZoom,
  pixels: number,
  width: number,
  durationSec: number,
  fps: number
): TimelineZoom {
  const view = viewOf(zoom, durationSec, fps)
  if (width <= 0) return zoom
  const start = view.start + (pixels / usableWidth(width)) * view.span
  return { zoom: zoom.zoom, start: Math.min(Math.max(start, 0), Math.max(0, durationSec - view.span)) }
}

/** Wheel deltas in lines or pages, as pixels (WheelEvent.deltaMode 1 and 2). */
export function wheelPixels(delta: number, deltaMode: number, pagePixels: number): number {
  return deltaMode === 1 ? delta * 16 : deltaMode === 2 ? delta * pagePixels : delta
}

export interface RulerTick {
  readonly time: number
  readonly label: string
}

/**
 * Ruler ticks for the visible range: the smallest "nice" step (in frames, then seconds) whose labels
 * are at least `minLabelPx` apart. Labels are seconds (`2s`, `1.5s`) or `s:ff` below one second.
 */
export function rulerTicks(view: TimelineView, width: number, fps: number, minLabelPx = 56): RulerTick[] {
  if (width <= 0 || view.span <= 0) return []
  const pxPerFrame = usableWidth(width) / (view.span * fps)
  const frameSteps = [1, 2, 5, 10, 15]
  const secondSteps = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600]
  const candidates = [...frameSteps.filter((f) => f < fps), ...secondSteps.map((s) => s * fps)]
  const stepFrames = candidates.find((f) => f * pxPerFrame >= minLabelPx) ?? candidates.at(-1)!
  const firstFrame = Math.ceil((view.start * fps) / stepFrames - 1e-9) * stepFrames + 0
  const lastFrame = (view.start + view.span) * fps + 1e-9
  const ticks: RulerTick[] = []
  for (let frame = firstFrame; frame <= lastFrame; frame += stepFrames) {
    const time = frame / fps
    ticks.push({ time, label: tickLabel(frame, fps) })
  }
  return ticks
}

function tickLabel(frame: number, fps: number): string {
  const whole = Math.round(frame)
  const secs = Math.floor(whole / fps)
  const rest = whole - secs * fps
  if (rest === 0) return `${secs}s`
  if (Number.isInteger(fps) && Math.abs(rest * 2 - fps) < 1e-9) return `${secs}.5s`
  return `${secs}:${String(Math.round(rest)).padStart(2, '0')}`
}

/** A rectangle in lane coordinates: x from the lanes' left edge, y from the top of the first track row. */
export interface Box {
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
}

export interface LaneLayout {
  readonly view: TimelineView
  /** Width of the lanes in pixels. */
  readonly width: number
  readonly rowHeight: number
  /** Half the key marker's size: a key is hit when its marker overlaps the box. */
  readonly keyRadius: number
}

/** Keys whose marker overlaps `box` (any corner order); `rows` are the tracks in display order. */
export function keysInBox(rows: readonly Track[], box: Box, layout: LaneLayout): KeyRef[] {
  const left = Math.min(box.x0, box.x1) - layout.keyRadius
  const right = Math.max(box.x0, box.x1) + layout.keyRadius
  const top = Math.min(box.y0, box.y1) - layout.keyRadius
  const bottom = Math.max(box.y0, box.y1) + layout.keyRadius
  const refs: KeyRef[] = []
  rows.forEach((track, row) => {
    const cy = row * layout.rowHeight + layout.rowHeight / 2
    if (cy < top || cy > bottom) return
    // Keys are sorted by time: search to the box's left edge, stop past its right (a box over a few of a
    // dense lane's keys costs those keys, not the lane's).
    const slack = layout.view.span * 1e-9
    const last = xToTime(right, layout.view, layout.width) + slack
    let i = firstKeyAtOrAfter(track.keys, xToTime(left, layout.view, layout.width) - slack)
    for (; i < track.keys.length && track.keys[i]!.time <= last; i++) {
      const key = track.keys[i]!
      const cx = timeToX(key.time, layout.view, layout.width)
      if (cx >= left && cx <= right) refs.push({ trackId: track.id, keyId: key.id })
    }
  })
  return refs
}

/** The row under a y coordinate (lane coordinates), or -1 outside the rows. */
export function rowAt(y: number, rowCount: number, rowHeight: number): number {
  const row = Math.floor(y / rowHeight)
  return row >= 0 && row < rowCount ? row : -1
}

/** Index of the first key at or after `time` (s) in keys sorted by time: `keys.length` when none. */
export function firstKeyAtOrAfter(keys: readonly { readonly time: number }[], time: number): number {
  let low = 0
  let high = keys.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (keys[mid]!.time < time) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * The keys of a lane whose marker (`pad` px either side of its centre) shows in the view: indices
 * [first, end) of `keys`, sorted by time. Drawing, the test probe and hit testing use only these.
 */
export function visibleKeyRange(
  keys: readonly { readonly time: number }[],
  view: TimelineView,
  width: number,
  pad: number
): { first: number; end: number } {
  const first = firstKeyAtOrAfter(keys, xToTime(-pad, view, width))
  const end = Math.max(first, firstKeyAtOrAfter(keys, xToTime(width + pad, view, width) + 1e-9))
  return { first, end }
}

/**
 * The key whose marker is under `point` (lane coordinates), or null. A marker is hit within
 * `layout.keyRadius` px of its centre in x and y. Where markers overlap, a key for which `onTop` says
 * true (the selection, drawn over the rest) wins, then the nearest, then the later one (drawn later).
 */
export function keyAt(
  rows: readonly Track[],
  point: { readonly x: number; readonly y: number },
  layout: LaneLayout,
  onTop: (ref: KeyRef) => boolean = () => false
): KeyRef | null {
  const row = rowAt(point.y, rows.length, layout.rowHeight)
  const track = rows[row]
  if (!track) return null
  const cy = row * layout.rowHeight + layout.rowHeight / 2
  if (Math.abs(point.y - cy) > layout.keyRadius) return null
  const { view, width, keyRadius } = layout
  const slack = view.span * 1e-9
  const last = xToTime(point.x + keyRadius, view, width) + slack
  let best: { ref: KeyRef; top: boolean; distance: number } | null = null
  let i = firstKeyAtOrAfter(track.keys, xToTime(point.x - keyRadius, view, width) - slack)
  for (; i < track.keys.length && track.keys[i]!.time <= last; i++) {
    const key = track.keys[i]!
    const distance = Math.abs(timeToX(key.time, view, width) - point.x)
    if (distance > keyRadius) continue
    const ref = { trackId: track.id, keyId: key.id }
    const top = onTop(ref)
    if (!best || (top && !best.top) || (top === best.top && distance <= best.distance + 1e-6))
      best = { ref, top, distance }
  }
  return best?.ref ?? null
}

/** The rows [first, end) that show in a scrolled box: `offset` is the rows' top below the box's top edge
 * when unscrolled, `scrollTop` and `height` the box's scroll position and visible height (px). */
export function visibleRowRange(
  scrollTop: number,
  height: number,
  offset: number,
  rowHeight: number,
  rowCount: number
): { first: number; end: number } {
  const top = scrollTop - offset
  const first = Math.min(rowCount, Math.max(0, Math.floor(top / rowHeight)))
  const end = Math.min(rowCount, Math.max(first, Math.ceil((top + height) / rowHeight)))
  return { first, end }
}

/** The zoom panned (not zoomed) so that `time` shows, centred when it was out of sight; unchanged when it shows. */
export function panToShow(zoom: TimelineZoom, time: number, durationSec: number, fps: number): TimelineZoom {
  const view = viewOf(zoom, durationSec, fps)
  if (time >= view.start && time <= view.start + view.span) return zoom
  const start = clampRange(time - view.span / 2, 0, Math.max(0, durationSec - view.span))
  return { zoom: zoom.zoom, start }
}
