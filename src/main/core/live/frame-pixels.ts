import type { RgbImage } from '../image/decode-image'

/**
 * An RGBA camera frame as the RGB image the analysis reads, written into `into` when it is large enough
 * (one buffer reused from frame to frame, so a long take allocates nothing per frame here).
 */
export function rgbaToRgb(
  rgba: Uint8Array,
  width: number,
  height: number,
  into?: Uint8Array
): RgbImage & { data: Uint8Array } {
  const n = width * height
  const data = into != null && into.length >= n * 3 ? into.subarray(0, n * 3) : new Uint8Array(n * 3)
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    data[j] = rgba[4 * i]!
    data[j + 1] = rgba[4 * i + 1]!
    data[j + 2] = rgba[4 * i + 2]!
  }
  return { data, width, height }
}

/** Mean luma below this (0..255, BT.601) is too dark for the landmark model to read a face reliably. */
export const DARK_LUMA = 40

/** Mean BT.601 luma of an RGBA frame (0..255), read on every 4th pixel of every 4th row. */
export function meanLuma(rgba: Uint8Array, width: number, height: number): number {
  let sum = 0
  let count = 0
  for (let y = 0; y < height; y += 4) {
    for (let x = 0; x < width; x += 4) {
      const i = 4 * (y * width + x)
      sum += 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!
      count++
    }
  }
  return count > 0 ? sum / count : 0
}
