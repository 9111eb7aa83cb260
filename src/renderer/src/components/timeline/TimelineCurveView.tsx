import {
  useRef,
  useState,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent
} from 'react'
import { findTrack, type KeyRef, type Track } from '@shared/timeline'
import { useStudio } from '../../store/studio-store'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { useElementSize } from '../use-element-size'
import { CurveSvg } from './CurveSvg'
import { handleAfterDrag, keyAfterDrag, type CurveGesture } from './curve-drag'
import { bezierHandlePoints, curveLayout, yToValue, type CurveLayout } from './curve-geometry'
import { snapTimeToFrame, xToTime, type TimelineView } from './timeline-geometry'
import { pressKey, releaseKey } from './timeline-selection'
import './curve-view.css'

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
  const gesture = useRef<CurveGesture | null>(null)
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
    const originTrack = findTrack(g.origin, track.id)
    if (!originTrack) return
    const dragged =
      g.kind === 'handle'
        ? handleAfterDrag(g, originTrack, at)
        : keyAfterDrag(g, originTrack, at, { view, keepTime: event.shiftKey })
    if (!dragged) return
    if (dragged.document === g.origin && !g.entered) return
    // One undo step per drag: the first change enters history, the rest replace it.
    commit(() => dragged.document, { history: !g.entered })
    g.entered = true
    if (dragged.readout) setReadout(dragged.readout)
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
        <CurveSvg
          track={track}
          layout={layout}
          view={view}
          width={width}
          height={height}
          handles={handles}
          selectedIds={selectedIds}
        />
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
