import { describe, expect, it } from 'vitest'
import {
  blendSprite,
  premultiply,
  type SpritePixels
} from '../../../src/renderer/src/components/timeline/pixel-lane-context'

/** A 2 × 2 sprite: opaque red, half-transparent green, clear, opaque blue (straight RGBA). */
const sprite = (): SpritePixels => ({
  width: 2,
  height: 2,
  premultiplied: premultiply(
    new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 0, 0, 0, 0, 255, 255])
  )
})

const pixel = (target: Uint8ClampedArray, width: number, x: number, y: number) =>
  Array.from(target.subarray((y * width + x) * 4, (y * width + x) * 4 + 4))

describe('the pixel lane context', () => {
  it('premultiplies straight RGBA', () => {
    expect(Array.from(sprite().premultiplied)).toEqual([
      255, 0, 0, 255, 0, 128, 0, 128, 0, 0, 0, 0, 0, 0, 255, 255
    ])
  })

  it('blends a stamp source-over, as the canvas does, and clips it at the edges', () => {
    const width = 3
    const target = new Uint8ClampedArray(width * 2 * 4)
    // A white opaque background under the middle column.
    for (const y of [0, 1]) target.set([255, 255, 255, 255], (y * width + 1) * 4)
    blendSprite(target, width, 2, sprite(), 0, 0)
    expect(pixel(target, width, 0, 0)).toEqual([255, 0, 0, 255])
    // Half green over white: green stays full, red and blue halve.
    expect(pixel(target, width, 1, 0)).toEqual([127, 255, 127, 255])
    // The clear pixel leaves the background; the opaque blue covers nothing below it.
    expect(pixel(target, width, 0, 1)).toEqual([0, 0, 0, 0])
    expect(pixel(target, width, 1, 1)).toEqual([0, 0, 255, 255])
    // Half off the right edge and above the top: only the sprite's bottom-left pixel lands.
    blendSprite(target, width, 2, sprite(), 2, -1)
    expect(pixel(target, width, 2, 0)).toEqual([0, 0, 0, 0])
    expect(pixel(target, width, 2, 1)).toEqual([0, 0, 0, 0])
    blendSprite(target, width, 2, sprite(), 1, -1)
    expect(pixel(target, width, 2, 0)).toEqual([0, 0, 255, 255])
  })
})
