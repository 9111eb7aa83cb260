import {
  useRef,
  useState,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent
} from 'react'
import {
  findTrack,
  moveKeys,
  seconds,
  setBezierHandles,
  setKeyValues,
  type AnimationDocument,
  type KeyRef,
  type Track,
  type TrackId
} from '@shared/timeline'
import { useStudio } from '../../store/studio-store'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import {
  bezierHandlePoints,
  clampKeyTime,
  curveLayout,
  curvePath,
  gridValues,
  handleAt,
  valueToY,
  yToValue,
  type CurveLayout
} from './curve-geometry'
import { formatTimecode } from '../format-timecode'
import { pixelsPerSecond, snapTimeToFrame, timeToX, xToTime, type TimelineView } from './timeline-geometry'
import { pressKey, refId, releaseKey, type ClickIntent } from './timeline-selection'
import { useElementSize } from '../use-element-size'
import './curve-view.css'

/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3

type Gesture =
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

interface Props {
  track: Track
  label: string
  view: TimelineView
  /** Height of the curve area, px (the timeline body below the ruler). */
  height: number
  /** The selected keys, as `refId`s. */
  selectedIds: ReadonlySet<string>
  onContextMenu(event: ReactMouseEvent<HTMLDivElement>): void
}

function formatValue(track: Track, value: number): string {
  if (track.kind === 'camera' && ['yaw', 'pitch', 'roll'].includes(track.name)) return `${value.toFixed(1)}°`
  if (track.kind === 'camera' && track.name === 'zoom') return `${value.toFixed(2)}×`
  return value.toFixed(2)
}

/**
 * The curve view: one track's value over time, drawn from the shared `evaluateTrack`, with its keys
 * and, on Bézier segments, both handles. Drag a key to change its value and time (it stays between its
 * neighbours); drag a handle to shape the segment. Each drag is one undo step. Click empty space to
 * move the playhead; right-click a key for its interpolation.
 */
