import type { FaceAnalysis } from '@shared/face/face-analysis'
import type { DecodedImage } from '../image/decode-image'
import { analyzeImage, type AnalyzeImageOptions } from './analyze-image'

/** An 8-bit RGBA picture (a render), row-major. */
export interface RgbaPicture {
  readonly rgba: Uint8Array
  readonly width: number
  readonly height: number
}

/** A render as the analysis's input image: RGB, its own size, not downscaled (alpha dropped). */
export function analysisImageOf(picture: RgbaPicture): DecodedImage {
  const { rgba, width, height } = picture
  const data = new Uint8Array(width * height * 3)
  for (let p = 0, q = 0; p < data.length; p += 3, q += 4) {
    data[p] = rgba[q]!
    data[p + 1] = rgba[q + 1]!
    data[p + 2] = rgba[q + 2]!
  }
  return { data, width, height, originalWidth: width, originalHeight: height, scale: 1 }
}

/**
 * The largest face of a render, read by the same analysis as photos and driving clips (the closed loop
 * of calibration and the benchmarks); null when no face is found there.
 */
export async function analyzeRenderedFrame(
  picture: RgbaPicture,
  options: AnalyzeImageOptions = {}
): Promise<FaceAnalysis | null> {
  const faces = await analyzeImage(analysisImageOf(picture), { ...options, maxFaces: 1 }).catch(() => [])
  return faces[0] ?? null
}
