import { useEffect, useRef } from 'react'
import { evaluate, seconds, type AnimationDocument } from '@shared/timeline'
import { MimesisIpcError } from '@shared/ipc/api'
import { useStudio, type StudioState } from '../store/studio-store'
import { composeCamera } from '@shared/engine/frame-on-head'
import { mixOf, useTrackMix } from '../store/track-mix-store'
import { draggedDocument, useTimelineSelection } from '../store/timeline-selection-store'
import { useViewportView } from '../store/viewport-view-store'
import { previewSize } from '@shared/engine'
import { groupOfTrack } from './timeline/track-groups'
import { audibleDocument } from './timeline/track-mix'
import { CORE_RESTARTED_CODE } from './use-core-restart-notice'

/** The quick preview's follow-up at full resolution, once nothing changed for this long. */
const IDLE_AFTER_MS = 180
/**
 * Between two quick frames of a gesture (a scrub, a key drag, a slider drag) the engine rests as long as the
 * last one took to come back, at most this long (ms): the engine renders on the same CPUs as the page, and
 * asked back to back it took most of them from the timeline's frames. The idle frame never waits.
 */
const MAX_INTERACTIVE_REST_MS = 120

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value))

/** The document as shown: with a key drag under way, its keys where the drag has them so far. */
function shownDocument(document: AnimationDocument): AnimationDocument {
  const drag = useTimelineSelection.getState().keyDrag
  if (!drag || drag.origin !== document) return document
  return draggedDocument(drag)
}

function requestFor(state: StudioState, interactive: boolean) {
  if (state.avatar.kind !== 'ready') return null
  const { info } = state.avatar
  // Muted (or not soloed) tracks play at their defaults in the preview; export renders the whole document.
  const audible = audibleDocument(shownDocument(state.document), mixOf(useTrackMix.getState()), (track) =>
    groupOfTrack(track, state.directions)
  )
  const params = evaluate(audible, seconds(state.playhead))
  // The view's framing (Frame the head) under the document's camera: the view only, never a key.
  const { framing, stage } = useViewportView.getState()
  const camera = { ...params.camera, ...composeCamera(framing, params.camera) }
  const size = previewSize(info, { interactive, stage, zoom: framing.zoom * params.camera.zoom })
  return {
    expression: params.expression,
    camera: {
      ...camera,
      zoom: clamp(camera.zoom, 0.1, 10),
      panX: clamp(camera.panX, -2, 2),
      panY: clamp(camera.panY, -2, 2)
    },
    ...size,
    view: state.view.depthView ? ('depth' as const) : ('color' as const)
  }
}

/**
 * Keeps the viewport showing the engine's render of the frame parameters at the playhead: the same
 * evaluate() the exporter uses. One request is in flight at a time; while it renders, further changes
 * collapse into one follow-up request, so the preview never lags behind a queue of stale frames. During a
 * gesture the quick frames are paced (MAX_INTERACTIVE_REST_MS) so the page keeps CPU for its own frames.
 */
