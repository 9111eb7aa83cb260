// The dope sheet's pointer gestures. The ruler scrubs the playhead (and drags the work-area handles); the
// lanes edit: press a key to select it and drag to move the selection, Shift+click adds/removes, drag on
// empty lane area draws a selection box (Shift adds to the selection), and a plain click on empty lane area
// clears the selection and moves the playhead there. Each drag is one undo step. Keys are drawn on canvases,
// so the key under the pointer is found by geometry (`keyAt`), the same mapping that draws them; the curve
// view's keys are elements and are found by their `data-key-id`.
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react'
import {
  findKey,
  moveShift,
  seconds,
  snapToFrame,
  setWorkArea,
  type AnimationDocument,
  type KeyRef
} from '@shared/timeline'
import { useSound } from '../../store/sound-store'
import { useTrackMix } from '../../store/track-mix-store'
import { playScrubGrain } from './scrub-audio'
import { SOUND_GROUP } from './track-groups'
import { useStudio } from '../../store/studio-store'
import { draggedDocument, useTimelineSelection, type KeyDrag } from '../../store/timeline-selection-store'
import { formatTimecode } from '../format-timecode'
import {
  keyAt,
  keysInBox,
  pixelsPerSecond,
  snapTimeToFrame,
  viewOf,
  xToTime,
  type Box,
  type TimelineView
} from './timeline-geometry'
import { containsRef, pressKey, releaseKey, unionRefs, type ClickIntent } from './timeline-selection'

/** Height of a track row, px; a key's radius, px. */
export const TRACK_HEIGHT = 22
export const KEY_RADIUS = 5
/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3
/** Dragged keys snap onto other tracks' keys within this distance (hold Alt to turn it off). */
const SNAP_PX = 6

type Gesture =
  | { kind: 'scrub' }
  | { kind: 'work-area'; edge: 'in' | 'out'; origin: AnimationDocument; entered: boolean }
  | { kind: 'box'; startX: number; startY: number; additive: boolean; base: KeyRef[]; moved: boolean }
  | {
      kind: 'move'
      origin: AnimationDocument
      refs: KeyRef[]
      startX: number
      moved: boolean
      clickRef: KeyRef
      onClick: ClickIntent
    }

/** The label that follows a key drag: frames moved and where to, in lane px. */
export interface DragLabel {
  readonly x: number
  readonly y: number
  readonly text: string
}

type PointerHandler = (event: ReactPointerEvent<HTMLDivElement>) => void

export interface TimelineGestures {
  readonly onRulerPointerDown: PointerHandler
  readonly onRowsPointerDown: PointerHandler
  readonly onPointerMove: PointerHandler
  readonly onPointerUp: PointerHandler
  readonly onPointerCancel: () => void
  readonly onRowsPointerLeave: () => void
  /** The key under a pointer event: a curve-view key element, or a key drawn in the lanes under the pointer. */
  readonly keyAtEvent: (event: PointerLike) => KeyRef | null
  /** The key the pointer is over when no gesture runs (drawn highlighted, described in the tooltip). */
  readonly hover: KeyRef | null
  /** The selection box being drawn, in lane px. */
  readonly box: Box | null
  readonly dragLabel: DragLabel | null
}

/** What the key lookup needs of a pointer event. */
export interface PointerLike {
  readonly target: EventTarget | null
  readonly clientX: number
  readonly clientY: number
}

/** Where the pointer is: lane px, the lanes' width and view, and the time under it (s). */
interface LanePoint {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly view: TimelineView
  readonly time: number
}

/** The document with the dragged work-area edge at `time` (s), a frame short of the other edge. */
function workAreaAfterDrag(g: Extract<Gesture, { kind: 'work-area' }>, time: number): AnimationDocument {
  const { workArea: area, fps, durationSec } = g.origin.settings
  const frame = 1 / fps
  const t = snapTimeToFrame(time, fps, durationSec)
  return g.edge === 'in'
    ? setWorkArea(g.origin, seconds(Math.min(t, area.out - frame)), area.out)
    : setWorkArea(g.origin, area.in, seconds(Math.max(t, area.in + frame)))
}

/** The selection box and what it selects, once the pointer has moved past the click threshold. */
function boxAfterDrag(
  g: Extract<Gesture, { kind: 'box' }>,
  at: LanePoint,
  tracks: AnimationDocument['tracks']
): { box: Box; selection: KeyRef[] } | null {
  if (!g.moved && Math.hypot(at.x - g.startX, at.y - g.startY) < DRAG_THRESHOLD_PX) return null
  g.moved = true
  const box: Box = { x0: g.startX, y0: g.startY, x1: at.x, y1: at.y }
  const geometry = { view: at.view, width: at.width, rowHeight: TRACK_HEIGHT, keyRadius: KEY_RADIUS }
  const hits = keysInBox(tracks, box, geometry)
  return { box, selection: g.additive ? unionRefs(g.base, hits) : hits }
}

