// When and how a lane's two canvases are drawn. An edit, a drag or a new view draws everything on the lower
// canvas at once (as one canvas did: each key stamped once, the selection over the rest) and hides the upper
// one. When only the selection, hover or focus changes, the lower canvas is drawn once more with every key
// unselected and the upper one with the selection alone; further selection changes (a box select growing,
// the pointer moving over keys) then draw only the upper canvas. While the selection is dragged, the lower
// canvas holds the keys left behind (drawn once) and each pointer move draws only the upper one.
import { useLayoutEffect, useRef, type RefObject } from 'react'
import type { KeyId, Track } from '@shared/timeline'
import { paintLane, type LaneDrag, type LaneLayer, type LanePaint } from './lane-painter'
import { markerSprites } from './lane-sprites'
import { pixelLaneContext } from './pixel-lane-context'
import { notePaint } from './timeline-probe'

export interface LanePaintInput {
  readonly track: Track
  readonly viewStart: number
  readonly viewSpan: number
  /** CSS px; the canvases' pixel size follows from it and the pixel ratio. */
  readonly width: number
  readonly height: number
  readonly dpr: number
  readonly selected: ReadonlySet<KeyId>
  readonly hover: KeyId | null
  readonly focus: KeyId | null
  readonly visible: boolean
  /** A drag of this lane's selected keys under way. */
  readonly drag: LaneDrag | null
  /** Counted under this id by the probe. */
  readonly paintId: string
}

/** What the lower canvas holds: the inputs it was drawn from, and whether it holds the selection too. */
interface Painted {
  readonly track: Track
  readonly viewStart: number
  readonly viewSpan: number
  readonly pixelWidth: number
  readonly pixelHeight: number
  readonly width: number
  readonly dpr: number
  /** 'all': every key with the selection; 'keys': every key unselected; 'rest': all but `selected`. */
  readonly holds: 'all' | 'keys' | 'rest'
  readonly selected: ReadonlySet<KeyId>
}

/** Paints `layer` on `canvas`, its stamps composed in memory and put on the canvas at once (pixel-lane-context). */
function paintOn(canvas: HTMLCanvasElement, paint: LanePaint, layer: LaneLayer): void {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) return
  const pixels = pixelLaneContext(ctx, canvas.width, canvas.height)
  paintLane(pixels, paint, markerSprites(paint.dpr), layer)
  pixels.flush()
}

export function useLanePaint(
  keysCanvas: RefObject<HTMLCanvasElement | null>,
  selectionCanvas: RefObject<HTMLCanvasElement | null>,
  input: LanePaintInput
): void {
  const painted = useRef<Painted | null>(null)
  const { track, viewStart, viewSpan, width, height, dpr, selected, hover, focus, visible, drag, paintId } =
    input
  const pixelWidth = Math.max(1, Math.round(width * dpr))
  const pixelHeight = Math.round(height * dpr)
  useLayoutEffect(() => {
    const keys = visible ? keysCanvas.current : null
    const upper = selectionCanvas.current
    if (!keys || !upper || width <= 0) return
    const paint: LanePaint = {
      track,
      view: { start: viewStart, span: viewSpan },
      width,
      height,
      dpr,
      selected,
      hover,
      focus,
      drag
    }
    const layered = selected.size > 0 || hover !== null || focus !== null
    const before = painted.current
    const sameKeys =
      before !== null &&
      before.track === track &&
      before.viewStart === viewStart &&
      before.viewSpan === viewSpan &&
      before.pixelWidth === pixelWidth &&
      before.pixelHeight === pixelHeight &&
      before.width === width &&
      before.dpr === dpr
    const geometry = { track, viewStart, viewSpan, pixelWidth, pixelHeight, width, dpr, selected }
    const show = (on: boolean) => upper.classList.toggle('lane__canvas--hidden', !on)
    const paintUpper = () => {
      paintOn(upper, paint, 'selection')
      show(true)
      notePaint(paintId)
    }
    if (drag && selected.size > 0) {
      if (!sameKeys || before.holds !== 'rest' || before.selected !== selected) {
        paintOn(keys, paint, 'rest')
        painted.current = { ...geometry, holds: 'rest' }
      }
      paintUpper()
      return
    }
    if (!sameKeys || before.holds === 'rest' || (!layered && before.holds === 'all')) {
      paintOn(keys, paint, 'all')
      show(false)
      painted.current = { ...geometry, holds: layered ? 'all' : 'keys' }
      notePaint(paintId)
      return
    }
    if (!layered) {
      // The lower canvas already shows every key unselected.
      show(false)
      return
    }
    if (before.holds === 'all') {
      paintOn(keys, paint, 'keys')
      painted.current = { ...before, holds: 'keys' }
    }
    paintUpper()
  }, [
    keysCanvas,
    selectionCanvas,
    track,
    viewStart,
    viewSpan,
    width,
    height,
    dpr,
    selected,
    hover,
    focus,
    visible,
    drag,
    paintId,
    pixelWidth,
    pixelHeight
  ])
}
