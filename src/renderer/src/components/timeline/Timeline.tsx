import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react'
import { setInterpolation, type Interpolation } from '@shared/timeline'
import { useKeyMenuItems } from '../../actions/use-key-menu-items'
import { useStudio } from '../../store/studio-store'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { useElementSize } from '../use-element-size'
import { usePlayback } from '../use-playback'
import { TimelineContextMenu } from './TimelineContextMenu'
import { TimelineCurveView } from './TimelineCurveView'
import { TimelineKeyRows } from './TimelineKeyRows'
import { TimelineRuler } from './TimelineRuler'
import { TimelineSoundLane, useSoundWaveform } from './TimelineSoundLane'
import { TimelineTrackNames } from './TimelineTrackNames'
import { TimelineTransport } from './TimelineTransport'
import { timeToX, viewOf, type TimelineView } from './timeline-geometry'
import { containsRef, selectionSet } from './timeline-selection'
import { commonInterpolation, curveTrackOf, trackLabel } from './timeline-tracks'
import { useTimelineRows } from './use-timeline-rows'
import { useTimelineGestures } from './use-timeline-gestures'
import { useTimelineWheel } from './use-timeline-wheel'

const NO_IDS: ReadonlySet<string> = new Set()

/** The timeline: transport, track names, ruler, and the dope sheet or the curve view, with the key menu. */
export function Timeline() {
  const document = useStudio((s) => s.document)
  const directions = useStudio((s) => s.directions)
  const commit = useStudio((s) => s.commit)
  const selected = useTimelineSelection((s) => s.selected)
  const select = useTimelineSelection((s) => s.select)
  const prune = useTimelineSelection((s) => s.prune)
  const zoom = useTimelineSelection((s) => s.zoom)
  const curveView = useTimelineSelection((s) => s.curveView)
  const curveTrackId = useTimelineSelection((s) => s.curveTrack)
  const setCurveTrack = useTimelineSelection((s) => s.setCurveTrack)
  const lanesRef = useRef<HTMLDivElement>(null)
  const rowsRef = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null)
  const { width: lanesWidth } = useElementSize(lanesRef)
  const { height: bodyHeight } = useElementSize(bodyRef)
  const keyMenuItems = useKeyMenuItems()
  usePlayback()
  useSoundWaveform()
  useTimelineWheel(lanesRef, bodyRef)

  // Keys removed by undo, delete or a merge leave the selection.
  useEffect(() => prune(document), [document, prune])

  const { durationSec, fps } = document.settings
  const view = viewOf(zoom, durationSec, fps)
  const labelOf = (track: (typeof document.tracks)[number]) => trackLabel(track, directions)
  const { tracks, rows, hitRows } = useTimelineRows()
  const curveTrack = curveTrackOf(tracks, curveTrackId, selected)
  const gestures = useTimelineGestures(rowsRef, lanesRef, hitRows)
  // Only the curve view looks keys up by ref id: a box select over 10,000 keys built it at every move.
  const selectedIds = useMemo(() => (curveView ? selectionSet(selected) : NO_IDS), [curveView, selected])

  // In the curve view, the chosen track's name stays in sight.
  const curveTrackName = curveView ? curveTrack?.id : undefined
  useEffect(() => {
    if (!curveTrackName) return
    bodyRef.current
      ?.querySelector(`.track-name[data-track-id="${CSS.escape(curveTrackName)}"]`)
      ?.scrollIntoView({ block: 'nearest' })
  }, [curveTrackName])

  const onRowsContextMenu = (event: ReactMouseEvent<HTMLDivElement>) => {
    event.preventDefault()
    const ref = gestures.keyAtEvent(event)
    if (!ref) return
    if (!containsRef(useTimelineSelection.getState().selected, ref)) select([ref])
    setMenu({ x: event.clientX, y: event.clientY })
  }
  const closeMenu = useCallback(() => setMenu(null), [])
  const openMenuAt = useCallback((x: number, y: number) => setMenu({ x, y }), [])
  const pickInterpolation = (interpolation: Interpolation) => {
    const refs = useTimelineSelection.getState().selected
    commit((doc) => setInterpolation(doc, refs, interpolation), { history: true })
    setMenu(null)
  }

  return (
    <section className="timeline" aria-label="Timeline" data-testid="timeline">
      <TimelineTransport zoomed={view.span < durationSec - 1e-9} />
      <div className="timeline__body" ref={bodyRef}>
        <TimelineTrackNames
          rows={rows}
          labelOf={labelOf}
          curveView={curveView}
          curveTrackId={curveTrack?.id}
          onPickCurve={setCurveTrack}
        />
        <div className="timeline__lanes timeline__lanes--editing" ref={lanesRef} data-testid="timeline-lanes">
          <TimelineRuler
            view={view}
            width={lanesWidth}
            onPointerDown={gestures.onRulerPointerDown}
            onPointerMove={gestures.onPointerMove}
            onPointerUp={gestures.onPointerUp}
            onPointerCancel={gestures.onPointerCancel}
          />
          <TimelineSoundLane view={view} width={lanesWidth} />
          {curveView && curveTrack ? (
            <TimelineCurveView
              track={curveTrack}
              label={labelOf(curveTrack)}
              view={view}
              height={Math.max(96, bodyHeight - 22)}
              selectedIds={selectedIds}
              onContextMenu={onRowsContextMenu}
            />
          ) : (
            <TimelineKeyRows
              rowsRef={rowsRef}
              bodyRef={bodyRef}
              rows={rows}
              tracks={hitRows}
              view={view}
              width={lanesWidth}
              labelOf={labelOf}
              gestures={gestures}
              onContextMenu={onRowsContextMenu}
              onMenuAt={openMenuAt}
            />
          )}
          <PlayheadLine view={view} width={lanesWidth} />
        </div>
      </div>
      {menu && (
        <TimelineContextMenu
          x={menu.x}
          y={menu.y}
          current={commonInterpolation(document, selected)}
          count={selected.length}
          actions={keyMenuItems}
          onPick={pickInterpolation}
          onClose={closeMenu}
        />
      )}
    </section>
  )
}

/**
 * The playhead line, a layer of its own over the lanes: only it (and the timecode) re-render as the playhead
 * moves, and it moves by a transform, so scrubbing never redraws or even repaints the lanes.
 */
function PlayheadLine({ view, width }: { view: TimelineView; width: number }) {
  const playhead = useStudio((s) => s.playhead)
  const visible = playhead >= view.start - view.span * 0.02 && playhead <= view.start + view.span * 1.02
  return (
    <div
      className="playhead"
      style={{
        transform: `translateX(${timeToX(playhead, view, width)}px)`,
        visibility: visible && width > 0 ? undefined : 'hidden'
      }}
      data-testid="playhead"
    />
  )
}
