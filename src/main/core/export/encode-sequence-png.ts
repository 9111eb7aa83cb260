import sharp from 'sharp'
import type { PngBitDepth } from '@shared/export/output-formats'

// zlib level 6 (sharp's default): at 512² a 16-bit RGBA frame takes about 6 ms, level 1 saves little (5 ms) for
// larger files; measured in bench:export.

/**
 * An RGBA frame (8-bit, as the renderer gives it) as a PNG with alpha, 8 or 16 bits a sample. At 16 bits each
 * sample is v × 257, so 255 is 65535: the renderer's 8-bit output, written as compositors take it in.
 */
export async function encodeRgbaPng(
  rgba: Uint8Array,
  width: number,
  height: number,
  bitDepth: PngBitDepth
): Promise<Buffer> {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(
      `encodeRgbaPng: ${width}x${height} RGBA needs ${width * height * 4} bytes, got ${rgba.length}`
    )
  }
  if (bitDepth === 8)
    return sharp(rgba, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer()
  const wide = new Uint16Array(rgba.length)
  for (let i = 0; i < rgba.length; i++) wide[i] = rgba[i]! * 257
  // sharp takes a Uint16Array as 16-bit samples; rgb16 keeps them 16-bit in the PNG.
  return sharp(wide, { raw: { width, height, channels: 4 } })
    .toColourspace('rgb16')
    .png()
    .toBuffer()
}

/** 16-bit levels (one per pixel) as a 16-bit greyscale PNG. */
export async function encodeGrey16Png(levels: Uint16Array, width: number, height: number): Promise<Buffer> {
  if (levels.length !== width * height) {
    throw new RangeError(
      `encodeGrey16Png: ${width}x${height} needs ${width * height} levels, got ${levels.length}`
    )
  }
  return sharp(levels, { raw: { width, height, channels: 1 } })
    .toColourspace('grey16')
    .png()
    .toBuffer()
}
