import { join } from 'node:path'
import { analyzeImage } from '../analysis/analyze-image'
import { MimesisError } from '../app/mimesis-error'
import { createAvatar, type Avatar, type Engine } from '../engine/engine'
import { decodeImage, type DecodedImage } from '../image/decode-image'

export interface AvatarFromFileOptions {
  engine: Engine
  resourcesDir: string
  /** Longest side of the avatar's working image, px; larger pictures are scaled down to it. */
  maxSide: number
  /** Which face, largest first (the order analysis reports them in). */
  faceIndex?: number
}

/**
 * Decodes a portrait at the working size, finds its faces there (so landmarks are in the working
 * image's pixels) and builds the avatar of the chosen face. The studio, the exporter and the CLI all
 * build avatars this way.
 */
export async function avatarFromFile(imagePath: string, options: AvatarFromFileOptions): Promise<Avatar> {
  const faceIndex = options.faceIndex ?? 0
  const decoded = await decodeImage(imagePath, { maxSide: options.maxSide })
  const working: DecodedImage = {
    ...decoded,
    originalWidth: decoded.width,
    originalHeight: decoded.height,
    scale: 1
  }
  const faces = await analyzeImage(working, { modelsDir: join(options.resourcesDir, 'models') })
  const face = faces[faceIndex]
  if (!face) {
    throw new MimesisError(
      'face-not-found',
      faces.length === 0
        ? 'No face was found in this portrait at the working size.'
        : `Face ${faceIndex + 1} was not found in this portrait: it has ${faces.length} face${faces.length === 1 ? '' : 's'}.`
    )
  }
  return createAvatar(
    { data: working.data, width: working.width, height: working.height },
    face,
    options.engine
  )
}

/** The avatar size that serves an output of `width`×`height`: the preview size, up to 1024 px for large exports. */
export function avatarSideFor(width: number, height: number, previewSide: number): number {
  return Math.min(1024, Math.max(previewSide, width, height))
}
