// The lane painter's stamps composed in JavaScript, then put on the canvas at once. Chromium's 2D canvas
// records each drawImage and rasterises it later, at about 25 µs a stamp under the software GL the tests and
// the bench use (a dense lane is a thousand stamps: 8 lanes took 230 ms a frame, against 2 ms here). The
// stamps are blended "source over" in premultiplied 8-bit RGBA, as the canvas does (composed from the last
// back, so pixels already covered are skipped: see StampQueue); paths (the focus ring) are drawn by the
// canvas itself, over the stamps.
import type { LaneContext } from './lane-painter'

/** A sprite's pixels: premultiplied RGBA, `width` × `height`, row by row. */
export interface SpritePixels {
  readonly width: number
  readonly height: number
  readonly premultiplied: Uint8ClampedArray
}

export function isSpritePixels(image: unknown): image is SpritePixels {
  return typeof image === 'object' && image !== null && 'premultiplied' in image
}

/** Premultiplies straight RGBA (what getImageData gives) in place, and returns it. */
export function premultiply(rgba: Uint8ClampedArray): Uint8ClampedArray {
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!
    if (a === 255) continue
    rgba[i] = (rgba[i]! * a + 127) / 255
    rgba[i + 1] = (rgba[i + 1]! * a + 127) / 255
    rgba[i + 2] = (rgba[i + 2]! * a + 127) / 255
  }
  return rgba
}

/**
 * `target` (premultiplied RGBA, `width` × `height`) cleared, then each stamp (a sprite with its top-left
 * corner at x, y) drawn over the ones before it, as the canvas would.
 */
export function composeStamps(
  target: Uint8ClampedArray,
  width: number,
  height: number,
  stamps: readonly { readonly sprite: SpritePixels; readonly x: number; readonly y: number }[]
): void {
  const queue = new StampQueue()
  for (const { sprite, x, y } of stamps) queue.push(sprite, x, y)
  target.fill(0)
  queue.blendUnder(target, width, height)
}

/**
 * Per sprite row: its one run of opaque pixels (the markers are convex) as [start, end), empty when none, and
 * the columns [first, last) outside which the row is clear. Four numbers a row.
 */
const spriteRows = new WeakMap<SpritePixels, Int32Array>()

function spriteRowsOf(sprite: SpritePixels): Int32Array {
  const known = spriteRows.get(sprite)
  if (known) return known
  const rows = new Int32Array(sprite.height * 4)
  const alpha = (row: number, col: number) => sprite.premultiplied[(row * sprite.width + col) * 4 + 3]!
  for (let row = 0; row < sprite.height; row++) {
    let start = -1
    let end = -1
    let first = sprite.width
    let last = 0
    for (let col = 0; col < sprite.width; col++) {
      const a = alpha(row, col)
      if (a !== 0) {
        first = Math.min(first, col)
        last = col + 1
      }
      if (a !== 255) continue
      if (start < 0) start = col
      end = col + 1
    }
    // Only a run without holes counts (a ring's opaque parts are two runs: neither is used).
    let solid = start >= 0
    for (let col = start; solid && col < end; col++) solid = alpha(row, col) === 255
    rows.set([solid ? start : 0, solid ? end : 0, first, Math.max(first, last)], row * 4)
  }
  spriteRows.set(sprite, rows)
  return rows
}

/**
 * Stamps in the order drawn, composed at the end from the last back to the first, each "under" what is
 * already there: the same picture as drawing each over the ones before (source over is associative), but a
 * pixel already opaque is never blended again. Dense lanes stamp markers a pixel or two apart, so most of
 * each stamp lies under the opaque middle of the next one: per target row, the span known opaque so far is
 * kept and skipped.
 */
class StampQueue {
  private sprites: SpritePixels[] = []
  private xs: number[] = []
  private ys: number[] = []

  push(sprite: SpritePixels, x: number, y: number): void {
    this.sprites.push(sprite)
    this.xs.push(x)
    this.ys.push(y)
  }

  get size(): number {
    return this.sprites.length
  }

  clear(): void {
    this.sprites = []
    this.xs = []
    this.ys = []
  }

  /** Composes the stamps under what `target` holds (normally nothing: it was cleared). */
  blendUnder(target: Uint8ClampedArray, width: number, height: number): void {
    const opaqueStart = new Int32Array(height)
    const opaqueEnd = new Int32Array(height)
    for (let k = this.sprites.length - 1; k >= 0; k--) {
      const sprite = this.sprites[k]!
      const x = this.xs[k]!
      const y = this.ys[k]!
      const rows = spriteRowsOf(sprite)
      const y0 = Math.max(0, y)
      const y1 = Math.min(height, y + sprite.height)
      for (let row = y0; row < y1; row++) {
        const spriteRow = row - y
        const skipFrom = opaqueStart[row]!
        const skipTo = opaqueEnd[row]!
        const from = Math.max(0, x + rows[spriteRow * 4 + 2]!)
        const to = Math.min(width, x + rows[spriteRow * 4 + 3]!)
        blendRowUnder(target, width, row, sprite, spriteRow, x, from, Math.min(to, skipFrom))
        blendRowUnder(target, width, row, sprite, spriteRow, x, Math.max(from, skipTo), to)
        const runStart = rows[spriteRow * 4]!
        const runEnd = rows[spriteRow * 4 + 1]!
        if (runEnd <= runStart) continue
        const start = Math.max(0, x + runStart)
        const end = Math.min(width, x + runEnd)
        if (skipTo > skipFrom && end >= skipFrom && start <= skipTo) {
          opaqueStart[row] = Math.min(skipFrom, start)
          opaqueEnd[row] = Math.max(skipTo, end)
        } else {
          opaqueStart[row] = start
          opaqueEnd[row] = end
        }
      }
    }
  }
}

