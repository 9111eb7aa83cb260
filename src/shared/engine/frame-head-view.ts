// "Frame the head": a view (not a camera key) that zooms the preview onto the face with its hair, by the
// margins of `headRegion`. In the renderer's units (see frame-on-head.ts) with the output in the portrait's
// own aspect, output px o reads source px s = srcLen/2 + (o' − pan·outLen)·σ/zoom with σ = srcLen/outLen, so
// the output's centre shows the portrait's fraction u = 1/2 − pan/zoom and the window spans 1/zoom of it.
import type { FaceBox } from '../face/face-analysis'
import { headRegion, type ViewFraming } from './frame-on-head'

/** The closest the view zooms in, however small the face. */
export const MAX_HEAD_VIEW_ZOOM = 4

/**
 * The view that shows `face` (a box in px of a `portrait`-sized picture) with its head region filling the
 * preview along its tighter axis; zoom 1 (the whole portrait) when the head region is as large as it.
 * The window stays inside the portrait.
 */
export function frameHeadView(
  portrait: { readonly width: number; readonly height: number },
  face: FaceBox
): ViewFraming {
  if (!(portrait.width > 0 && portrait.height > 0))
    throw new RangeError(
      `frameHeadView: the portrait's size must be positive, got ${portrait.width}×${portrait.height}`
    )
  if (
    ![face.x, face.y, face.width, face.height].every(Number.isFinite) ||
    face.width <= 0 ||
    face.height <= 0
  )
    throw new RangeError('frameHeadView: the face box must be finite with a positive size')
  const region = headRegion(face)
  const fractionW = region.width / portrait.width
  const fractionH = region.height / portrait.height
  const zoom = Math.min(MAX_HEAD_VIEW_ZOOM, Math.max(1, 1 / Math.max(fractionW, fractionH)))
  const half = 1 / (2 * zoom)
  const centre = (start: number, length: number, size: number) =>
    Math.min(1 - half, Math.max(half, (start + length / 2) / size))
  const u = centre(region.x, region.width, portrait.width)
  const v = centre(region.y, region.height, portrait.height)
  const pan = (fraction: number) => {
    const value = (0.5 - fraction) * zoom
    return Math.abs(value) < 1e-12 ? 0 : value
  }
  return { zoom, panX: pan(u), panY: pan(v) }
}

/** The bounding box of (x, y) pairs (a face's landmarks as the portrait preview gives them). */
export function boxOfPoints(xy: ArrayLike<number>): FaceBox {
  let left = Infinity
  let right = -Infinity
  let top = Infinity
  let bottom = -Infinity
  for (let i = 0; i + 1 < xy.length; i += 2) {
    left = Math.min(left, xy[i]!)
    right = Math.max(right, xy[i]!)
    top = Math.min(top, xy[i + 1]!)
    bottom = Math.max(bottom, xy[i + 1]!)
  }
  if (!(right >= left && bottom >= top)) throw new RangeError('boxOfPoints: no point')
  return { x: left, y: top, width: right - left, height: bottom - top }
}
