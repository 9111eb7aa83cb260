// Draws one track's keys on its lane canvas: only the keys whose marker shows in the view, in CSS px
// scaled by the device pixel ratio, so markers stay sharp on any screen. Keys closer than a device pixel
// to the previous one drawn in the same style add nothing visible and are skipped, so a lane costs at most
// about one marker per pixel column, however many keys it holds. The shapes and colours are the ones the
// key elements had: a diamond (linear, hold), a disc (ease in-out, Bézier), a half disc (ease in, ease out).
import type { Interpolation, KeyId, Track } from '@shared/timeline'
import { timeToX, visibleKeyRange, type TimelineView } from './timeline-geometry'

/** What a lane shows; a change to any of it (and nothing else) redraws the lane. */
export interface LanePaint {
  readonly track: Track
  readonly view: TimelineView
  /** The canvas's size in CSS px. */
  readonly width: number
  readonly height: number
  readonly dpr: number
  readonly selected: ReadonlySet<KeyId>
  readonly hover: KeyId | null
  /** The key that has keyboard focus, when the lanes have it. */
  readonly focus: KeyId | null
}

/**
 * The part of a canvas 2D context the painter uses (a recording fake in unit tests). Declared here rather
 * than picked from the DOM's types, so the painter's tests type-check without the DOM library.
 */
