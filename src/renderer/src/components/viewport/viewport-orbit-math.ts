import { CAMERA_TRACK_DEFINITIONS, clampToRange, type CameraParam } from '@shared/timeline'

/** Degrees of yaw (and pitch) per picture width dragged. */
export const DEGREES_PER_WIDTH = 70
/** Pixels of vertical drag that double (or halve) the zoom. */
export const PIXELS_PER_ZOOM_DOUBLING = 160
export type Mode = 'orbit' | 'pan' | 'zoom'

/** How a drag with these modifiers moves the camera: Shift pans, Alt or Ctrl/Cmd zooms, else orbit. */
export function dragMode(event: {
  shiftKey: boolean
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
}): Mode {
  if (event.shiftKey) return 'pan'
  if (event.altKey || event.ctrlKey || event.metaKey) return 'zoom'
  return 'orbit'
}

/**
 * The camera values a drag of (dx, dy) px over a picture of `width`×`height` gives, from `start`.
 * Orbit: the head follows the pointer, like turning it by hand: dragging right turns the face toward
 * image right (negative yaw: the camera goes to the subject's right), dragging up tilts it up
 * (negative pitch: the camera looks from below). Pan follows the pointer; zoom: up zooms in. Values are clamped to the camera tracks' ranges.
 */
export function cameraAfterDrag(
  mode: Mode,
  start: Record<CameraParam, number>,
  dx: number,
  dy: number,
  width: number,
  height: number
): Partial<Record<CameraParam, number>> {
  const clamp = (name: CameraParam, value: number) =>
    clampToRange(value, CAMERA_TRACK_DEFINITIONS[name].range)
  if (mode === 'orbit') {
    const perPx = DEGREES_PER_WIDTH / Math.max(width, 1)
    return { yaw: clamp('yaw', start.yaw - dx * perPx), pitch: clamp('pitch', start.pitch + dy * perPx) }
  }
  if (mode === 'pan') {
    return {
      panX: clamp('panX', start.panX + dx / Math.max(width, 1)),
      panY: clamp('panY', start.panY + dy / Math.max(height, 1))
    }
  }
  return { zoom: clamp('zoom', start.zoom * 2 ** (-dy / PIXELS_PER_ZOOM_DOUBLING)) }
}
