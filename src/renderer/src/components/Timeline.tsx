import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent
} from 'react'
import {
  findKey,
  isCameraParam,
  moveKeys,
  seconds,
  setInterpolation,
  setWorkArea,
  type AnimationDocument,
  type Interpolation,
  type KeyRef
} from '@shared/timeline'
import { useStudio } from '../store/studio-store'
import { CAMERA_LABELS, REGION_ORDER } from '../store/direction-catalog'
import { useTimelineSelection } from '../store/timeline-selection-store'
import { formatTimecode } from './format-timecode'
import { usePlayback } from './use-playback'
import { useElementSize } from './use-element-size'
import { useKeyMenuItems } from '../actions/use-key-menu-items'
import { TimelineContextMenu } from './TimelineContextMenu'
import { useProjectSettingsDialog } from './ProjectSettingsDialog'
import { TimelineCurveView } from './TimelineCurveView'
import { AudioMuteToggle } from './AudioMuteToggle'
import {
  keysInBox,
  panBy,
  pixelsPerSecond,
  rulerTicks,
  snapTimeToFrame,
  durationToWidth,
  timeToLeft,
  viewOf,
  wheelPixels,
  xToTime,
  zoomAt,
  type Box,
  type TimelineView
} from './timeline-geometry'
import { containsRef, selectionSet, toggleRef, unionRefs, refId } from './timeline-selection'

const TRACK_HEIGHT = 22
const KEY_RADIUS = 5
/** A press that moves less than this is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3
/** Dragged keys snap onto other tracks' keys within this distance (hold Alt to turn it off). */
const SNAP_PX = 6

// Pointer gestures. The ruler scrubs the playhead (and drags the work-area handles); the lanes edit:
// press a key to select it and drag to move the selection, Shift+click adds/removes, drag on empty lane
// area draws a selection box (Shift adds to the selection), and a plain click on empty lane area clears
// the selection and moves the playhead there. Wheel: Ctrl/Cmd zooms at the cursor; Shift (or a
// horizontal trackpad swipe) pans, as does a plain wheel over the ruler or when the tracks all fit.
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
      entered: boolean
      clickRef: KeyRef
      /** What a click without a drag does on release: keep the selection, keep only this key, or toggle it. */
      onClick: 'none' | 'solo' | 'toggle'
    }

interface Menu {
  x: number
  y: number
}

function commonInterpolation(doc: AnimationDocument, refs: readonly KeyRef[]): Interpolation | null {
  const kinds = new Set(refs.map((ref) => findKey(doc, ref)?.interpolation))
  const [only] = kinds
  return kinds.size === 1 && only ? only : null
}

