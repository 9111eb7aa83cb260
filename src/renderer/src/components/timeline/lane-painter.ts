// Draws one track's keys on its lane canvas: only the keys whose marker shows in the view, at the device
// pixel ratio, so markers stay sharp on any screen. Each marker is stamped from a sprite drawn once per
// interpolation and look (a path per key costs far more to rasterise), on whole device pixels. Of keys in
// one device pixel column only the one on top is stamped, so a lane costs at most one stamp per pixel
// column (two where selected and unselected keys share it), however many keys it holds. The
// shapes and colours are the ones the key elements had: a diamond (linear, hold), a disc (ease in-out,
// Bézier), a half disc (ease in, ease out); the selection is drawn over the rest, each key on its halo.
import { seconds, snapToFrame, type Interpolation, type KeyId, type Track } from '@shared/timeline'
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
  /** A drag of the selection under way: its keys are drawn moved by `shift` (s), each on its frame. */
  readonly drag?: LaneDrag | null
  /**
   * CSS px the canvas reaches beyond the lane on either side (0 when absent): the lane's x = 0 is the
   * canvas's x = margin, and keys that far outside the view are drawn too, so a drag can slide the canvas.
   */
  readonly margin?: number
}

export interface LaneDrag {
  readonly shift: number
  readonly fps: number
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
  /** Stamps a sprite (an image of `MarkerSprites`) with its top-left corner at (x, y). */
  drawImage(image: unknown, x: number, y: number): void
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

/** How a marker looks: unselected, hovered (unselected), selected (on its halo). */
export type MarkerLook = 'rest' | 'hover' | 'selected'

/** Pre-drawn markers: one square image of `spriteSize(dpr, look)` device px per interpolation and look, centred. */
export interface MarkerSprites {
  readonly dpr: number
  image(interpolation: Interpolation, look: MarkerLook): unknown
}

/**
 * The side of a sprite at `dpr`, device px: room for the largest marker (with its halo) and its edge; odd,
 * so the marker's centre is a pixel's centre. The smaller the sprite, the cheaper each stamp.
 */
export function spriteSize(dpr: number, look: MarkerLook): number {
  return 2 * Math.ceil((DIAMOND + (look === 'selected' ? HALO : 0) + 1) * dpr) + 1
}

const INTERPOLATIONS: readonly Interpolation[] = [
  'linear',
  'hold',
  'easeIn',
  'easeOut',
  'easeInOut',
  'bezier'
]

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

function styleOf(interpolation: Interpolation, look: MarkerLook): Style {
  const hover = look === 'hover'
  const selected = look === 'selected'
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

/** Draws one marker centred on (x, y), in the context's current units (what a sprite is made of). */
export function drawMarker(
  ctx: LaneContext,
  interpolation: Interpolation,
  look: MarkerLook,
  x: number,
  y: number
): void {
  if (look === 'selected') {
    ctx.beginPath()
    trace(ctx, SHAPES[interpolation], x, y, HALO)
    ctx.fillStyle = KEY_COLOURS.halo
    ctx.fill()
  }
  ctx.beginPath()
  const style = styleOf(interpolation, look)
  trace(ctx, SHAPES[interpolation], x, y, 0)
  ctx.fillStyle = style.fill
  ctx.fill()
  ctx.strokeStyle = style.edge
  ctx.lineWidth = style.edgeWidth
  ctx.stroke()
}

/**
 * Markers to stamp, in time order: device pixel columns of their centres and their interpolations. Of keys
 * in one column only the last is kept: it is the one drawn on top, and the others' few uncovered pixels
 * are not worth a stamp each.
 */
interface Columns {
  readonly columns: number[]
  readonly interpolations: Interpolation[]
}

function push(list: Columns, interpolation: Interpolation, column: number): void {
  const last = list.columns.length - 1
  if (list.columns[last] === column) list.interpolations[last] = interpolation
  else {
    list.columns.push(column)
    list.interpolations.push(interpolation)
  }
}

const NO_KEYS: ReadonlySet<KeyId> = new Set()

/**
 * Which part of a lane to draw: everything on one canvas, or the keys and the selection on two layers;
 * 'rest' is the keys a drag leaves behind (all but the selection), under the dragged selection's layer.
 */
export type LaneLayer = 'all' | 'keys' | 'selection' | 'rest'

/**
 * Clears the lane and stamps its visible keys: the rest, then the selection over them (each selected key on
 * its own halo, as the key elements' shadows stacked), then hover and focus. With layers, 'keys' stamps
 * every key unselected (the selection's halos cover them) and 'selection' only the selection, hover and
 * focus on a clear canvas above it, so a change of selection redraws only that layer.
 */
export function paintLane(
  ctx: LaneContext,
  paint: LanePaint,
  sprites: MarkerSprites,
  layer: LaneLayer = 'all'
): void {
  const { track, view, width, height, dpr } = paint
  const margin = paint.margin ?? 0
  const selected = layer === 'keys' ? NO_KEYS : paint.selected
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, Math.round((width + 2 * margin) * dpr), Math.round(height * dpr))
  // A sprite's centre is the centre of its middle pixel: column c (and row r) put it at c + 0.5 device px.
  const middle = Math.round((height * dpr) / 2 - 0.5)
  const columnOf = (time: number) => Math.round((timeToX(time, view, width) + margin) * dpr - 0.5)
  const drag = layer === 'selection' ? (paint.drag ?? null) : null
  const shown = drag
    ? (time: number) => snapToFrame(seconds(time + drag.shift), drag.fps)
    : (time: number) => time
  const rest: Columns = { columns: [], interpolations: [] }
  const chosen: Columns = { columns: [], interpolations: [] }
  if (layer !== 'selection' || selected.size > 0) {
    // Dragged keys show `shift` later, so the keys that land in view are those a shift earlier (and a frame
    // either side, for the snap to frames).
    const frame = drag ? 1 / drag.fps : 0
    const from = drag ? { start: view.start - drag.shift - frame, span: view.span + 2 * frame } : view
    const { first, end } = visibleKeyRange(track.keys, from, width, KEY_MARKER_PAD + margin)
    for (let i = first; i < end; i++) {
      const key = track.keys[i]!
      const isSelected = selected.size > 0 && selected.has(key.id)
      if (isSelected) {
        if (layer !== 'rest') push(chosen, key.interpolation, columnOf(shown(key.time)))
      } else if (layer !== 'selection') push(rest, key.interpolation, columnOf(key.time))
    }
  }
  const stamp = (list: Columns, look: MarkerLook) => {
    if (list.columns.length === 0) return
    const half = (spriteSize(dpr, look) - 1) / 2
    const images = new Map(INTERPOLATIONS.map((i) => [i, sprites.image(i, look)]))
    list.columns.forEach((column, i) => {
      const image = images.get(list.interpolations[i]!)
      if (image) ctx.drawImage(image, column - half, middle - half)
    })
  }
  stamp(rest, 'rest')
  stamp(chosen, 'selected')
  if (layer === 'keys' || layer === 'rest') return
  const hovered = paint.hover ? track.keys.find((k) => k.id === paint.hover) : undefined
  if (hovered) {
    const look = selected.has(hovered.id) ? 'selected' : 'hover'
    const half = (spriteSize(dpr, look) - 1) / 2
    const image = sprites.image(hovered.interpolation, look)
    const time = look === 'selected' ? shown(hovered.time) : hovered.time
    if (image) ctx.drawImage(image, columnOf(time) - half, middle - half)
  }
  const focused = paint.focus ? track.keys.find((k) => k.id === paint.focus) : undefined
  if (focused) {
    const time = selected.has(focused.id) ? shown(focused.time) : focused.time
    const x = (columnOf(time) + 0.5) / dpr
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.beginPath()
    ctx.moveTo(x + FOCUS_RING, height / 2)
    ctx.arc(x, height / 2, FOCUS_RING, 0, 2 * Math.PI)
    ctx.strokeStyle = KEY_COLOURS.focus
    ctx.lineWidth = 1.5
    ctx.stroke()
  }
}
