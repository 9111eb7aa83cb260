import { basename } from 'node:path'
import type { LoadedPortrait } from '@shared/ipc/contract'
import { decodeImage } from '../image/decode-image'

/** Longest side of the viewport's preview of a portrait, px. */
export const PORTRAIT_PREVIEW_MAX_SIDE = 1024

/** Decodes a portrait for the viewport: EXIF-oriented, alpha flattened, at most 1024 px on its longest side. */
export async function loadPortraitPreview(path: string): Promise<LoadedPortrait> {
  const image = await decodeImage(path, { maxSide: PORTRAIT_PREVIEW_MAX_SIDE })
  const pixels = image.width * image.height
  const rgba = new Uint8Array(pixels * 4)
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    rgba[i * 4] = image.data[j]!
    rgba[i * 4 + 1] = image.data[j + 1]!
    rgba[i * 4 + 2] = image.data[j + 2]!
    rgba[i * 4 + 3] = 255
  }
  return {
    name: basename(path),
    width: image.originalWidth,
    height: image.originalHeight,
    preview: { width: image.width, height: image.height, rgba }
  }
}
