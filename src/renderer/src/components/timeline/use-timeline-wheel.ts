// Wheel zoom and pan over the lanes: Ctrl/Cmd zooms at the cursor; Shift (or a horizontal trackpad swipe)
// pans, as does a plain wheel over the ruler or when the tracks all fit. A native listener, because React's
// wheel listeners are passive and Ctrl+wheel must not zoom the whole page.
import { useEffect, type RefObject } from 'react'
import { useStudio } from '../../store/studio-store'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { panBy, viewOf, wheelPixels, xToTime, zoomAt } from './timeline-geometry'

/** Zoom per wheel pixel (a factor of e per 400 px). */
const ZOOM_PER_PX = 0.0025

export function useTimelineWheel(
  lanesRef: RefObject<HTMLDivElement | null>,
  bodyRef: RefObject<HTMLDivElement | null>
): void {
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
        apply(zoomAt(current, Math.exp(-dy * ZOOM_PER_PX), anchor, duration, rate))
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
  }, [lanesRef, bodyRef])
}
