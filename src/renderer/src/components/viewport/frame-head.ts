// The viewport's "Frame the head" and "Reset the view" (the view only: the camera track keeps its keys).
import { frameHeadView, boxOfPoints } from '@shared/engine/frame-head-view'
import { UNFRAMED, isUnframed } from '@shared/engine/frame-on-head'
import { useStudio } from '../../store/studio-store'
import { useViewportView } from '../../store/viewport-view-store'

/** Zooms the view onto the chosen face (again: back to the whole picture); false without a portrait. */
export function toggleFrameHead(): boolean {
  const { portrait } = useStudio.getState()
  if (portrait.kind !== 'ready') return false
  const view = useViewportView.getState()
  if (!isUnframed(view.framing)) {
    view.setFraming(UNFRAMED)
    return true
  }
  const face = portrait.portrait.faces[portrait.faceIndex] ?? portrait.portrait.faces[0]
  if (!face) return false
  const { width, height } = portrait.portrait.preview
  view.setFraming(frameHeadView({ width, height }, boxOfPoints(face.landmarks)))
  return true
}

/** Shows the whole picture again; false when it already does. */
export function resetView(): boolean {
  const view = useViewportView.getState()
  if (isUnframed(view.framing)) return false
  view.setFraming(UNFRAMED)
  return true
}