export interface LaneContext {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void
  clearRect(x: number, y: number, width: number, height: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  arc(x: number, y: number, radius: number, start: number, end: number, counterclockwise?: boolean): void
  closePath(): void
  fill(): void
  stroke(): void
}

type Shape = 'diamond' | 'disc' | 'halfLeft' | 'halfRight'

/** Marker size in CSS px: the diamond's half diagonal (a 9 px square turned 45°), the disc's radius. */
const DIAMOND = 6.4
const DISC = 4.5
/** The selection's halo, px beyond the marker. */
const HALO = 2
const FOCUS_RING = 9
/** How far a marker reaches either side of its key's x, px: keys this far outside the view still show. */
export const KEY_MARKER_PAD = DIAMOND + HALO

export const KEY_COLOURS = {
  key: '#f0c265',
  keyHover: '#ffe979',
  hold: '#d9925a',
  holdHover: '#ffaf6c',
  hollow: '#1d2129',
  edge: 'rgba(0, 0, 0, 0.5)',
  selected: '#ffffff',
  selectedEdge: '#4a8cf0',
  halo: '#6aa8ff',
  focus: '#ffffff'
} as const

const SHAPES: Record<Interpolation, Shape> = {
  linear: 'diamond',
  hold: 'diamond',
  easeInOut: 'disc',
  bezier: 'disc',
  easeIn: 'halfLeft',
  easeOut: 'halfRight'
}

function trace(ctx: LaneContext, shape: Shape, x: number, y: number, grow: number): void {
  const r = (shape === 'diamond' ? DIAMOND : DISC) + grow
  if (shape === 'diamond') {
    ctx.moveTo(x, y - r)
    ctx.lineTo(x + r, y)
    ctx.lineTo(x, y + r)
    ctx.lineTo(x - r, y)
    ctx.closePath()
  } else if (shape === 'disc') {
    ctx.moveTo(x + r, y)
    ctx.arc(x, y, r, 0, 2 * Math.PI)
  } else {
    // The rounded side faces the segment it eases: ease in rounds the left, ease out the right.
    const side = shape === 'halfLeft' ? 1 : -1
    ctx.moveTo(x + side * r, y - r)
    ctx.lineTo(x, y - r)
    ctx.arc(x, y, r, -Math.PI / 2, Math.PI / 2, side > 0)
    ctx.lineTo(x + side * r, y + r)
    ctx.closePath()
  }
}

interface Style {
  readonly fill: string
  readonly edge: string
  readonly edgeWidth: number
}

function styleOf(interpolation: Interpolation, selected: boolean, hover: boolean): Style {
  if (interpolation === 'bezier')
    return selected
      ? { fill: KEY_COLOURS.halo, edge: KEY_COLOURS.selected, edgeWidth: 2 }
      : { fill: KEY_COLOURS.hollow, edge: hover ? KEY_COLOURS.keyHover : KEY_COLOURS.key, edgeWidth: 2 }
  if (selected) return { fill: KEY_COLOURS.selected, edge: KEY_COLOURS.selectedEdge, edgeWidth: 1 }
  const hold = interpolation === 'hold'
  const fill = hold
    ? hover
      ? KEY_COLOURS.holdHover
      : KEY_COLOURS.hold
    : hover
      ? KEY_COLOURS.keyHover
      : KEY_COLOURS.key
  return { fill, edge: KEY_COLOURS.edge, edgeWidth: 1 }
}

/** Marker centres (CSS px) per interpolation, one per device pixel column at most. */
type Batch = Map<Interpolation, number[]>

function push(batch: Batch, interpolation: Interpolation, x: number, dpr: number): void {
  let xs = batch.get(interpolation)
  if (!xs) batch.set(interpolation, (xs = []))
  const last = xs.at(-1)
  if (last === undefined || Math.round(last * dpr) !== Math.round(x * dpr)) xs.push(x)
}

function drawBatch(ctx: LaneContext, batch: Batch, y: number, selected: boolean): void {
  if (batch.size === 0) return
  if (selected) {
    ctx.beginPath()
    for (const [interpolation, xs] of batch) for (const x of xs) trace(ctx, SHAPES[interpolation], x, y, HALO)
    ctx.fillStyle = KEY_COLOURS.halo
    ctx.fill()
  }
  for (const [interpolation, xs] of batch) {
    const style = styleOf(interpolation, selected, false)
    ctx.beginPath()
    for (const x of xs) trace(ctx, SHAPES[interpolation], x, y, 0)
    ctx.fillStyle = style.fill
    ctx.fill()
    ctx.strokeStyle = style.edge
    ctx.lineWidth = style.edgeWidth
    ctx.stroke()
  }
}

/** One key drawn on its own, over the batches: the hovered one, and the focus ring. */
function drawSingle(ctx: LaneContext, paint: LanePaint, id: KeyId, y: number, ring: boolean): void {
  const key = paint.track.keys.find((k) => k.id === id)
  if (!key) return
  const x = timeToX(key.time, paint.view, paint.width)
  const shape = SHAPES[key.interpolation]
  if (ring) {
    ctx.beginPath()
    ctx.moveTo(x + FOCUS_RING, y)
    ctx.arc(x, y, FOCUS_RING, 0, 2 * Math.PI)
    ctx.strokeStyle = KEY_COLOURS.focus
    ctx.lineWidth = 1.5
    ctx.stroke()
    return
  }
  const style = styleOf(key.interpolation, paint.selected.has(id), true)
  ctx.beginPath()
  trace(ctx, shape, x, y, 0)
  ctx.fillStyle = style.fill
  ctx.fill()
  ctx.strokeStyle = style.edge
  ctx.lineWidth = style.edgeWidth
  ctx.stroke()
}

/** Clears the lane and draws its visible keys: the rest, then the selection over them, then hover and focus. */
export function paintLane(ctx: LaneContext, paint: LanePaint): void {
  const { track, view, width, height, dpr, selected } = paint
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, width, height)
  const y = height / 2
  const { first, end } = visibleKeyRange(track.keys, view, width, KEY_MARKER_PAD)
  const rest: Batch = new Map()
  const chosen: Batch = new Map()
  for (let i = first; i < end; i++) {
    const key = track.keys[i]!
    const isSelected = selected.size > 0 && selected.has(key.id)
    push(isSelected ? chosen : rest, key.interpolation, timeToX(key.time, view, width), dpr)
  }
  drawBatch(ctx, rest, y, false)
  drawBatch(ctx, chosen, y, true)
  if (paint.hover) drawSingle(ctx, paint, paint.hover, y, false)
  if (paint.focus) drawSingle(ctx, paint, paint.focus, y, true)
}
