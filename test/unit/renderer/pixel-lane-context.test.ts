import { describe, expect, it } from 'vitest'
import {
  composeStamps,
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

  it('composes stamps source-over in the order drawn, as the canvas does, clipped at the edges', () => {
    const width = 3
    const target = new Uint8ClampedArray(width * 2 * 4)
    // An opaque white column first (x = 1), then the sprite over it at the top left.
    const white: SpritePixels = {
      width: 1,
      height: 2,
      premultiplied: new Uint8ClampedArray([255, 255, 255, 255, 255, 255, 255, 255])
    }
    composeStamps(target, width, 2, [
      { sprite: white, x: 1, y: 0 },
      { sprite: sprite(), x: 0, y: 0 }
    ])
    expect(pixel(target, width, 0, 0)).toEqual([255, 0, 0, 255])
    // Half green over white: green stays full, red and blue halve.
    expect(pixel(target, width, 1, 0)).toEqual([127, 255, 127, 255])
    // The clear pixel shows nothing; the opaque blue covers the white.
    expect(pixel(target, width, 0, 1)).toEqual([0, 0, 0, 0])
    expect(pixel(target, width, 1, 1)).toEqual([0, 0, 255, 255])
    expect(pixel(target, width, 2, 0)).toEqual([0, 0, 0, 0])
    // Half off the right edge and above the top: only the sprite's bottom-left pixel (clear) lands; one
    // more to the left puts its bottom-right (blue) on (2, 0).
    composeStamps(target, width, 2, [{ sprite: sprite(), x: 2, y: -1 }])
    expect(Array.from(target).every((v) => v === 0)).toBe(true)
    composeStamps(target, width, 2, [{ sprite: sprite(), x: 1, y: -1 }])
    expect(pixel(target, width, 2, 0)).toEqual([0, 0, 255, 255])
  })

  it('gives the same picture as stamping one by one over each other, for dense overlapping markers', () => {
    // A 5 × 5 disc-like sprite with soft edges, stamped every 1 or 2 px along a row.
    const alpha = [
      0, 90, 160, 90, 0, 90, 255, 255, 255, 90, 160, 255, 255, 255, 160, 90, 255, 255, 255, 90, 0, 90, 160,
      90, 0
    ]
    const disc = (r: number, g: number, b: number): SpritePixels => ({
      width: 5,
      height: 5,
      premultiplied: premultiply(new Uint8ClampedArray(alpha.flatMap((a) => [r, g, b, a])))
    })
    const sprites = [disc(240, 194, 101), disc(255, 255, 255)]
    const stamps = Array.from({ length: 30 }, (_, i) => ({
      sprite: sprites[i % 3 === 0 ? 1 : 0]!,
      x: i + (i >> 2),
      y: 1
    }))
    const width = 48
    const height = 7
    const composed = new Uint8ClampedArray(width * height * 4)
    composeStamps(composed, width, height, stamps)
    // Reference: each stamp blended over the picture so far.
    const reference = new Uint8ClampedArray(width * height * 4)
    for (const { sprite, x, y } of stamps)
      for (let row = 0; row < sprite.height; row++)
        for (let col = 0; col < sprite.width; col++) {
          const s = (row * sprite.width + col) * 4
          const d = ((y + row) * width + x + col) * 4
          const keep = 255 - sprite.premultiplied[s + 3]!
          for (let c = 0; c < 4; c++)
            reference[d + c] = sprite.premultiplied[s + c]! + (reference[d + c]! * keep) / 255
        }
    const worst = Math.max(...Array.from(composed, (v, i) => Math.abs(v - reference[i]!)))
    expect(worst).toBeLessThanOrEqual(2)
  })
})
