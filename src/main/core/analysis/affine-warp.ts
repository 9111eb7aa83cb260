import type { RgbImage } from '../image/decode-image'
import type { Affine2x3 } from './align-face-crop'

export interface WarpToTensorOptions {
  readonly outWidth: number
  readonly outHeight: number
  /** Output value = byte * valueScale + valueOffset (e.g. 2/255, -1 for [-1, 1]). */
  readonly valueScale: number
  readonly valueOffset: number
  /** 'zero': samples outside the image read byte 0 (black); 'replicate': clamp to the edge pixel. */
  readonly border: 'zero' | 'replicate'
  /** Reused output buffer of outWidth * outHeight * 3 floats. */
  readonly out?: Float32Array
}

/**
 * Bilinear affine warp into an NHWC float tensor. `cropToImage` maps continuous crop coordinates to
 * continuous image coordinates (both with pixel centres at i + 0.5).
 */
export function warpAffineToTensor(
  image: RgbImage,
  cropToImage: Affine2x3,
  options: WarpToTensorOptions
): Float32Array {
  const { outWidth, outHeight, valueScale, valueOffset } = options
  const out = options.out ?? new Float32Array(outWidth * outHeight * 3)
  if (out.length !== outWidth * outHeight * 3)
    throw new Error('warpAffineToTensor: output buffer has the wrong size')
  const { data, width, height } = image
  const [a, b, c, d, e, f] = cropToImage
  const replicate = options.border === 'replicate'
  const maxX = width - 1
  const maxY = height - 1
  const stride = width * 3
  let o = 0
  for (let v = 0; v < outHeight; v++) {
    // Source index coordinates (pixel centres at integers) of the first output pixel centre of the row.
    let x = a * 0.5 + b * (v + 0.5) + c - 0.5
    let y = d * 0.5 + e * (v + 0.5) + f - 0.5
    for (let u = 0; u < outWidth; u++, x += a, y += d, o += 3) {
      const x0 = Math.floor(x)
      const y0 = Math.floor(y)
      const fx = x - x0
      const fy = y - y0
      if (x0 >= 0 && y0 >= 0 && x0 < maxX && y0 < maxY) {
        const p = y0 * stride + x0 * 3
        const q = p + stride
        const w00 = (1 - fx) * (1 - fy)
        const w01 = fx * (1 - fy)
        const w10 = (1 - fx) * fy
        const w11 = fx * fy
        out[o] =
          (data[p] * w00 + data[p + 3] * w01 + data[q] * w10 + data[q + 3] * w11) * valueScale + valueOffset
        out[o + 1] =
          (data[p + 1] * w00 + data[p + 4] * w01 + data[q + 1] * w10 + data[q + 4] * w11) * valueScale +
          valueOffset
        out[o + 2] =
          (data[p + 2] * w00 + data[p + 5] * w01 + data[q + 2] * w10 + data[q + 5] * w11) * valueScale +
          valueOffset
        continue
      }
      for (let ch = 0; ch < 3; ch++) {
        const s00 = sample(x0, y0, ch)
        const s01 = sample(x0 + 1, y0, ch)
        const s10 = sample(x0, y0 + 1, ch)
        const s11 = sample(x0 + 1, y0 + 1, ch)
        const value = (s00 * (1 - fx) + s01 * fx) * (1 - fy) + (s10 * (1 - fx) + s11 * fx) * fy
        out[o + ch] = value * valueScale + valueOffset
      }
    }
  }
  return out

  function sample(px: number, py: number, ch: number): number {
    if (replicate) {
      const cx = px < 0 ? 0 : px > maxX ? maxX : px
      const cy = py < 0 ? 0 : py > maxY ? maxY : py
      return data[cy * stride + cx * 3 + ch]
    }
    if (px < 0 || py < 0 || px > maxX || py > maxY) return 0
    return data[py * stride + px * 3 + ch]
  }
}