export function usePreviewRenderer() {
  const inFlight = useRef(false)
  /** The follow-up request's resolution: null when none is waiting; the latest caller's choice wins. */
  const pending = useRef<boolean | null>(null)
  const idleTimer = useRef<number | null>(null)
  /** When the next quick frame may be asked for (performance.now() ms), and the timer waiting for it. */
  const restUntil = useRef(0)
  const restTimer = useRef<number | null>(null)
  /** The last frame asked for: its avatar, what it shows (the request without its size) and its width. */
  const asked = useRef<{ avatar: StudioState['avatar']; what: string; width: number } | null>(null)

  useEffect(() => {
    /** Tells the viewport whether a frame is rendering or due (see StudioState.previewBusy). */
    const publishBusy = () => {
      const busy =
        inFlight.current ||
        pending.current !== null ||
        idleTimer.current !== null ||
        restTimer.current !== null
      if (useStudio.getState().previewBusy !== busy) useStudio.getState().setPreviewBusy(busy)
    }
    const pumpPending = () => {
      const next = pending.current
      if (next === null) return
      pending.current = null
      pump(next)
    }
    /** Asks for a frame (or queues the ask), then tells the viewport whether one is rendering or due. */
    const pump = (interactive: boolean) => {
      send(interactive)
      publishBusy()
    }
    const send = (interactive: boolean) => {
      if (inFlight.current) {
        pending.current = interactive
        return
      }
      const rest = interactive ? restUntil.current - performance.now() : 0
      if (rest > 0) {
        pending.current = interactive
        restTimer.current ??= window.setTimeout(() => {
          restTimer.current = null
          pumpPending()
          publishBusy()
        }, rest)
        return
      }
      if (restTimer.current !== null) window.clearTimeout(restTimer.current)
      restTimer.current = null
      pending.current = null
      const state = useStudio.getState()
      const request = requestFor(state, interactive)
      if (!request) return
      // A frame that shows the same as the last one asked for, no sharper, is not rendered again: scrubbing
      // over a stretch without keys, or a quick frame after the sharp one of the same parameters.
      const { width, height: _height, ...shown } = request
      const what = JSON.stringify(shown)
      const last = asked.current
      if (last && last.avatar === state.avatar && last.what === what && last.width >= width) return
      asked.current = { avatar: state.avatar, what, width }
      inFlight.current = true
      const sentAt = performance.now()
      window.mimesis
        .renderPreview(request)
        .then((frame) => {
          const now = performance.now()
          restUntil.current = interactive ? now + Math.min(MAX_INTERACTIVE_REST_MS, now - sentAt) : 0
          if (frame && useStudio.getState().avatar.kind === 'ready') {
            useStudio.getState().setRendered(frame, frame.renderMs)
          }
        })
        .catch((error: unknown) => {
          // A frame lost to an engine restart is rendered again (see onCoreRestarted below); the
          // restart notice already says what happened.
          asked.current = null
          if (error instanceof MimesisIpcError && error.code === CORE_RESTARTED_CODE) return
          useStudio.getState().showNotice({ tone: 'error', text: `Preview failed: ${String(error)}` })
        })
        .finally(() => {
          inFlight.current = false
          pumpPending()
          publishBusy()
        })
    }

    const onChange = (state: StudioState, previous: StudioState) => {
      const changed =
        state.avatar !== previous.avatar ||
        state.document !== previous.document ||
        state.playhead !== previous.playhead ||
        state.view.depthView !== previous.view.depthView
      if (!changed || state.avatar.kind !== 'ready') return
      const fresh = state.avatar !== previous.avatar
      pump(!fresh)
      if (idleTimer.current !== null) window.clearTimeout(idleTimer.current)
      idleTimer.current = window.setTimeout(() => {
        idleTimer.current = null
        if (!useStudio.getState().playing) pump(false)
        publishBusy()
      }, IDLE_AFTER_MS)
      publishBusy()
    }
    const unsubscribe = useStudio.subscribe(onChange)
    // Muting, soloing and the view's framing change what the preview shows, not the document: render
    // again. A new stage size only asks for the idle frame at the new resolution.
    const rerender = () => {
      const state = useStudio.getState()
      onChange(state, { ...state, document: { ...state.document } })
    }
    const unsubscribeMix = useTrackMix.subscribe(rerender)
    // A key drag moves keys before the document takes the move (on release): the preview follows it.
    const unsubscribeDrag = useTimelineSelection.subscribe((now, before) => {
      if (now.keyDrag !== before.keyDrag && now.keyDrag) rerender()
    })
    const unsubscribeView = useViewportView.subscribe((view, before) => {
      if (view.framing !== before.framing) rerender()
      else if (useStudio.getState().avatar.kind === 'ready' && !useStudio.getState().playing) pump(false)
    })
    // After an engine restart the next request rebuilds the avatar there (main remembers it); asking
    // for the current frame at once brings the viewport back without waiting for the user to edit.
    const stopRestarts = window.mimesis.onCoreRestarted(() => {
      asked.current = null
      if (useStudio.getState().avatar.kind === 'ready') pump(false)
      publishBusy()
    })
    return () => {
      unsubscribe()
      unsubscribeMix()
      unsubscribeDrag()
      unsubscribeView()
      stopRestarts()
      if (idleTimer.current !== null) window.clearTimeout(idleTimer.current)
      if (restTimer.current !== null) window.clearTimeout(restTimer.current)
    }
  }, [])
}
