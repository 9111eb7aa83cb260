import type { MouseEvent as ReactMouseEvent, RefObject } from 'react'
import { findKey, type AnimationDocument } from '@shared/timeline'
import { useStudio } from '../../store/studio-store'
import { timeToLeft, type TimelineView } from './timeline-geometry'
import { refId } from './timeline-selection'
import { TRACK_HEIGHT, type TimelineGestures } from './use-timeline-gestures'

type Track = AnimationDocument['tracks'][number]

/** The dope sheet: one lane of keys per track, the work area's outside shaded, the selection box. */
export function TimelineKeyRows(props: {
  rowsRef: RefObject<HTMLDivElement | null>
  tracks: readonly Track[]
  view: TimelineView
  selectedIds: ReadonlySet<string>
  gestures: TimelineGestures
  onContextMenu: (event: ReactMouseEvent<HTMLDivElement>) => void
}) {
  const { rowsRef, tracks, view, selectedIds, gestures, onContextMenu } = props
  const workArea = useStudio((s) => s.document.settings.workArea)
  const setPlayhead = useStudio((s) => s.setPlayhead)
  const { box, dragLabel } = gestures
  const visible = (time: number) =>
    time >= view.start - view.span * 0.02 && time <= view.start + view.span * 1.02
  return (
    <div
      className="timeline__rows"
      ref={rowsRef}
      data-testid="timeline-rows"
      onPointerDown={gestures.onRowsPointerDown}
      onPointerMove={gestures.onPointerMove}
      onPointerUp={gestures.onPointerUp}
      onPointerCancel={gestures.onPointerCancel}
      onContextMenu={onContextMenu}
      onDoubleClick={(event) => {
        const ref = gestures.keyRefAt(event.target)
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
      {tracks.map((track) => (
        <div key={track.id} className="lane" style={{ height: TRACK_HEIGHT }} data-track-id={track.id}>
          {track.keys.map((key) =>
            visible(key.time) ? (
              <span
                key={key.id}
                className={`key key--${key.interpolation}${
                  selectedIds.has(refId({ trackId: track.id, keyId: key.id })) ? ' key--selected' : ''
                }`}
                data-track-id={track.id}
                data-key-id={key.id}
                data-time={key.time}
                style={{ left: timeToLeft(key.time, view) }}
                title={`${key.time.toFixed(2)} s = ${key.value.toFixed(2)} (${key.interpolation})`}
              />
            ) : null
          )}
        </div>
      ))}
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
  )
}
