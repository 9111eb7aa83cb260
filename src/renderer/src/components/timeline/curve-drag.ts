// What dragging in the curve view does to the document: a Bézier handle reshapes its segment, a key moves in
// value and time (between its neighbours). Pure: the view commits the result and shows the readout.
import {
  findTrack,
  moveKeys,
  seconds,
  setBezierHandles,
  setKeyValues,
  type AnimationDocument,
  type KeyRef,
  type Track
} from '@shared/timeline'
import { formatTimecode } from '../format-timecode'
import { clampKeyTime, handleAt, yToValue, type CurveLayout } from './curve-geometry'
import { pixelsPerSecond, type TimelineView } from './timeline-geometry'
import type { ClickIntent } from './timeline-selection'

/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3

export type CurveGesture =
  | { kind: 'scrub' }
  | {
      kind: 'handle'
      origin: AnimationDocument
      segment: KeyRef
      side: 'out' | 'in'
      entered: boolean
    }
  | {
      kind: 'key'
      origin: AnimationDocument
      ref: KeyRef
      startX: number
      startY: number
      moved: boolean
      entered: boolean
      /** What a click without a drag does on release (as in the dope sheet). */
      onClick: ClickIntent
    }

/** The pointer in the curve area: px, the live layout, and the time (s) and value under it. */
export interface CurvePoint {
  readonly x: number
  readonly y: number
  readonly layout: CurveLayout
  readonly time: number
  readonly value: number
}

/** The document after a drag step, and the readout that follows the pointer. */
export interface CurveDrag {
  readonly document: AnimationDocument
  readonly readout: { x: number; y: number; text: string } | null
}

/** A track's value as the curve view labels it (degrees, zoom factor, or weight). */
export function formatValue(track: Pick<Track, 'kind' | 'name'>, value: number): string {
  if (track.kind === 'camera' && ['yaw', 'pitch', 'roll'].includes(track.name)) return `${value.toFixed(1)}°`
  if (track.kind === 'camera' && track.name === 'zoom') return `${value.toFixed(2)}×`
  return value.toFixed(2)
}

/** The segment's handle on `g.side` moved to the pointer. */
export function handleAfterDrag(
  g: Extract<CurveGesture, { kind: 'handle' }>,
  originTrack: Track,
  at: CurvePoint
): CurveDrag | null {
  const index = originTrack.keys.findIndex((k) => k.id === g.segment.keyId)
  const a = originTrack.keys[index]
  const b = originTrack.keys[index + 1]
  if (!a || !b) return null
  const handle = handleAt(g.side, a, b, at.time, at.value, at.layout.range)
  const document = setBezierHandles(g.origin, g.segment, { [g.side]: handle })
  const end = (g.side === 'out' ? a.value : b.value) + handle.dv
  const text = `${g.side === 'out' ? 'Out' : 'In'} handle · ${Math.round(handle.dt * 100)}% · ${formatValue(originTrack, end)}`
  return { document, readout: { x: at.x, y: at.y, text } }
}

/**
 * The pressed key moved by the drag, once past the click threshold: its value follows the pointer, its time
 * too (kept between its neighbours, on frames) unless `keepTime` (Shift).
 */
export function keyAfterDrag(
  g: Extract<CurveGesture, { kind: 'key' }>,
  originTrack: Track,
  at: CurvePoint,
  options: { view: TimelineView; keepTime: boolean }
): CurveDrag | null {
  if (!g.moved && Math.hypot(at.x - g.startX, at.y - g.startY) < DRAG_THRESHOLD_PX) return null
  g.moved = true
  const index = originTrack.keys.findIndex((k) => k.id === g.ref.keyId)
  const key = originTrack.keys[index]
  if (!key) return null
  const fps = g.origin.settings.fps
  const dt = (at.x - g.startX) / pixelsPerSecond(options.view, at.layout.width)
  const time = options.keepTime ? key.time : clampKeyTime(originTrack.keys, index, key.time + dt, fps)
  const value = key.value + (at.value - yToValue(g.startY, at.layout))
  const moved = moveKeys(g.origin, [g.ref], seconds(time - key.time))
  const document = setKeyValues(moved, [{ ref: g.ref, value }])
  const after = findTrack(document, originTrack.id)?.keys.find((k) => k.id === g.ref.keyId)
  const readout = after
    ? {
        x: at.x,
        y: at.y,
        text: `${formatValue(originTrack, after.value)} · ${formatTimecode(after.time, fps)}`
      }
    : null
  return { document, readout }
}
