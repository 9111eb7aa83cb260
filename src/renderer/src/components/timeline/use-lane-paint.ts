// When and how a lane's two canvases are drawn. An edit, a drag or a new view draws everything on the lower
// canvas at once (as one canvas did: each key stamped once, the selection over the rest) and hides the upper
// one. When only the selection, hover or focus changes, the lower canvas is drawn once more with every key
// unselected and the upper one with the selection alone; further selection changes (a box select growing,
// the pointer moving over keys) then draw only the upper canvas. While the selection is dragged, the lower
// canvas holds the keys left behind (drawn once) and the upper one the dragged selection, drawn once and
// slid with the drag (lane-slide.ts), drawn again only when the slide would not show the same keys.
import { useLayoutEffect, useRef, type RefObject } from 'react'
import type { KeyId, Track } from '@shared/timeline'
import { paintLane, type LaneDrag, type LaneLayer, type LanePaint } from './lane-painter'
import { dragSlide, selectedOnWholeFrames, SLIDE_MARGIN } from './lane-slide'
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

/** What the upper canvas was drawn from during a drag, and whether it may slide (see lane-slide). */
interface DragPainted {
  readonly track: Track
  readonly viewStart: number
  readonly viewSpan: number
  readonly pixelWidth: number
  readonly dpr: number
  readonly selected: ReadonlySet<KeyId>
  readonly hover: KeyId | null
  readonly focus: KeyId | null
  readonly fps: number
  /** The drag's shift it shows, s. */
  readonly shift: number
  readonly slides: boolean
}

/** Paints `layer` on `canvas`, its stamps composed in memory and put on the canvas at once (pixel-lane-context). */
function paintOn(canvas: HTMLCanvasElement, paint: LanePaint, layer: LaneLayer): void {
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) return
  const pixels = pixelLaneContext(ctx, canvas.width, canvas.height)
  paintLane(pixels, paint, markerSprites(paint.dpr), layer)
  pixels.flush()
}

/** How far to slide the upper canvas drawn as `before` to show `now`'s drag, or null to draw it again. */
function slideOf(
  before: DragPainted | null,
  now: Omit<DragPainted, 'fps' | 'shift' | 'slides'> & { readonly drag: LaneDrag; readonly width: number }
): number | null {
  if (
    !before?.slides ||
    before.track !== now.track ||
    before.viewStart !== now.viewStart ||
    before.viewSpan !== now.viewSpan ||
    before.pixelWidth !== now.pixelWidth ||
    before.dpr !== now.dpr ||
    before.selected !== now.selected ||
    before.hover !== now.hover ||
    before.focus !== now.focus ||
    before.fps !== now.drag.fps
  )
    return null
  const view = { start: now.viewStart, span: now.viewSpan }
  return dragSlide(before.shift, now.drag.shift, { fps: now.drag.fps, view, width: now.width, dpr: now.dpr })
}

export function useLanePaint(
  keysCanvas: RefObject<HTMLCanvasElement | null>,
  selectionCanvas: RefObject<HTMLCanvasElement | null>,
  input: LanePaintInput
): void {
  const painted = useRef<Painted | null>(null)
  const dragPainted = useRef<DragPainted | null>(null)
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
    const slideTo = (px: number) => {
      if (px === 0) upper.style.removeProperty('transform')
      else upper.style.setProperty('transform', `translateX(${px}px)`)
    }
    const show = (on: boolean) => {
      upper.classList.toggle('lane__canvas--hidden', !on)
      if (!on) {
        slideTo(0)
        dragPainted.current = null
      }
    }
    const paintUpper = () => {
      paintOn(upper, { ...paint, margin: SLIDE_MARGIN }, 'selection')
      slideTo(0)
      show(true)
      notePaint(paintId)
      dragPainted.current = drag
        ? {
            track,
            viewStart,
            viewSpan,
            pixelWidth,
            dpr,
            selected,
            hover,
            focus,
            fps: drag.fps,
            shift: drag.shift,
            slides:
              (hover === null || selected.has(hover)) &&
              (focus === null || selected.has(focus)) &&
              selectedOnWholeFrames(track.keys, selected, drag.fps)
          }
        : null
    }
    if (drag && selected.size > 0) {
      if (!sameKeys || before.holds !== 'rest' || before.selected !== selected) {
        paintOn(keys, paint, 'rest')
        painted.current = { ...geometry, holds: 'rest' }
      }
      const slide = slideOf(dragPainted.current, { ...geometry, hover, focus, drag, width })
      if (slide === null) paintUpper()
      else slideTo(slide)
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
