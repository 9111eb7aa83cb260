// A key drag slides the lane's selection layer instead of drawing it again at every pointer move. The layer
// is drawn once, at the drag's shift then, on a canvas reaching SLIDE_MARGIN px beyond the lane on either
// side; while the drag stays within MAX_SLIDE px of that shift, moving the canvas by the difference shows
// the same keys as a new drawing would (to a device pixel: each key's column is rounded once, not twice).
// That holds when every selected key of the lane sits on a whole frame, so the drag moves all of them by
// the same whole number of frames; otherwise (after an fps change) the layer is drawn at each move.
import type { KeyId } from '@shared/timeline'
import { KEY_MARKER_PAD } from './lane-painter'
import { pixelsPerSecond, type TimelineView } from './timeline-geometry'

/** CSS px the selection canvas reaches beyond its lane on either side: the room a drag slides it in. */
export const SLIDE_MARGIN = 64

/**
 * The farthest slide, CSS px: beyond it a key that was cut by the canvas's edge, or outside the canvas,
 * would show in the lane.
 */
const MAX_SLIDE = SLIDE_MARGIN - 2 * KEY_MARKER_PAD

/** True when every key of `keys` in `selected` lies on a whole frame at `fps`. */
export function selectedOnWholeFrames(
  keys: readonly { readonly id: KeyId; readonly time: number }[],
  selected: ReadonlySet<KeyId>,
  fps: number
): boolean {
  for (const key of keys) {
    if (!selected.has(key.id)) continue
    const frames = key.time * fps
    if (Math.abs(frames - Math.round(frames)) > 1e-6) return false
  }
  return true
}

/**
 * How far (CSS px, on whole device px) to move a selection layer drawn for a drag shift of `from` (s) to
 * show the shift `to`, or null when it must be drawn again. Keys on whole frames move by whole frames:
 * the shift rounded to a frame.
 */
export function dragSlide(
  from: number,
  to: number,
  layout: { readonly fps: number; readonly view: TimelineView; readonly width: number; readonly dpr: number }
): number | null {
  const { fps, view, width, dpr } = layout
  const frames = Math.round(to * fps) - Math.round(from * fps)
  const devicePx = Math.round((frames / fps) * pixelsPerSecond(view, width) * dpr)
  return Math.abs(devicePx / dpr) <= MAX_SLIDE ? devicePx / dpr : null
}