export function TimelineCurveView({
  track,
  label,
  view,
  height: areaHeight,
  selectedIds,
  onContextMenu
}: Props) {
  const commit = useStudio((s) => s.commit)
  const setPlayhead = useStudio((s) => s.setPlayhead)
  const settings = useStudio((s) => s.document.settings)
  const areaRef = useRef<HTMLDivElement>(null)
  const { width, height } = useElementSize(areaRef)
  const gesture = useRef<Gesture | null>(null)
  const [readout, setReadout] = useState<{ x: number; y: number; text: string } | null>(null)
  const ready = width > 0 && height > 0
  const layout: CurveLayout = curveLayout(track, view, width, height)

  const locate = (event: { clientX: number; clientY: number }) => {
    const rect = areaRef.current?.getBoundingClientRect()
    if (!rect || rect.width <= 0) return null
    const x = event.clientX - rect.left
    const y = event.clientY - rect.top
    const live = curveLayout(track, view, rect.width, rect.height)
    return { x, y, layout: live, time: xToTime(x, view, rect.width), value: yToValue(y, live) }
  }

  const currentTrack = (doc: AnimationDocument, id: TrackId) => findTrack(doc, id)

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    const at = locate(event)
    if (!at) return
    event.currentTarget.setPointerCapture(event.pointerId)
    const target = event.target instanceof Element ? event.target : null
    const handle = target?.closest<SVGElement>('[data-handle-side]')
    const keyElement = target?.closest<SVGElement>('[data-key-id]')
    const origin = useStudio.getState().document
    const { select } = useTimelineSelection.getState()
    if (handle) {
      const side = handle.dataset['handleSide'] === 'in' ? 'in' : 'out'
      const keyId = track.keys.find((k) => k.id === handle.dataset['segmentKey'])?.id
      if (!keyId) return
      gesture.current = {
        kind: 'handle',
        origin,
        segment: { trackId: track.id, keyId },
        side,
        entered: false
      }
      return
    }
    const key = keyElement ? track.keys.find((k) => k.id === keyElement.dataset['keyId']) : undefined
    if (key) {
      const ref: KeyRef = { trackId: track.id, keyId: key.id }
      const { selection, onClick } = pressKey(useTimelineSelection.getState().selected, ref, event.shiftKey)
      select(selection)
      gesture.current = {
        kind: 'key',
        origin,
        ref,
        startX: at.x,
        startY: at.y,
        moved: false,
        entered: false,
        onClick
      }
      return
    }
    if (!event.shiftKey) useTimelineSelection.getState().clearSelection()
    gesture.current = { kind: 'scrub' }
    setPlayhead(snapTimeToFrame(at.time, settings.fps, settings.durationSec))
  }

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const g = gesture.current
    if (!g) return
    const at = locate(event)
    if (!at) return
    if (g.kind === 'scrub') {
      setPlayhead(snapTimeToFrame(at.time, settings.fps, settings.durationSec))
      return
    }
    const originTrack = currentTrack(g.origin, track.id)
    if (!originTrack) return
    if (g.kind === 'handle') {
      const index = originTrack.keys.findIndex((k) => k.id === g.segment.keyId)
      const a = originTrack.keys[index]
      const b = originTrack.keys[index + 1]
      if (!a || !b) return
      const handle = handleAt(g.side, a, b, at.time, at.value, at.layout.range)
      const next = setBezierHandles(g.origin, g.segment, { [g.side]: handle })
      // One undo step per drag: the first change enters history, the rest replace it.
      commit(() => next, { history: !g.entered })
      g.entered = true
      setReadout({
        x: at.x,
        y: at.y,
        text: `${g.side === 'out' ? 'Out' : 'In'} handle · ${Math.round(handle.dt * 100)}% · ${formatValue(track, (g.side === 'out' ? a.value : b.value) + handle.dv)}`
      })
      return
    }
    if (!g.moved && Math.hypot(at.x - g.startX, at.y - g.startY) < DRAG_THRESHOLD_PX) return
    g.moved = true
    const index = originTrack.keys.findIndex((k) => k.id === g.ref.keyId)
    const key = originTrack.keys[index]
    if (!key) return
    const fps = g.origin.settings.fps
    const dt = (at.x - g.startX) / pixelsPerSecond(view, at.layout.width)
    const time = event.shiftKey ? key.time : clampKeyTime(originTrack.keys, index, key.time + dt, fps)
    const value = key.value + (at.value - yToValue(g.startY, at.layout))
    const moved = moveKeys(g.origin, [g.ref], seconds(time - key.time))
    const next = setKeyValues(moved, [{ ref: g.ref, value }])
    if (next === g.origin && !g.entered) return
    commit(() => next, { history: !g.entered })
    g.entered = true
    const after = findTrack(next, track.id)?.keys.find((k) => k.id === g.ref.keyId)
    if (after) {
      setReadout({
        x: at.x,
        y: at.y,
        text: `${formatValue(track, after.value)} · ${formatTimecode(after.time, fps)}`
      })
    }
  }

  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>) => {
    const g = gesture.current
    gesture.current = null
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId)
    setReadout(null)
    if (g?.kind === 'key' && !g.moved) {
      const { select, selected } = useTimelineSelection.getState()
      select(releaseKey(selected, g.ref, g.onClick))
    }
  }

  const onPointerCancel = () => {
    gesture.current = null
    setReadout(null)
  }

  const handles = ready ? bezierHandlePoints(track, layout) : []
  const grid = gridValues(track)
  const keyShape = (interpolation: string, x: number, y: number, selected: boolean) => {
    const className = `curve-key curve-key--${interpolation}${selected ? ' curve-key--selected' : ''}`
    if (interpolation === 'linear')
      return (
        <rect
          className={className}
          x={x - 4.5}
          y={y - 4.5}
          width={9}
          height={9}
          transform={`rotate(45 ${x} ${y})`}
        />
      )
    if (interpolation === 'hold')
      return <rect className={className} x={x - 4} y={y - 4} width={8} height={8} />
    return <circle className={className} cx={x} cy={y} r={4.5} />
  }

  return (
    <div
      className="curve-view"
      ref={areaRef}
      style={{ height: areaHeight }}
      data-testid="curve-view"
      data-track-id={track.id}
      aria-label={`Curve of ${label}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onContextMenu={onContextMenu}
      onDoubleClick={(event) => {
        const keyElement =
          event.target instanceof Element ? event.target.closest<SVGElement>('[data-key-id]') : null
        const key = track.keys.find((k) => k.id === keyElement?.dataset['keyId'])
        if (key) setPlayhead(key.time)
      }}
    >
      {ready && (
        <svg className="curve-view__svg" width={width} height={height}>
          {grid.map((value) => {
            const y = valueToY(value, layout)
            return (
              <g key={value} className="curve-view__grid">
                <line x1={0} x2={width} y1={y} y2={y} />
                <text x={width - 6} y={y - 3} textAnchor="end">
                  {formatValue(track, value)}
                </text>
              </g>
            )
          })}
          <path className="curve-view__curve" d={curvePath(track, layout)} data-testid="curve-path" />
          {handles.map((h) => (
            <g key={`${h.segmentKey.id}-${h.side}`} className="curve-handle">
              <line x1={h.anchor.x} y1={h.anchor.y} x2={h.point.x} y2={h.point.y} />
              <circle
                className="curve-handle__hit"
                cx={h.point.x}
                cy={h.point.y}
                r={9}
                data-handle-side={h.side}
                data-segment-key={h.segmentKey.id}
                data-testid={`curve-handle-${h.side}`}
              />
              <circle className="curve-handle__dot" cx={h.point.x} cy={h.point.y} r={4} />
            </g>
          ))}
          {track.keys.map((key) => {
            const x = timeToX(key.time, view, width)
            const y = valueToY(key.value, layout)
            const selected = selectedIds.has(refId({ trackId: track.id, keyId: key.id }))
            return (
              <g
                key={key.id}
                className="curve-key-group"
                data-track-id={track.id}
                data-key-id={key.id}
                data-time={key.time}
                data-value={key.value}
                data-testid="curve-key"
              >
                <title>{`${key.time.toFixed(2)} s = ${formatValue(track, key.value)} (${key.interpolation})`}</title>
                <circle className="curve-key__hit" cx={x} cy={y} r={9} />
                {keyShape(key.interpolation, x, y, selected)}
              </g>
            )
          })}
        </svg>
      )}
      {track.keys.length === 0 && (
        <div className="curve-view__empty">
          {label} has no keys yet. Move its slider, or press K, to key it at the playhead.
        </div>
      )}
      {readout && (
        <div className="timeline__drag-label" style={{ left: readout.x, top: Math.max(0, readout.y - 30) }}>
          {readout.text}
        </div>
      )}
    </div>
  )
}
