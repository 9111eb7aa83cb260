// When and how a lane's two canvases are drawn. An edit, a drag or a new view draws everything on the lower
// canvas at once (as one canvas did: each key stamped once, the selection over the rest) and hides the upper
// one. When only the selection, hover or focus changes, the lower canvas is drawn once more with every key
// unselected and the upper one with the selection alone; further selection changes (a box select growing,
// the pointer moving over keys) then draw only the upper canvas.
import { useLayoutEffect, useRef, type RefObject } from 'react'
import type { KeyId, Track } from '@shared/timeline'
import { paintLane, type LanePaint } from './lane-painter'
import { markerSprites } from './lane-sprites'
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
  readonly withSelection: boolean
}

const context = (canvas: HTMLCanvasElement | null) => canvas?.getContext('2d', { willReadFrequently: true })

export function useLanePaint(
  keysCanvas: RefObject<HTMLCanvasElement | null>,
  selectionCanvas: RefObject<HTMLCanvasElement | null>,
  input: LanePaintInput
): void {
  const painted = useRef<Painted | null>(null)
  const { track, viewStart, viewSpan, width, height, dpr, selected, hover, focus, visible, paintId } = input
  const pixelWidth = Math.max(1, Math.round(width * dpr))
  const pixelHeight = Math.round(height * dpr)
  useLayoutEffect(() => {
    const keys = visible ? context(keysCanvas.current) : null
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
      focus
    }
    const sprites = markerSprites(dpr)
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
    const show = (on: boolean) => upper.classList.toggle('lane__canvas--hidden', !on)
    if (!sameKeys || (!layered && before.withSelection)) {
      paintLane(keys, paint, sprites, 'all')
      show(false)
      painted.current = {
        track,
        viewStart,
        viewSpan,
        pixelWidth,
        pixelHeight,
        width,
        dpr,
        withSelection: layered
      }
      notePaint(paintId)
      return
    }
    if (!layered) {
      // The lower canvas already shows every key unselected.
      show(false)
      return
    }
    if (before.withSelection) {
      paintLane(keys, paint, sprites, 'keys')
      painted.current = { ...before, withSelection: false }
    }
    const ctx = context(upper)
    if (!ctx) return
    paintLane(ctx, paint, sprites, 'selection')
    show(true)
    notePaint(paintId)
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
    paintId,
    pixelWidth,
    pixelHeight
  ])
}