/** Blends columns [from, to) of target row `row` under the sprite's row `spriteRow` (the sprite's left at x). */
function blendRowUnder(
  target: Uint8ClampedArray,
  width: number,
  row: number,
  sprite: SpritePixels,
  spriteRow: number,
  x: number,
  from: number,
  to: number
): void {
  const src = sprite.premultiplied
  let s = (spriteRow * sprite.width + (from - x)) * 4
  let d = (row * width + from) * 4
  for (let col = from; col < to; col++, s += 4, d += 4) {
    const below = 255 - target[d + 3]!
    if (below === 0) continue
    const a = src[s + 3]!
    if (a === 0) continue
    if (below === 255) {
      target[d] = src[s]!
      target[d + 1] = src[s + 1]!
      target[d + 2] = src[s + 2]!
      target[d + 3] = a
      continue
    }
    target[d] = target[d]! + (src[s]! * below + 127) / 255
    target[d + 1] = target[d + 1]! + (src[s + 1]! * below + 127) / 255
    target[d + 2] = target[d + 2]! + (src[s + 2]! * below + 127) / 255
    target[d + 3] = target[d + 3]! + (a * below + 127) / 255
  }
}

/** Straight RGBA of premultiplied `from`, into `to` (what putImageData takes). */
function unpremultiply(from: Uint8ClampedArray, to: Uint8ClampedArray): void {
  for (let i = 0; i < from.length; i += 4) {
    const a = from[i + 3]!
    if (a === 255 || a === 0) {
      to[i] = from[i]!
      to[i + 1] = from[i + 1]!
      to[i + 2] = from[i + 2]!
    } else {
      to[i] = (from[i]! * 255 + a / 2) / a
      to[i + 1] = (from[i + 1]! * 255 + a / 2) / a
      to[i + 2] = (from[i + 2]! * 255 + a / 2) / a
    }
    to[i + 3] = a
  }
}

/** What putImageData takes (an ImageData; declared here so the tests type-check without the DOM library). */
export interface PixelImage {
  readonly width: number
  readonly height: number
  readonly data: Uint8ClampedArray
}

/** The part of a canvas 2D context the pixel context hands its pixels and paths to. */
export interface PixelTarget extends LaneContext {
  createImageData(width: number, height: number): PixelImage
  putImageData(image: PixelImage, x: number, y: number): void
}

/** One scratch buffer and one image per canvas size: painting is synchronous, so lanes can share them. */
const scratch = new Map<string, { pixels: Uint8ClampedArray; image: PixelImage }>()

function scratchOf(
  target: PixelTarget,
  width: number,
  height: number
): { pixels: Uint8ClampedArray; image: PixelImage } {
  const name = `${width}x${height}`
  let known = scratch.get(name)
  if (!known) {
    if (scratch.size > 8) scratch.clear()
    known = {
      pixels: new Uint8ClampedArray(width * height * 4),
      image: target.createImageData(width, height)
    }
    scratch.set(name, known)
  }
  return known
}

/**
 * A LaneContext over `target` (a canvas of `width` × `height` device px) that composes sprite stamps in
 * memory. clearRect is taken to clear the whole canvas (the painter clears it all, first); the pixels reach
 * the canvas before the first path is drawn, or at `flush`.
 */
export function pixelLaneContext(
  target: PixelTarget,
  width: number,
  height: number
): LaneContext & { flush(): void } {
  const { pixels, image } = scratchOf(target, width, height)
  const stamps = new StampQueue()
  let pending = true
  const flush = () => {
    if (!pending) return
    pending = false
    pixels.fill(0)
    stamps.blendUnder(pixels, width, height)
    stamps.clear()
    unpremultiply(pixels, image.data)
    target.putImageData(image, 0, 0)
  }
  const path = <A extends unknown[]>(draw: (...args: A) => void) => {
    return (...args: A) => {
      flush()
      draw.apply(target, args)
    }
  }
  return {
    get fillStyle() {
      return target.fillStyle
    },
    set fillStyle(style: unknown) {
      target.fillStyle = style
    },
    get strokeStyle() {
      return target.strokeStyle
    },
    set strokeStyle(style: unknown) {
      target.strokeStyle = style
    },
    get lineWidth() {
      return target.lineWidth
    },
    set lineWidth(width: number) {
      target.lineWidth = width
    },
    setTransform: (a, b, c, d, e, f) => target.setTransform(a, b, c, d, e, f),
    clearRect: () => {
      stamps.clear()
      pending = true
    },
    beginPath: path(target.beginPath),
    moveTo: path(target.moveTo),
    lineTo: path(target.lineTo),
    arc: path(target.arc),
    closePath: path(target.closePath),
    fill: path(target.fill),
    stroke: path(target.stroke),
    drawImage: (sprite: unknown, x: number, y: number) => {
      if (isSpritePixels(sprite)) {
        stamps.push(sprite, Math.round(x), Math.round(y))
        pending = true
      } else {
        flush()
        target.drawImage(sprite, x, y)
      }
    },
    flush
  }
}
