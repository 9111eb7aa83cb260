import { stat } from 'node:fs/promises'
import sharp from 'sharp'
import {
  ImageFileNotFoundError,
  ImageTooLargeError,
  ImageTooSmallError,
  UnsupportedImageError
} from './image-errors'

/** An 8-bit RGB image, row-major, 3 bytes per pixel, no padding. */
export interface RgbImage {
  readonly data: Uint8Array
  readonly width: number
  readonly height: number
}

/** A decoded image ready for analysis, possibly downscaled from the EXIF-oriented original. */
export interface DecodedImage extends RgbImage {
  /** Size of the EXIF-oriented original, px. */
  readonly originalWidth: number
  readonly originalHeight: number
  /** Analysis px per original px (1 when not downscaled, < 1 when downscaled). */
  readonly scale: number
}

export interface DecodeImageOptions {
  /** Longest side of the analysis image, px; larger images are downscaled (default 2048). */
  readonly maxSide?: number
  /** Shorter side below which the image is rejected, px (default 96). */
  readonly minSide?: number
  /** Hard cap on decoded pixels (width * height) before sharp refuses the file (default 400 Mpx). */
  readonly maxInputPixels?: number
}

export const DEFAULT_ANALYSIS_MAX_SIDE = 2048
export const DEFAULT_MIN_IMAGE_SIDE = 96
/** 400 Mpx: above sharp's 268 Mpx default so 16k x 16k scans open, still bounded against decompression bombs. */
export const DEFAULT_MAX_INPUT_PIXELS = 400_000_000

/**
 * Decodes a file path or an encoded buffer to 8-bit sRGB: EXIF orientation applied, alpha flattened
 * onto mid grey, grayscale / CMYK / 16-bit converted, downscaled so the longest side is at most `maxSide`.
 */
export async function decodeImage(
  pathOrBuffer: string | Uint8Array,
  options: DecodeImageOptions = {}
): Promise<DecodedImage> {
  const maxSide = options.maxSide ?? DEFAULT_ANALYSIS_MAX_SIDE
  const minSide = options.minSide ?? DEFAULT_MIN_IMAGE_SIDE
  const source =
    typeof pathOrBuffer === 'string' ? pathOrBuffer : `<buffer of ${pathOrBuffer.byteLength} bytes>`
  if (typeof pathOrBuffer === 'string') {
    const info = await stat(pathOrBuffer).catch(() => null)
    if (info == null) throw new ImageFileNotFoundError(pathOrBuffer)
    if (!info.isFile()) {
      throw new ImageFileNotFoundError(pathOrBuffer, info.isDirectory() ? 'a folder' : 'not a regular file')
    }
    if (info.size === 0) throw new UnsupportedImageError(pathOrBuffer, 'the file is empty, 0 bytes')
  }
  const input = typeof pathOrBuffer === 'string' ? pathOrBuffer : Buffer.from(pathOrBuffer)
  const maxPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS
  const sharpOptions = { limitInputPixels: maxPixels, failOn: 'error' as const }

  let originalWidth: number
  let originalHeight: number
  try {
    const meta = await sharp(input, sharpOptions).metadata()
    if (meta.width == null || meta.height == null) throw new Error('no dimensions')
    // EXIF orientations 5..8 swap width and height.
    const swap = (meta.orientation ?? 1) >= 5
    originalWidth = swap ? meta.height : meta.width
    originalHeight = swap ? meta.width : meta.height
  } catch (error) {
    throw (
      (await tooLargeError(input, source, maxPixels)) ??
      new UnsupportedImageError(source, errorMessage(error), error)
    )
  }
  if (Math.min(originalWidth, originalHeight) < minSide) {
    throw new ImageTooSmallError(source, originalWidth, originalHeight, minSide)
  }

  const longest = Math.max(originalWidth, originalHeight)
  const scale = longest > maxSide ? maxSide / longest : 1
  const width = Math.max(1, Math.round(originalWidth * scale))
  const height = Math.max(1, Math.round(originalHeight * scale))
  try {
    let pipeline = sharp(input, sharpOptions)
      .rotate()
      .flatten({ background: { r: 128, g: 128, b: 128 } })
      .toColourspace('srgb')
    if (scale !== 1) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
    if (info.channels !== 3 || info.width !== width || info.height !== height) {
      throw new Error(`unexpected decoded layout ${info.width}x${info.height}x${info.channels}`)
    }
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width,
      height,
      originalWidth,
      originalHeight,
      scale: width / originalWidth
    }
  } catch (error) {
    throw new UnsupportedImageError(source, errorMessage(error), error)
  }
}

/** An `ImageTooLargeError` when the header (read without the pixel limit) declares more than `maxPixels`. */
async function tooLargeError(
  input: string | Buffer,
  source: string,
  maxPixels: number
): Promise<ImageTooLargeError | null> {
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => null)
  if (meta?.width == null || meta.height == null || meta.width * meta.height <= maxPixels) return null
  return new ImageTooLargeError(source, meta.width, meta.height, maxPixels)
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
