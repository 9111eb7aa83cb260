// The lane painter's stamps composed in JavaScript, then put on the canvas at once. Chromium's 2D canvas
// records each drawImage and rasterises it later, at about 25 µs a stamp under the software GL the tests and
// the bench use (a dense lane is a thousand stamps: 8 lanes took 230 ms a frame, against 2 ms here). The
// stamps are blended "source over" in premultiplied 8-bit RGBA, as the canvas does; paths (the focus ring)
// are drawn by the canvas itself, over the stamps.
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

/** Blends `sprite` over `target` (premultiplied RGBA, `width` × `height`) with its top-left corner at (x, y). */
export function blendSprite(
  target: Uint8ClampedArray,
  width: number,
  height: number,
  sprite: SpritePixels,
  x: number,
  y: number
): void {
  const x0 = Math.max(0, x)
  const x1 = Math.min(width, x + sprite.width)
  const y0 = Math.max(0, y)
  const y1 = Math.min(height, y + sprite.height)
  const src = sprite.premultiplied
  for (let row = y0; row < y1; row++) {
    let s = ((row - y) * sprite.width + (x0 - x)) * 4
    let d = (row * width + x0) * 4
    for (let col = x0; col < x1; col++, s += 4, d += 4) {
      const a = src[s + 3]!
      if (a === 0) continue
      if (a === 255) {
        target[d] = src[s]!
        target[d + 1] = src[s + 1]!
        target[d + 2] = src[s + 2]!
        target[d + 3] = 255
        continue
      }
      const keep = 255 - a
      target[d] = src[s]! + (target[d]! * keep + 127) / 255
      target[d + 1] = src[s + 1]! + (target[d + 1]! * keep + 127) / 255
      target[d + 2] = src[s + 2]! + (target[d + 2]! * keep + 127) / 255
      target[d + 3] = a + (target[d + 3]! * keep + 127) / 255
    }
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
  pixels.fill(0)
  let pending = true
  const flush = () => {
    if (!pending) return
    pending = false
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
      pixels.fill(0)
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
        blendSprite(pixels, width, height, sprite, Math.round(x), Math.round(y))
        pending = true
      } else {
        flush()
        target.drawImage(sprite, x, y)
      }
    },
    flush
  }
}
