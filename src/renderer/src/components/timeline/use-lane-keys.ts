// The key lanes from the keyboard. Tab focuses the lanes (one tab stop); while they have keyboard focus the
// arrow keys move a focused key (←/→ along its track, ↑/↓ to the nearest key of the next track with keys,
// Home/End to the track's ends) and select it (Shift adds it to the selection), Enter moves the playhead to
// it and Shift+F10 or the menu key opens the key menu there; Delete, copy, paste, K and Escape are the action
// table's and work on the selection as always. After a mouse press in the lanes the arrow keys step frames as
// before (focus that a pointer press brought does not take the arrow keys). The focused key is drawn with a
// ring and announced through a live region.
import {
  useRef,
  useState,
  type FocusEvent as ReactFocusEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type RefObject
} from 'react'
import { findKey, type Interpolation, type Track } from '@shared/timeline'
import { useStudio } from '../../store/studio-store'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { INTERPOLATION_LABELS } from './TimelineContextMenu'
import { describeKey, FOCUS_MOVE_OF_KEY, initialFocus, moveFocus } from './key-focus'
import { panToShow, timeToX, type TimelineView } from './timeline-geometry'
import { containsRef, unionRefs } from './timeline-selection'
import { TRACK_HEIGHT } from './use-timeline-gestures'

export interface LaneKeys {
  readonly onKeyDown: (event: ReactKeyboardEvent<HTMLDivElement>) => void
  readonly onFocus: (event: ReactFocusEvent<HTMLDivElement>) => void
  readonly onBlur: () => void
  readonly onPointerDown: () => void
  /** The lanes have keyboard focus: the focused key shows its ring. */
  readonly active: boolean
  /** What the live region says: the focused key, while the lanes have keyboard focus. */
  readonly announcement: string
}

const interpolationLabel = (interpolation: Interpolation) => INTERPOLATION_LABELS[interpolation]

/** Brings `time` into the view (panning) and the track's lane into the scrolled body. */
function reveal(rows: HTMLElement | null, trackId: string, time: number): void {
  const { durationSec, fps } = useStudio.getState().document.settings
  const selection = useTimelineSelection.getState()
  selection.setZoom(panToShow(selection.zoom, time, durationSec, fps))
  rows?.querySelector(`.lane[data-track-id="${CSS.escape(trackId)}"]`)?.scrollIntoView({ block: 'nearest' })
}

export function useLaneKeys(options: {
  rows: RefObject<HTMLDivElement | null>
  tracks: readonly Track[]
  view: TimelineView
  width: number
  labelOf: (track: Track) => string
  onMenuAt: (x: number, y: number) => void
}): LaneKeys {
  const { rows, tracks, view, width, labelOf, onMenuAt } = options
  const [active, setActive] = useState(false)
  /** A pointer press in the lanes is about to focus them: that focus is the mouse's, not the keyboard's. */
  const pressing = useRef(false)
  const focusedKey = useTimelineSelection((s) => s.focusedKey)
  const selected = useTimelineSelection((s) => s.selected)

  /** The focused key, or where focus starts, as the store keeps it. */
  const current = () => {
    const { focusedKey: kept, selected: chosen } = useTimelineSelection.getState()
    if (kept) return kept
    const ref = initialFocus(tracks, chosen, useStudio.getState().playhead)
    const key = ref ? findKey(useStudio.getState().document, ref) : undefined
    return ref && key ? { ref, time: key.time } : null
  }

  const onFocus = (event: ReactFocusEvent<HTMLDivElement>) => {
    const byPointer = pressing.current
    pressing.current = false
    if (event.target !== event.currentTarget || byPointer) return
    setActive(true)
    useTimelineSelection.getState().setFocusedKey(current())
  }

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (!active || event.ctrlKey || event.metaKey || event.altKey) return
    const from = current()
    if (!from) return
    const move = FOCUS_MOVE_OF_KEY[event.key]
    const doc = useStudio.getState().document
    if (move) {
      event.preventDefault()
      const ref = moveFocus(tracks, from.ref, from.time, move)
      const key = ref ? findKey(doc, ref) : undefined
      if (!ref || !key) return
      const selection = useTimelineSelection.getState()
      selection.setFocusedKey({ ref, time: key.time })
      selection.select(event.shiftKey ? unionRefs(selection.selected, [ref]) : [ref])
      reveal(rows.current, ref.trackId, key.time)
      return
    }
    const key = findKey(doc, from.ref)
    if (!key) return
    if (event.key === 'Enter') {
      event.preventDefault()
      useStudio.getState().setPlayhead(key.time)
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault()
      const selection = useTimelineSelection.getState()
      if (!containsRef(selection.selected, from.ref)) selection.select([from.ref])
      const rect = rows.current?.getBoundingClientRect()
      const row = tracks.findIndex((t) => t.id === from.ref.trackId)
      if (rect) onMenuAt(rect.left + timeToX(key.time, view, width), rect.top + (row + 0.5) * TRACK_HEIGHT)
    }
  }

  const announcement =
    active && focusedKey
      ? describeKey(
          tracks,
          focusedKey.ref,
          { track: labelOf, interpolation: interpolationLabel },
          containsRef(selected, focusedKey.ref)
        )
      : ''

  return {
    onKeyDown,
    onFocus,
    onBlur: () => {
      pressing.current = false
      setActive(false)
    },
    onPointerDown: () => {
      pressing.current = true
      setActive(false)
    },
    active,
    announcement
  }
}