export function Timeline() {
  const document = useStudio((s) => s.document)
  const directions = useStudio((s) => s.directions)
  const playing = useStudio((s) => s.playing)
  const looping = useStudio((s) => s.looping)
  const setPlayhead = useStudio((s) => s.setPlayhead)
  const setPlaying = useStudio((s) => s.setPlaying)
  const toggleLoop = useStudio((s) => s.toggleLoop)
  const commit = useStudio((s) => s.commit)
  const enabled = useStudio((s) => s.portrait.kind === 'ready')
  const selected = useTimelineSelection((s) => s.selected)
  const select = useTimelineSelection((s) => s.select)
  const prune = useTimelineSelection((s) => s.prune)
  const zoom = useTimelineSelection((s) => s.zoom)
  const setZoom = useTimelineSelection((s) => s.setZoom)
  const curveView = useTimelineSelection((s) => s.curveView)
  const setCurveView = useTimelineSelection((s) => s.setCurveView)
  const curveTrackId = useTimelineSelection((s) => s.curveTrack)
  const setCurveTrack = useTimelineSelection((s) => s.setCurveTrack)
  const lanesRef = useRef<HTMLDivElement>(null)
  const rowsRef = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  const gesture = useRef<Gesture | null>(null)
  const [box, setBox] = useState<Box | null>(null)
  const [dragLabel, setDragLabel] = useState<{ x: number; y: number; text: string } | null>(null)
  const [menu, setMenu] = useState<Menu | null>(null)
  const { width: lanesWidth } = useElementSize(lanesRef)
  const { height: bodyHeight } = useElementSize(bodyRef)
  usePlayback()

  // Keys removed by undo, delete or a merge leave the selection.
  useEffect(() => prune(document), [document, prune])

  const { durationSec, fps, workArea } = document.settings
  const view = viewOf(zoom, durationSec, fps)
  const toPercent = (time: number) => timeToLeft(time, view)
  const labelOf = (name: string) => directions.find((d) => d.name === name)?.label ?? name
  const regionRank = (name: string) =>
    REGION_ORDER.indexOf(directions.find((d) => d.name === name)?.region ?? 'nose')
  const tracks = [...document.tracks].sort((a, b) =>
    a.kind === b.kind
      ? a.kind === 'expression'
        ? regionRank(a.name) - regionRank(b.name)
        : 0
      : a.kind === 'camera'
        ? 1
        : -1
  )
  // The curve view shows the chosen track, else the selected key's, else the first one with keys.
  const curveTrack =
    tracks.find((t) => t.id === curveTrackId) ??
    tracks.find((t) => t.id === selected[0]?.trackId) ??
    tracks.find((t) => t.keys.length > 0) ??
    tracks[0]
  const trackLabel = (track: { kind: string; name: string }) =>
    track.kind === 'camera' && isCameraParam(track.name) ? CAMERA_LABELS[track.name] : labelOf(track.name)
  // In the curve view, the chosen track's name stays in sight.
  const curveTrackName = curveView ? curveTrack?.id : undefined
  useEffect(() => {
    if (!curveTrackName) return
    bodyRef.current
      ?.querySelector(`.track-name[data-track-id="${CSS.escape(curveTrackName)}"]`)
      ?.scrollIntoView({ block: 'nearest' })
  }, [curveTrackName])
  const ticks = rulerTicks(view, lanesWidth, fps)
  const selectedIds = useMemo(() => selectionSet(selected), [selected])
  const visible = (time: number) =>
    time >= view.start - view.span * 0.02 && time <= view.start + view.span * 1.02

  /** Pointer position in lane coordinates, the lanes' width, and the time under the pointer. */
  const locate = (event: { clientX: number; clientY: number }) => {
    const rect = (rowsRef.current ?? lanesRef.current)?.getBoundingClientRect()
    if (!rect || rect.width <= 0) return null
    const x = event.clientX - rect.left
    const y = event.clientY - rect.top
    const current = useTimelineSelection.getState().zoom
    const settings = useStudio.getState().document.settings
    const liveView = viewOf(current, settings.durationSec, settings.fps)
    return { x, y, width: rect.width, view: liveView, time: xToTime(x, liveView, rect.width) }
  }

  const scrubTo = (event: { clientX: number; clientY: number }) => {
    const at = locate(event)
    if (at) setPlayhead(snapTimeToFrame(at.time, fps, durationSec))
  }

  const keyRefAt = (target: EventTarget | null): KeyRef | null => {
    const element = target instanceof Element ? target.closest<HTMLElement>('[data-key-id]') : null
    if (!element) return null
    const doc = useStudio.getState().document
    const track = doc.tracks.find((t) => t.id === element.dataset['trackId'])
    const key = track?.keys.find((k) => k.id === element.dataset['keyId'])
    return track && key ? { trackId: track.id, keyId: key.id } : null
  }

  const onRulerPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    event.currentTarget.setPointerCapture(event.pointerId)
    const edge = event.target instanceof HTMLElement ? event.target.dataset['edge'] : undefined
    if (edge === 'in' || edge === 'out') {
      gesture.current = { kind: 'work-area', edge, origin: useStudio.getState().document, entered: false }
      return
    }
    gesture.current = { kind: 'scrub' }
    scrubTo(event)
  }

  const onRowsPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    const at = locate(event)
    if (!at) return
    event.currentTarget.setPointerCapture(event.pointerId)
    const current = useTimelineSelection.getState().selected
    const ref = keyRefAt(event.target)
    if (!ref) {
      gesture.current = {
        kind: 'box',
        startX: at.x,
        startY: at.y,
        additive: event.shiftKey,
        base: event.shiftKey ? current : [],
        moved: false
      }
      return
    }
    const isSelected = containsRef(current, ref)
    let onClick: 'none' | 'solo' | 'toggle' = 'none'
    if (event.shiftKey) {
      if (isSelected) onClick = 'toggle'
      else select(unionRefs(current, [ref]))
    } else if (isSelected) onClick = 'solo'
    else select([ref])
    gesture.current = {
      kind: 'move',
      origin: useStudio.getState().document,
      refs: useTimelineSelection.getState().selected,
      startX: at.x,
      moved: false,
      entered: false,
      clickRef: ref,
      onClick
    }
  }

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const g = gesture.current
    if (!g) return
    const at = locate(event)
    if (!at) return
    if (g.kind === 'scrub') {
      scrubTo(event)
    } else if (g.kind === 'work-area') {
      const area = g.origin.settings.workArea
      const frame = 1 / g.origin.settings.fps
      const t = snapTimeToFrame(at.time, g.origin.settings.fps, g.origin.settings.durationSec)
      const next =
        g.edge === 'in'
          ? setWorkArea(g.origin, seconds(Math.min(t, area.out - frame)), area.out)
          : setWorkArea(g.origin, area.in, seconds(Math.max(t, area.in + frame)))
      if (next === g.origin && !g.entered) return
      commit(() => next, { history: !g.entered })
      g.entered = true
    } else if (g.kind === 'box') {
      if (!g.moved && Math.hypot(at.x - g.startX, at.y - g.startY) < DRAG_THRESHOLD_PX) return
      g.moved = true
      const rect: Box = { x0: g.startX, y0: g.startY, x1: at.x, y1: at.y }
      setBox(rect)
      const hits = keysInBox(tracks, rect, {
        view: at.view,
        width: at.width,
        rowHeight: TRACK_HEIGHT,
        keyRadius: KEY_RADIUS
      })
      select(g.additive ? unionRefs(g.base, hits) : hits)
    } else {
      const dx = at.x - g.startX
      if (!g.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return
      g.moved = true
      const perSecond = pixelsPerSecond(at.view, at.width)
      const snap = event.altKey ? {} : { snapToKeysWithin: seconds(SNAP_PX / perSecond) }
      const next = moveKeys(g.origin, g.refs, seconds(dx / perSecond), snap)
      if (next !== g.origin || g.entered) {
        // One undo step per drag: the first change enters history, the rest replace it.
        commit(() => next, { history: !g.entered })
        g.entered = true
      }
      const before = findKey(g.origin, g.clickRef)
      const after = findKey(next, g.clickRef)
      if (before && after) {
        const frames = Math.round((after.time - before.time) * g.origin.settings.fps)
        setDragLabel({
          x: at.x,
          y: at.y,
          text: `${frames >= 0 ? '+' : '−'}${Math.abs(frames)} f · ${formatTimecode(after.time, g.origin.settings.fps)}`
        })
      }
    }
  }

  const onPointerUp = (event: ReactPointerEvent<HTMLDivElement>) => {
    const g = gesture.current
    gesture.current = null
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId)
    if (!g) return
    if (g.kind === 'box') {
      setBox(null)
      if (!g.moved) {
        if (!g.additive) select([])
        scrubTo(event)
      }
    } else if (g.kind === 'move') {
      setDragLabel(null)
      if (!g.moved) {
        const current = useTimelineSelection.getState().selected
        if (g.onClick === 'solo') select([g.clickRef])
        else if (g.onClick === 'toggle') select(toggleRef(current, g.clickRef))
      }
    }
  }

  const onPointerCancel = () => {
    gesture.current = null
    setBox(null)
    setDragLabel(null)
  }

  const onRowsContextMenu = (event: ReactMouseEvent<HTMLDivElement>) => {
    event.preventDefault()
    const ref = keyRefAt(event.target)
    if (!ref) return
    if (!containsRef(useTimelineSelection.getState().selected, ref)) select([ref])
    setMenu({ x: event.clientX, y: event.clientY })
  }

  const closeMenu = useCallback(() => setMenu(null), [])
  const keyMenuItems = useKeyMenuItems()
  const pickInterpolation = (interpolation: Interpolation) => {
    const refs = useTimelineSelection.getState().selected
    commit((doc) => setInterpolation(doc, refs, interpolation), { history: true })
    setMenu(null)
  }

  // Wheel zoom / pan. A native listener, because React's wheel listeners are passive and
  // Ctrl+wheel must not zoom the whole page.
  useEffect(() => {
    const lanes = lanesRef.current
    if (!lanes) return
    const onWheel = (event: WheelEvent) => {
      const rect = lanes.getBoundingClientRect()
      if (rect.width <= 0) return
      const { durationSec: duration, fps: rate } = useStudio.getState().document.settings
      const { zoom: current, setZoom: apply } = useTimelineSelection.getState()
      const dy = wheelPixels(event.deltaY, event.deltaMode, rect.height)
      const dx = wheelPixels(event.deltaX, event.deltaMode, rect.width)
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault()
        const anchor = xToTime(event.clientX - rect.left, viewOf(current, duration, rate), rect.width)
        apply(zoomAt(current, Math.exp(-dy * 0.0025), anchor, duration, rate))
        return
      }
      const body = bodyRef.current
      const overRuler = event.target instanceof Element && event.target.closest('.ruler') !== null
      const tracksFit = !body || body.scrollHeight <= body.clientHeight
      const pan = event.shiftKey ? dy || dx : dx !== 0 ? dx : overRuler || tracksFit ? dy : 0
      if (pan === 0) return
      event.preventDefault()
      apply(panBy(current, pan, rect.width, duration, rate))
    }
    lanes.addEventListener('wheel', onWheel, { passive: false })
    return () => lanes.removeEventListener('wheel', onWheel)
  }, [])

  const zoomed = view.span < durationSec - 1e-9
  const menuInterpolation = menu ? commonInterpolation(document, selected) : null

  return (
    <section className="timeline" aria-label="Timeline" data-testid="timeline">
      <div className="timeline__transport">
        <button
          type="button"
          className="button button--icon"
          aria-label={playing ? 'Pause' : 'Play'}
          title="Play / pause (Space)"
          disabled={!enabled}
          onClick={() => setPlaying(!playing)}
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <button
          type="button"
          className={`button button--icon${looping ? ' button--active' : ''}`}
          aria-pressed={looping}
          aria-label="Loop"
          title="Loop playback"
          onClick={toggleLoop}
        >
          ⟲
        </button>
        <button
          type="button"
          className={`chip${curveView ? ' chip--on' : ''}`}
          aria-pressed={curveView}
          title="Curve view (G): one track's value over time, with Bézier handles. Click a track name to show it."
          data-testid="curve-view-toggle"
          onClick={() => setCurveView(!curveView)}
        >
          Curves
        </button>
        <PlayheadTimecode fps={fps} />
        {selected.length > 0 && (
          <span className="timeline__selection" data-testid="key-selection-count">
            {selected.length} key{selected.length === 1 ? '' : 's'} selected
          </span>
        )}
        <button
          type="button"
          className="timeline__meta"
          title="Animation settings: frame rate, duration, output size"
          data-testid="animation-settings"
          onClick={() => useProjectSettingsDialog.getState().setOpen(true)}
        >
          {fps} fps · {durationSec.toFixed(1)} s · {document.settings.width}×{document.settings.height}
        </button>
        <AudioMuteToggle />
        <button
          type="button"
          className="button button--icon"
          aria-label="Zoom to fit"
          title="Zoom to fit (Ctrl+wheel over the lanes zooms, Shift+wheel pans)"
          disabled={!zoomed}
          onClick={() => setZoom({ zoom: 1, start: 0 })}
        >
          ⤢
        </button>
      </div>
      <div className="timeline__body" ref={bodyRef}>
        <div className={`timeline__names${curveView ? ' timeline__names--pick' : ''}`}>
          <div className="timeline__ruler-spacer" />
          {tracks.map((track) => (
            <div
              key={track.id}
              className={`track-name track-name--${track.kind}${
                curveView && track.id === curveTrack?.id ? ' track-name--curve' : ''
              }`}
              style={{ height: TRACK_HEIGHT }}
              data-track-id={track.id}
              title={curveView ? `Show ${trackLabel(track)} in the curve view` : undefined}
              onClick={curveView ? () => setCurveTrack(track.id) : undefined}
            >
              {trackLabel(track)}
            </div>
          ))}
        </div>
        <div className="timeline__lanes timeline__lanes--editing" ref={lanesRef} data-testid="timeline-lanes">
          <div
            className="ruler"
            data-testid="timeline-ruler"
            title="Drag to scrub; drag the work-area ends to trim"
            onPointerDown={onRulerPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={onPointerCancel}
          >
            {ticks.map((tick) => (
              <span
                key={tick.time}
                // The last label would run past the lanes' end: it sits left of its tick instead.
                className={`ruler__tick${tick.time > view.start + view.span * 0.97 ? ' ruler__tick--end' : ''}`}
                style={{ left: toPercent(tick.time) }}
              >
                {tick.label}
              </span>
            ))}
            <span
              className="work-area"
              style={{
                left: toPercent(workArea.in),
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
                style={{ left: toPercent(workArea[edge]) }}
              />
            ))}
          </div>
          {curveView && curveTrack ? (
            <TimelineCurveView
              track={curveTrack}
              label={trackLabel(curveTrack)}
              view={view}
              height={Math.max(96, bodyHeight - 22)}
              selectedIds={selectedIds}
              onContextMenu={onRowsContextMenu}
            />
          ) : (
            <div
              className="timeline__rows"
              ref={rowsRef}
              data-testid="timeline-rows"
              onPointerDown={onRowsPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerCancel}
              onContextMenu={onRowsContextMenu}
              onDoubleClick={(event) => {
                const ref = keyRefAt(event.target)
                const key = ref ? findKey(document, ref) : undefined
                if (key) setPlayhead(key.time)
              }}
            >
              {workArea.in > view.start && (
                <div className="timeline__outside" style={{ left: 0, width: toPercent(workArea.in) }} />
              )}
              {workArea.out < view.start + view.span && (
                <div className="timeline__outside" style={{ left: toPercent(workArea.out), right: 0 }} />
              )}
              {tracks.map((track) => (
                <div
                  key={track.id}
                  className="lane"
                  style={{ height: TRACK_HEIGHT }}
                  data-track-id={track.id}
                >
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
                        style={{ left: toPercent(key.time) }}
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
          )}
          <PlayheadLine view={view} />
        </div>
      </div>
      {menu && (
        <TimelineContextMenu
          x={menu.x}
          y={menu.y}
          current={menuInterpolation}
          count={selected.length}
          actions={keyMenuItems}
          onPick={pickInterpolation}
          onClose={closeMenu}
        />
      )}
    </section>
  )
}

// The playhead moves every frame while playing or scrubbing. Only these two small components follow
// it, so the track lanes (thousands of keys in a dense project) do not re-render with it.

function PlayheadTimecode({ fps }: { fps: number }) {
  const playhead = useStudio((s) => s.playhead)
  return (
    <span className="timecode" data-testid="timecode">
      {formatTimecode(playhead, fps)}
    </span>
  )
}

function PlayheadLine({ view }: { view: TimelineView }) {
  const playhead = useStudio((s) => s.playhead)
  const visible = playhead >= view.start - view.span * 0.02 && playhead <= view.start + view.span * 1.02
  return (
    <div
      className="playhead"
      style={{ left: timeToLeft(playhead, view), visibility: visible ? undefined : 'hidden' }}
      data-testid="playhead"
    />
  )
}
