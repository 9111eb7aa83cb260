import {
  useDeferredValue,
  useEffect,
  useMemo,
  useState,
  type MouseEvent as ReactMouseEvent,
  type RefObject
} from 'react'
import { findKey, type AnimationDocument, type KeyId } from '@shared/timeline'
import { useStudio } from '../../store/studio-store'
import { draggedDocument, useTimelineSelection } from '../../store/timeline-selection-store'
import { useDevicePixelRatio } from '../use-device-pixel-ratio'
import { TimelineLane } from './TimelineLane'
import { timeToLeft, type TimelineView } from './timeline-geometry'
import { useTimelineProbe } from './timeline-probe'
import { selectionByTrack, type SelectionByTrack } from './timeline-selection'
import { summaryTrackOf, type TimelineRow } from './track-groups'
import { isAudible } from './track-mix'
import { useTrackMix } from '../../store/track-mix-store'
import { useLaneKeys } from './use-lane-keys'
import { TRACK_HEIGHT, type TimelineGestures } from './use-timeline-gestures'
import { useVisibleRows } from './use-visible-rows'

type Track = AnimationDocument['tracks'][number]

const NO_KEYS: ReadonlySet<KeyId> = new Set()

const LANES_HINT =
  'Arrow keys move between keys: left and right along a track, up and down to the next track. Shift adds ' +
  'the key to the selection, Enter moves the playhead to it, Shift+F10 opens its menu; Delete, Ctrl+C and ' +
  'Ctrl+V delete, copy and paste the selection.'

/** The selection grouped by track, keeping the sets of tracks whose selection did not change. */
function useSelectionByTrack(): SelectionByTrack {
  const selected = useTimelineSelection((s) => s.selected)
  const [grouped, setGrouped] = useState(() => ({ from: selected, by: selectionByTrack(selected) }))
  if (grouped.from === selected) return grouped.by
  // Adjusting state while rendering (React re-renders at once, before children): the previous grouping
  // is what lets unchanged tracks keep their sets.
  const next = { from: selected, by: selectionByTrack(selected, grouped.by) }
  setGrouped(next)
  return next.by
}

/** While keys are dragged, the group summaries show the drag as it was when it last rested this long, ms. */
const SUMMARY_DRAG_REST_MS = 120

/** `value` once it has stayed the same for `ms` (the last such value until then); null at once. */
function useRested<T>(value: T | null, ms: number): T | null {
  const [rested, setRested] = useState<T | null>(value)
  useEffect(() => {
    if (rested === value) return
    const timer = window.setTimeout(() => setRested(value), value === null ? 0 : ms)
    return () => window.clearTimeout(timer)
  }, [value, rested, ms])
  return value === null ? null : rested
}

/**
 * Each group's member tracks for its summary row. Summaries follow edits at low priority, and a drag when it
 * rests: recomputing and redrawing a group's summary of thousands of keys at every pointer move cost as much
 * as the move itself.
 */
function useSummaryMembers(rows: readonly TimelineRow[]): Map<string, readonly Track[]> {
  const summaryRows = useDeferredValue(rows)
  const summaryDrag = useRested(
    useTimelineSelection((s) => s.keyDrag),
    SUMMARY_DRAG_REST_MS
  )
  const dragged = useMemo(() => (summaryDrag ? draggedDocument(summaryDrag) : null), [summaryDrag])
  return new Map(
    summaryRows.flatMap((row) => {
      if (row.kind !== 'group') return []
      const members = dragged
        ? row.tracks.map((t) => dragged.tracks.find((d) => d.id === t.id) ?? t)
        : row.tracks
      return [[row.group, members] as const]
    })
  )
}

/** The hovered key's tooltip, as the key elements had it. */
function tooltipOf(tracks: readonly Track[], hover: TimelineGestures['hover']): string | undefined {
  const key = hover
    ? tracks.find((t) => t.id === hover.trackId)?.keys.find((k) => k.id === hover.keyId)
    : null
  return key ? `${key.time.toFixed(2)} s = ${key.value.toFixed(2)} (${key.interpolation})` : undefined
}

/**
 * The dope sheet: one canvas lane of keys per track (only the rows in sight are drawn), the work area's
 * outside shaded, the selection box and the drag label. One tab stop for the keyboard (see use-lane-keys).
 */
