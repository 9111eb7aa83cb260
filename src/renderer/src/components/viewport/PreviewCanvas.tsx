import { useLayoutEffect, useRef } from 'react'
import type { PreviewFrame } from '../../store/studio-store'
import { putRgba } from './put-rgba'

/**
 * Hidden by visibility, not display: a canvas taken out of layout loses its compositor layer, and showing it again
 * uploads its whole bitmap anew.
 */
const HIDDEN = 'viewport__canvas--hidden'

/**
 * The engine's preview on two stacked canvases, one per resolution in use: the quick frames of a gesture
 * (256 px) and the sharp idle frame (the viewport's device px). A frame goes to the canvas that already has
 * its size, else to the one not shown, and that canvas is shown. Drawing every frame on one canvas resized
 * it at each switch between quick and sharp: a resize allocates a new backing store, and the compositor's
 * commit that uploads it took 8–16 ms of the page's main thread on a 2-core machine without a GPU, at the
 * moment a slider's first quick frame was due. The shown canvas carries `testId`.
 */
export function PreviewCanvas({ frame, testId }: { frame: PreviewFrame; testId: string }) {
  const first = useRef<HTMLCanvasElement>(null)
  const second = useRef<HTMLCanvasElement>(null)
  // Before paint, so the frame and the switch of canvases land in the same frame on screen.
  useLayoutEffect(() => {
    const [a, b] = [first.current, second.current]
    if (!a || !b) return
    const shown = a.classList.contains(HIDDEN) ? b : a
    const fits = shown.width === frame.width && shown.height === frame.height
    // The shown canvas when it has the frame's size (a gesture's run of quick frames), else the other one.
    const into = fits ? shown : shown === a ? b : a
    const other = into === a ? b : a
    other.removeAttribute('data-testid')
    into.dataset['testid'] = testId
    putRgba(into, frame)
    into.classList.remove(HIDDEN)
    other.classList.add(HIDDEN)
  }, [frame, testId])
  return (
    <>
      <canvas ref={first} className="viewport__canvas viewport__canvas--stacked" />
      <canvas ref={second} className={`viewport__canvas viewport__canvas--stacked ${HIDDEN}`} />
    </>
  )
}
