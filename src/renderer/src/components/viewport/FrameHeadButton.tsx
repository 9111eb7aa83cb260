import { useEffect } from 'react'
import { isUnframed } from '@shared/engine/frame-on-head'
import { useViewportView } from '../../store/viewport-view-store'
import { useDevicePixelRatio } from '../use-device-pixel-ratio'
import { toggleFrameHead } from './frame-head'

/** The viewport toolbar's "Frame head" toggle (the action F runs). */
export function FrameHeadButton({ disabled }: { disabled: boolean }) {
  const framed = useViewportView((s) => !isUnframed(s.framing))
  return (
    <button
      type="button"
      className={`chip${framed ? ' chip--on' : ''}`}
      aria-pressed={framed}
      title="Zoom the view onto the face (F); the camera track is not changed. Shift+Home shows the whole picture."
      disabled={disabled}
      data-testid="view-frameHead"
      onClick={() => toggleFrameHead()}
    >
      Frame head
    </button>
  )
}

/** Publishes the preview's box in device px: the idle preview is rendered at that size (see preview-size.ts). */
export function usePreviewStage(box: { width: number; height: number }): void {
  const dpr = useDevicePixelRatio()
  const width = Math.round(Math.max(0, box.width) * dpr)
  const height = Math.round(Math.max(0, box.height) * dpr)
  useEffect(() => {
    useViewportView.getState().setStage({ width, height })
  }, [width, height])
}