export function TimelineKeyRows(props: {
  rowsRef: RefObject<HTMLDivElement | null>
  bodyRef: RefObject<HTMLDivElement | null>
  /** The rows shown: group headers and tracks. */
  rows: readonly TimelineRow[]
  /** The same rows as tracks (a header as a track without keys): what hit testing, focus and the probe use. */
  tracks: readonly Track[]
  view: TimelineView
  width: number
  labelOf: (track: Track) => string
  gestures: TimelineGestures
  onContextMenu: (event: ReactMouseEvent<HTMLDivElement>) => void
  onMenuAt: (x: number, y: number) => void
}) {
  const { rowsRef, bodyRef, rows, tracks, view, width, labelOf, gestures, onContextMenu, onMenuAt } = props
  const workArea = useStudio((s) => s.document.settings.workArea)
  const setPlayhead = useStudio((s) => s.setPlayhead)
  const focusedKey = useTimelineSelection((s) => s.focusedKey)
  const fps = useStudio((s) => s.document.settings.fps)
  const shift = useTimelineSelection((s) => s.keyDrag?.shift ?? null)
  const drag = useMemo(() => (shift === null ? null : { shift, fps }), [shift, fps])
  const dpr = useDevicePixelRatio()
  const selection = useSelectionByTrack()
  const mix = useTrackMix()
  const summaryTracks = useSummaryMembers(rows)
  const shown = useVisibleRows(bodyRef, rowsRef, TRACK_HEIGHT, tracks.length)
  const keys = useLaneKeys({ rows: rowsRef, tracks, view, width, labelOf, onMenuAt })
  useTimelineProbe({
    tracks,
    view,
    width,
    selection,
    rows: rowsRef,
    rowHeight: TRACK_HEIGHT,
    shownRows: rows,
    mix
  })
  const { box, dragLabel, hover } = gestures
  return (
    <>
      <div
        className={`timeline__rows${hover ? ' timeline__rows--over-key' : ''}${
          keys.active ? ' timeline__rows--keyboard' : ''
        }`}
        ref={rowsRef}
        data-testid="timeline-rows"
        tabIndex={0}
        role="application"
        aria-roledescription="key lanes"
        aria-label="Keys"
        aria-describedby="timeline-lanes-hint"
        title={tooltipOf(tracks, hover)}
        onPointerDown={(event) => {
          keys.onPointerDown()
          gestures.onRowsPointerDown(event)
        }}
        onPointerMove={gestures.onPointerMove}
        onPointerUp={gestures.onPointerUp}
        onPointerCancel={gestures.onPointerCancel}
        onPointerLeave={gestures.onRowsPointerLeave}
        onContextMenu={onContextMenu}
        onKeyDown={keys.onKeyDown}
        onFocus={keys.onFocus}
        onBlur={keys.onBlur}
        onDoubleClick={(event) => {
          const ref = gestures.keyAtEvent(event)
          const key = ref ? findKey(useStudio.getState().document, ref) : undefined
          if (key) setPlayhead(key.time)
        }}
      >
        {workArea.in > view.start && (
          <div className="timeline__outside" style={{ left: 0, width: timeToLeft(workArea.in, view) }} />
        )}
        {workArea.out < view.start + view.span && (
          <div className="timeline__outside" style={{ left: timeToLeft(workArea.out, view), right: 0 }} />
        )}
        {rows.map((row, index) =>
          row.kind === 'group' ? (
            <TimelineLane
              key={`group:${row.group}`}
              track={summaryTrackOf(row.group, summaryTracks.get(row.group) ?? row.tracks)}
              summaryOf={row.group}
              viewStart={view.start}
              viewSpan={view.span}
              width={width}
              dpr={dpr}
              selected={NO_KEYS}
              hover={null}
              focus={null}
              visible={index >= shown.first && index < shown.end}
            />
          ) : (
            <TimelineLane
              key={row.track.id}
              track={row.track}
              viewStart={view.start}
              viewSpan={view.span}
              width={width}
              dpr={dpr}
              selected={selection.get(row.track.id) ?? NO_KEYS}
              hover={hover?.trackId === row.track.id ? hover.keyId : null}
              focus={keys.active && focusedKey?.ref.trackId === row.track.id ? focusedKey.ref.keyId : null}
              visible={index >= shown.first && index < shown.end}
              silent={!isAudible(row.track.id, row.group, mix)}
              drag={selection.has(row.track.id) ? drag : null}
            />
          )
        )}
        {box && (
          <div
            className="timeline__marquee"
            data-testid="timeline-marquee"
            style={{
              left: Math.min(box.x0, box.x1),
              top: Math.min(box.y0, box.y1),
              width: Math.abs(box.x1 - box.x0),
              height: Math.abs(box.y1 - box.y0)
            }}
          />
        )}
        {dragLabel && (
          <div
            className="timeline__drag-label"
            style={{ left: dragLabel.x, top: Math.max(0, dragLabel.y - 30) }}
          >
            {dragLabel.text}
          </div>
        )}
      </div>
      <p id="timeline-lanes-hint" className="visually-hidden">
        {LANES_HINT}
      </p>
      <div className="visually-hidden" aria-live="polite" data-testid="timeline-key-announcer">
        {keys.announcement}
      </div>
    </>
  )
}
