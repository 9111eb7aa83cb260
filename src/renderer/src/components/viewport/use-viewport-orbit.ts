import { useCallback, useRef, type PointerEvent as ReactPointerEvent, type WheelEvent } from 'react'
import { CAMERA_TRACK_DEFINITIONS, clampToRange, seconds, evaluate, type CameraParam } from '@shared/timeline'
import { cameraAfterDrag, dragMode, type Mode } from './viewport-orbit-math'
import { useStudio } from '../../store/studio-store'
import type { EditPhase } from '../ParamSlider'
import { useSetTrackValue } from '../use-set-track-value'

/** Movement, in px, before a press becomes a drag (a plain click still picks faces). */
const DRAG_THRESHOLD = 3
/** Wheel notches closer together than this form one undo step. */
const WHEEL_GROUP_MS = 400

interface Gesture {
  pointerId: number
  mode: Mode
  x: number
  y: number
  width: number
  height: number
  start: Record<CameraParam, number>
  dragging: boolean
}

/**
 * Pointer handlers that move the camera by dragging on the preview: drag orbits (yaw and pitch),
 * Shift+drag pans, Alt/Ctrl+drag zooms, the wheel zooms, a double-click resets the camera. Each drag
 * is one undo step and, with auto-key on, keys the camera at the playhead like the inspector does.
 */
export function useViewportOrbit() {
  const setTrackValue = useSetTrackValue()
  const gesture = useRef<Gesture | null>(null)
  const lastWheel = useRef(0)

  const apply = useCallback(
    (values: Partial<Record<CameraParam, number>>, firstPhase: EditPhase) => {
      let phase = firstPhase
      for (const [name, value] of Object.entries(values)) {
        setTrackValue('camera', name, value, phase)
        phase = 'continue'
      }
    },
    [setTrackValue]
  )

  const enabled = () => useStudio.getState().avatar.kind === 'ready'
  const cameraNow = () => {
    const { document, playhead } = useStudio.getState()
    return evaluate(document, seconds(playhead)).camera
  }

  const onPointerDown = useCallback((event: ReactPointerEvent<HTMLElement>) => {
    if (event.button !== 0 || !enabled()) return
    const rect = event.currentTarget.getBoundingClientRect()
    gesture.current = {
      pointerId: event.pointerId,
      mode: dragMode(event),
      x: event.clientX,
      y: event.clientY,
      width: rect.width,
      height: rect.height,
      start: cameraNow(),
      dragging: false
    }
  }, [])

  const onPointerMove = useCallback(
    (event: ReactPointerEvent<HTMLElement>) => {
      const g = gesture.current
      if (!g || g.pointerId !== event.pointerId) return
      const dx = event.clientX - g.x
      const dy = event.clientY - g.y
      if (!g.dragging) {
        if (Math.hypot(dx, dy) < DRAG_THRESHOLD) return
        g.dragging = true
        event.currentTarget.setPointerCapture(event.pointerId)
        useStudio.getState().setPlaying(false)
        apply(cameraAfterDrag(g.mode, g.start, dx, dy, g.width, g.height), 'start')
        return
      }
      apply(cameraAfterDrag(g.mode, g.start, dx, dy, g.width, g.height), 'continue')
    },
    [apply]
  )

  const onPointerUp = useCallback((event: ReactPointerEvent<HTMLElement>) => {
    const g = gesture.current
    if (!g || g.pointerId !== event.pointerId) return
    if (g.dragging) {
      event.currentTarget.releasePointerCapture(event.pointerId)
      event.preventDefault()
    }
    gesture.current = null
  }, [])

  const onWheel = useCallback(
    (event: WheelEvent<HTMLElement>) => {
      if (!enabled() || event.deltaY === 0) return
      const now = performance.now()
      const phase: EditPhase = now - lastWheel.current > WHEEL_GROUP_MS ? 'start' : 'continue'
      lastWheel.current = now
      const zoom = clampToRange(
        cameraNow().zoom * 2 ** (-event.deltaY / 600),
        CAMERA_TRACK_DEFINITIONS.zoom.range
      )
      apply({ zoom }, phase)
    },
    [apply]
  )

  const onDoubleClick = useCallback(() => {
    if (!enabled()) return
    const reset: Partial<Record<CameraParam, number>> = {}
    for (const name of Object.keys(CAMERA_TRACK_DEFINITIONS) as CameraParam[])
      reset[name] = CAMERA_TRACK_DEFINITIONS[name].defaultValue
    apply(reset, 'start')
  }, [apply])

  return { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp, onWheel, onDoubleClick }
}
