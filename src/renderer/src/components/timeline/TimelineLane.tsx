import { memo, useRef } from 'react'
import type { KeyId, Track } from '@shared/timeline'
import type { LaneDrag } from './lane-painter'
import { SLIDE_MARGIN } from './lane-slide'
import { useLanePaint } from './use-lane-paint'
import { TRACK_HEIGHT } from './use-timeline-gestures'

/** The lane canvas's height: the row inside its bottom border, px. */
const CANVAS_HEIGHT = TRACK_HEIGHT - 1

interface Props {
  readonly track: Track
  /** The visible range (s), as numbers so an unchanged view does not redraw. */
  readonly viewStart: number
  readonly viewSpan: number
  /** The lanes' width, CSS px. */
  readonly width: number
  readonly dpr: number
  readonly selected: ReadonlySet<KeyId>
  readonly hover: KeyId | null
  readonly focus: KeyId | null
  /** Off screen (scrolled out of the timeline's body): not drawn until it shows again. */
  readonly visible: boolean
  /** A group's summary row (its tracks' keys, one per time): set to the group's id. */
  readonly summaryOf?: string
  /** Muted, or not soloed while something else is: drawn dimmed. */
  readonly silent?: boolean
  /** A drag of the selected keys under way (null for lanes with none selected, so they do not redraw). */
  readonly drag?: LaneDrag | null
}

/**
 * One track's row: a canvas the lane painter draws the keys on. It redraws only when what it shows changes
 * (its track's keys, its selection, the view, its size, hover or focus); the playhead is drawn elsewhere.
 */
export const TimelineLane = memo(function TimelineLane(props: Props) {
  const { track, viewStart, viewSpan, width, dpr, selected, hover, focus, visible, summaryOf, silent } = props
  const drag = props.drag ?? null
  const keysCanvas = useRef<HTMLCanvasElement>(null)
  const selectionCanvas = useRef<HTMLCanvasElement>(null)
  const pixelWidth = Math.max(1, Math.round(width * dpr))
  const pixelHeight = Math.round(CANVAS_HEIGHT * dpr)
  // The selection's canvas reaches SLIDE_MARGIN px past the lane on either side (the lane clips it), so a
  // drag can slide it instead of drawing it anew (lane-slide.ts).
  const selectionWidth = width + 2 * SLIDE_MARGIN
  const paintId = summaryOf === undefined ? track.id : `group:${summaryOf}`
  // Two layers: the keys, and over them the selection, hover and focus (see use-lane-paint). Software
  // canvases: many small stamps rasterise faster on the CPU than through the GPU process, and with a software
  // GL (SwiftShader) accelerated lanes stalled frames for seconds while the page was idle.
  useLanePaint(keysCanvas, selectionCanvas, {
    track,
    viewStart,
    viewSpan,
    width,
    height: CANVAS_HEIGHT,
    dpr,
    selected,
    hover,
    focus,
    visible,
    drag,
    paintId
  })
  // A summary row is not a `.lane`: lanes are the document's tracks (tests and the probe count them).
  const className = `${summaryOf === undefined ? 'lane' : 'group-summary'}${silent ? ' is-silent' : ''}`
  return (
    <div
      className={className}
      style={{ height: TRACK_HEIGHT }}
      data-track-id={summaryOf === undefined ? track.id : undefined}
      data-group-id={summaryOf}
    >
      <canvas
        ref={keysCanvas}
        className="lane__canvas"
        width={pixelWidth}
        height={pixelHeight}
        style={{ width, height: CANVAS_HEIGHT }}
        aria-hidden="true"
      />
      <canvas
        ref={selectionCanvas}
        className="lane__canvas lane__canvas--selection lane__canvas--hidden"
        width={Math.max(1, Math.round(selectionWidth * dpr))}
        height={pixelHeight}
        // Shown only while it holds a selection (use-lane-paint sets its display and slide).
        style={{ width: selectionWidth, height: CANVAS_HEIGHT, left: -SLIDE_MARGIN }}
        aria-hidden="true"
      />
    </div>
  )
})
