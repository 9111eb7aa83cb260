// The key markers' sprites for the lane painter: each interpolation and look drawn once per device pixel
// ratio and kept as premultiplied pixels, which the pixel lane context stamps for every key.
import type { Interpolation } from '@shared/timeline'
import { drawMarker, spriteSize, type MarkerLook, type MarkerSprites } from './lane-painter'
import { premultiply, type SpritePixels } from './pixel-lane-context'

const byRatio = new Map<number, MarkerSprites>()

function drawSprite(dpr: number, interpolation: Interpolation, look: MarkerLook): SpritePixels | null {
  const size = spriteSize(dpr, look)
  const canvas = new OffscreenCanvas(size, size)
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) return null
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  const centre = size / 2 / dpr
  drawMarker(ctx, interpolation, look, centre, centre)
  const pixels = ctx.getImageData(0, 0, size, size).data
  return { width: size, height: size, premultiplied: premultiply(pixels) }
}

export function markerSprites(dpr: number): MarkerSprites {
  const known = byRatio.get(dpr)
  if (known) return known
  const images = new Map<string, SpritePixels | null>()
  const sprites: MarkerSprites = {
    dpr,
    image(interpolation: Interpolation, look: MarkerLook) {
      const name = `${interpolation} ${look}`
      if (!images.has(name)) images.set(name, drawSprite(dpr, interpolation, look))
      return images.get(name)
    }
  }
  byRatio.set(dpr, sprites)
  return sprites
}
