/**
 * Coarser levels of the avatar's texture and plate (a mip chain), for frames whose pixels each cover two or more
 * source px. The renderer's GridSample and the plate's Resize read one texel neighbourhood per output pixel, so
 * their work does not shrink with the output, but their memory traffic does with a coarser level: a 256² frame of
 * a 512 px avatar read its 4 MB texture and 8 MB plate at every second texel, most reads missing the cache
 * (about 4 ms of a 14 ms frame). A coarser level also averages the texels between the reads instead of skipping
 * them (less aliasing at small sizes).
 */

/** The texture and the plate at one level, planar, both at `scale` source px per texel. */
export interface TextureLevel {
  /** Source px per texel: 2^level. */
  readonly scale: number
  /** [4, textureHeight, textureWidth]: the avatar's texture (RGB and person alpha) at this level. */
  readonly texture: Float32Array
  readonly textureWidth: number
  readonly textureHeight: number
  /** [plateChannels, plateHeight, plateWidth]: the plate at this level. */
  readonly plate: Float32Array
  readonly plateWidth: number
  readonly plateHeight: number
}

/** Coarser levels built after the full-resolution one: 2 and 4 source px per texel. */
export const COARSER_TEXTURE_LEVELS = 2

/**
 * One planar image [channels][h][w] halved along both axes, centred on it: an even axis of n texels averages
 * pairs (n / 2 texels, the exact mean of the two texels a bilinear read half-way between them returns); an odd
 * one gets (n + 1) / 2 texels centred on the even input texels, each the tent 1/4, 1/2, 1/4 over its neighbours
 * (the edge texel repeated past the ends), so the level's extent, n + 1 input texels, stays centred on the input's
 * and a reader that derives its padding from the extent (the renderer) reads it in place.
 */
export function halvePlanar(
  data: Float32Array,
  channels: number,
  w: number,
  h: number
): { data: Float32Array; width: number; height: number } {
  const w2 = Math.ceil(w / 2)
  const h2 = Math.ceil(h / 2)
  const tapsX = Array.from({ length: w2 }, (_, k) => halvingTaps(w, k))
  const tapsY = Array.from({ length: h2 }, (_, k) => halvingTaps(h, k))
  const rows = new Float32Array(channels * h * w2)
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < h; y++) {
      const src = (c * h + y) * w
      const dst = (c * h + y) * w2
      for (let k = 0; k < w2; k++) {
        const [i0, i1, i2, w0, w1, w2_] = tapsX[k]!
        rows[dst + k] = w0 * data[src + i0]! + w1 * data[src + i1]! + w2_ * data[src + i2]!
      }
    }
  }
  const out = new Float32Array(channels * h2 * w2)
  for (let c = 0; c < channels; c++) {
    for (let k = 0; k < h2; k++) {
      const [i0, i1, i2, w0, w1, w2_] = tapsY[k]!
      const [r0, r1, r2] = [i0, i1, i2].map((i) => (c * h + i) * w2) as [number, number, number]
      const dst = (c * h2 + k) * w2
      for (let x = 0; x < w2; x++)
        out[dst + x] = w0 * rows[r0 + x]! + w1 * rows[r1 + x]! + w2_ * rows[r2 + x]!
    }
  }
  return { data: out, width: w2, height: h2 }
}

/** The input texels and weights of output texel k when an axis of n texels is halved (see halvePlanar). */
function halvingTaps(n: number, k: number): [number, number, number, number, number, number] {
  if (n % 2 === 0) return [2 * k, 2 * k + 1, 2 * k + 1, 0.5, 0.5, 0]
  return [Math.max(0, 2 * k - 1), 2 * k, Math.min(n - 1, 2 * k + 1), 0.25, 0.5, 0.25]
}

/**
 * The full-resolution texture and plate (level 0, the arrays given) and COARSER_TEXTURE_LEVELS levels each half
 * the one before. `texture` is [4, th, tw], `plate` [plateChannels, ph, pw].
 */
export function buildTextureLevels(
  texture: { data: Float32Array; width: number; height: number },
  plate: { data: Float32Array; width: number; height: number; channels: number }
): TextureLevel[] {
  const levels: TextureLevel[] = [
    {
      scale: 1,
      texture: texture.data,
      textureWidth: texture.width,
      textureHeight: texture.height,
      plate: plate.data,
      plateWidth: plate.width,
      plateHeight: plate.height
    }
  ]
  for (let k = 1; k <= COARSER_TEXTURE_LEVELS; k++) {
    const prev = levels[k - 1]!
    const t = halvePlanar(prev.texture, 4, prev.textureWidth, prev.textureHeight)
    const p = halvePlanar(prev.plate, plate.channels, prev.plateWidth, prev.plateHeight)
    levels.push({
      scale: 2 * prev.scale,
      texture: t.data,
      textureWidth: t.width,
      textureHeight: t.height,
      plate: p.data,
      plateWidth: p.width,
      plateHeight: p.height
    })
  }
  return levels
}

/**
 * The coarsest level whose texel is at most one output pixel: `sourcePxPerOutputPx` source px per output pixel
 * (sigma / zoom). A frame at the source's size or larger reads the full resolution.
 */
export function textureLevelFor(levels: readonly TextureLevel[], sourcePxPerOutputPx: number): TextureLevel {
  let best = levels[0]!
  // (a hair of tolerance: 512 / 256 must pick the level of scale 2 whatever the float rounding of sigma)
  for (const level of levels) if (level.scale <= sourcePxPerOutputPx * (1 + 1e-6)) best = level
  return best
}