/** The selection's drag so far (snapped to other keys unless `noSnap`), and its label. */
function keysAfterDrag(
  g: Extract<Gesture, { kind: 'move' }>,
  at: LanePoint,
  noSnap: boolean
): { drag: KeyDrag; label: DragLabel | null } | null {
  const dx = at.x - g.startX
  if (!g.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return null
  g.moved = true
  const perSecond = pixelsPerSecond(at.view, at.width)
  const options = noSnap ? {} : { snapToKeysWithin: seconds(SNAP_PX / perSecond) }
  const delta = seconds(dx / perSecond)
  const shift = moveShift(g.origin, g.refs, delta, options) ?? 0
  const drag: KeyDrag = { origin: g.origin, refs: g.refs, delta, options, shift }
  const before = findKey(g.origin, g.clickRef)
  if (!before) return { drag, label: null }
  const fps = g.origin.settings.fps
  const after = snapToFrame(seconds(before.time + shift), fps)
  const frames = Math.round((after - before.time) * fps)
  const sign = frames >= 0 ? '+' : '−'
  const text = `${sign}${Math.abs(frames)} f · ${formatTimecode(after, fps)}`
  return { drag, label: { x: at.x, y: at.y, text } }
}

/** The key a `[data-key-id]` element under `target` shows (the curve view's keys), if it still exists. */
function keyElementRef(target: EventTarget | null): KeyRef | null {
  const element = target instanceof Element ? target.closest<HTMLElement>('[data-key-id]') : null
  if (!element) return null
  const doc = useStudio.getState().document
  const track = doc.tracks.find((t) => t.id === element.dataset['trackId'])
  const key = track?.keys.find((k) => k.id === element.dataset['keyId'])
  return track && key ? { trackId: track.id, keyId: key.id } : null
}

/** Pointer position in lane coordinates of `element`, its width, the view, and the time under the pointer. */
function locateIn(
  rect: { left: number; top: number; width: number } | undefined,
  event: { clientX: number; clientY: number }
): LanePoint | null {
  if (!rect || rect.width <= 0) return null
  const x = event.clientX - rect.left
  const y = event.clientY - rect.top
  const settings = useStudio.getState().document.settings
  const view = viewOf(useTimelineSelection.getState().zoom, settings.durationSec, settings.fps)
  return { x, y, width: rect.width, view, time: xToTime(x, view, rect.width) }
}

/** The key drawn under `at` in `tracks` (rows in display order); the selection is drawn on top, so it wins. */
function keyUnder(tracks: AnimationDocument['tracks'], at: LanePoint): KeyRef | null {
  const selected = useTimelineSelection.getState().selected
  const layout = { view: at.view, width: at.width, rowHeight: TRACK_HEIGHT, keyRadius: KEY_RADIUS }
  return keyAt(tracks, at, layout, selected.length > 0 ? (ref) => containsRef(selected, ref) : undefined)
}

/**
 * Where pointer events fall in lane coordinates of `rows` (else `lanes`). While a gesture runs (`busy`) the
 * lanes' box is measured once: measuring at every pointer move forced a layout of what the last frame changed
 * (the inspector's read-outs while scrubbing) in the middle of handling the move. Scrolling, resizing and
 * `forgetBox` (a new gesture) measure it again.
 */
function useLaneLocator(
  rows: RefObject<HTMLDivElement | null>,
  lanes: RefObject<HTMLDivElement | null>,
  busy: () => boolean
): { locate: (event: { clientX: number; clientY: number }) => LanePoint | null; forgetBox: () => void } {
  const box = useRef<DOMRect | null>(null)
  useEffect(() => {
    const forget = () => {
      box.current = null
    }
    document.addEventListener('scroll', forget, true)
    window.addEventListener('resize', forget)
    return () => {
      document.removeEventListener('scroll', forget, true)
      window.removeEventListener('resize', forget)
    }
  }, [])
  return {
    locate: (event) => {
      const element = rows.current ?? lanes.current
      if (!busy()) return locateIn(element?.getBoundingClientRect(), event)
      box.current ??= element?.getBoundingClientRect() ?? null
      return locateIn(box.current ?? undefined, event)
    },
    forgetBox: () => {
      box.current = null
    }
  }
}

/** Moves the playhead to `at`'s frame and plays the sound under it, unless its mute is on (the sound lane's M). */
function scrubAt(at: LanePoint | null): void {
  const { fps, durationSec } = useStudio.getState().document.settings
  if (!at) return
  const time = snapTimeToFrame(at.time, fps, durationSec)
  useStudio.getState().setPlayhead(time)
  const { sound } = useSound.getState()
  const audio = useStudio.getState().audio
  if (sound && audio?.file.token === sound.token && !useTrackMix.getState().mutedGroups.has(SOUND_GROUP))
    playScrubGrain(sound.waveform, audio.startSec, time)
}

/**
 * `rows` (else `lanes`) is the element lane coordinates are measured from; `tracks` the rows in the order
 * shown, for box selection.
 */
export function useTimelineGestures(
  rows: RefObject<HTMLDivElement | null>,
  lanes: RefObject<HTMLDivElement | null>,
  tracks: AnimationDocument['tracks']
): TimelineGestures {
  const gesture = useRef<Gesture | null>(null)
  const [box, setBox] = useState<Box | null>(null)
  const [hover, setHover] = useState<KeyRef | null>(null)
  const [dragLabel, setDragLabel] = useState<DragLabel | null>(null)
  const { commit } = useStudio.getState()
  const { select } = useTimelineSelection.getState()

  const { locate, forgetBox } = useLaneLocator(rows, lanes, () => gesture.current !== null)

  const keyAtEvent = (event: PointerLike): KeyRef | null => {
    const element = keyElementRef(event.target)
    if (element) return element
    const inRows = event.target instanceof Node && rows.current?.contains(event.target)
    const at = inRows ? locate(event) : null
    return at ? keyUnder(tracks, at) : null
  }

  /** The hovered key, when no gesture runs; state changes only when it does, so lanes redraw only then. */
  const hoverAt = (event: PointerLike) => {
    const next = gesture.current ? null : keyAtEvent(event)
    setHover((before) => (before?.keyId === next?.keyId && before?.trackId === next?.trackId ? before : next))
  }

  const scrubTo = (event: { clientX: number; clientY: number }) => scrubAt(locate(event))

  const onRulerPointerDown: PointerHandler = (event) => {
    if (event.button !== 0) return
    forgetBox()
    event.currentTarget.setPointerCapture(event.pointerId)
    const edge = event.target instanceof HTMLElement ? event.target.dataset['edge'] : undefined
    if (edge === 'in' || edge === 'out') {
      gesture.current = { kind: 'work-area', edge, origin: useStudio.getState().document, entered: false }
      return
    }
    gesture.current = { kind: 'scrub' }
    useTimelineSelection.getState().setScrubbing(true)
    scrubTo(event)
  }

  const onRowsPointerDown: PointerHandler = (event) => {
    if (event.button !== 0) return
    forgetBox()
    const at = locate(event)
    if (!at) return
    event.currentTarget.setPointerCapture(event.pointerId)
    const current = useTimelineSelection.getState().selected
    const ref = keyAtEvent(event)
    setHover(null)
    if (!ref) {
      const additive = event.shiftKey
      gesture.current = {
        kind: 'box',
        startX: at.x,
        startY: at.y,
        additive,
        base: additive ? current : [],
        moved: false
      }
      return
    }
    const { selection, onClick } = pressKey(current, ref, event.shiftKey)
    select(selection)
    const pressed = findKey(useStudio.getState().document, ref)
    if (pressed) useTimelineSelection.getState().setFocusedKey({ ref, time: pressed.time })
    gesture.current = {
      kind: 'move',
      origin: useStudio.getState().document,
      refs: useTimelineSelection.getState().selected,
      startX: at.x,
      moved: false,
      clickRef: ref,
      onClick
    }
  }

  /** Commits a drag's document: the first change enters history, the rest replace it (one undo step). */
  const commitDrag = (g: { origin: AnimationDocument; entered: boolean }, next: AnimationDocument) => {
    if (next === g.origin && !g.entered) return
    commit(() => next, { history: !g.entered })
    g.entered = true
  }

  const onPointerMove: PointerHandler = (event) => {
    const g = gesture.current
    if (!g) return hoverAt(event)
    const at = locate(event)
    if (!at) return
    if (g.kind === 'scrub') scrubTo(event)
    else if (g.kind === 'work-area') commitDrag(g, workAreaAfterDrag(g, at.time))
    else if (g.kind === 'box') {
      const hit = boxAfterDrag(g, at, tracks)
      if (hit) {
        setBox(hit.box)
        select(hit.selection)
      }
    } else {
      const moved = keysAfterDrag(g, at, event.altKey)
      if (!moved) return
      useTimelineSelection.getState().setKeyDrag(moved.drag)
      if (moved.label) setDragLabel(moved.label)
    }
  }

  /** Ends a key drag: the document takes the move shown, as one undo step. */
  const finishKeyDrag = () => {
    const drag = useTimelineSelection.getState().keyDrag
    if (!drag) return
    const next = draggedDocument(drag)
    if (next !== drag.origin) commit(() => next, { history: true })
    useTimelineSelection.getState().setKeyDrag(null)
  }

  const onPointerUp: PointerHandler = (event) => {
    const g = gesture.current
    gesture.current = null
    useTimelineSelection.getState().setScrubbing(false)
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId)
    if (g?.kind === 'box') {
      setBox(null)
      if (!g.moved) {
        if (!g.additive) select([])
        scrubTo(event)
      }
    } else if (g?.kind === 'move') {
      setDragLabel(null)
      finishKeyDrag()
      if (!g.moved) select(releaseKey(useTimelineSelection.getState().selected, g.clickRef, g.onClick))
    }
  }

  const onPointerCancel = () => {
    if (gesture.current?.kind === 'move') finishKeyDrag()
    gesture.current = null
    useTimelineSelection.getState().setScrubbing(false)
    setBox(null)
    setDragLabel(null)
  }

  return {
    onRulerPointerDown,
    onRowsPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerCancel,
    onRowsPointerLeave: () => setHover(null),
    keyAtEvent,
    hover,
    box,
    dragLabel
  }
}
