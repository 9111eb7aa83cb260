import type { PointerEvent as ReactPointerEvent } from 'react'
import { useStudio } from '../../store/studio-store'
import { formatTimecode } from '../format-timecode'
import { durationToWidth, rulerTicks, timeToLeft, type TimelineView } from './timeline-geometry'

type PointerHandler = (event: ReactPointerEvent<HTMLDivElement>) => void

/** The time ruler with the work area and its two handles; pointer gestures come from useTimelineGestures. */
export function TimelineRuler(props: {
  view: TimelineView
  /** The lanes' width, px, for the tick spacing. */
  width: number
  onPointerDown: PointerHandler
  onPointerMove: PointerHandler
  onPointerUp: PointerHandler
  onPointerCancel: () => void
}) {
  const { view, width } = props
  const { fps, workArea } = useStudio((s) => s.document.settings)
  const ticks = rulerTicks(view, width, fps)
  return (
    <div
      className="ruler"
      data-testid="timeline-ruler"
      title="Drag to scrub; drag the work-area ends to trim"
      onPointerDown={props.onPointerDown}
      onPointerMove={props.onPointerMove}
      onPointerUp={props.onPointerUp}
      onPointerCancel={props.onPointerCancel}
    >
      {ticks.map((tick) => (
        <span
          key={tick.time}
          // The last label would run past the lanes' end: it sits left of its tick instead.
          className={`ruler__tick${tick.time > view.start + view.span * 0.97 ? ' ruler__tick--end' : ''}`}
          style={{ left: timeToLeft(tick.time, view) }}
        >
          {tick.label}
        </span>
      ))}
      <span
        className="work-area"
        style={{
          left: timeToLeft(workArea.in, view),
          width: durationToWidth(workArea.out - workArea.in, view)
        }}
      />
      {(['in', 'out'] as const).map((edge) => (
        <span
          key={edge}
          className={`work-area__handle work-area__handle--${edge}`}
          data-edge={edge}
          data-testid={`work-area-${edge}`}
          title={`Work area ${edge}: ${formatTimecode(workArea[edge], fps)} (drag)`}
          style={{ left: timeToLeft(workArea[edge], view) }}
        />
      ))}
    </div>
  )
}
