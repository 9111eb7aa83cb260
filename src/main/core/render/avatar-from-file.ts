import { join } from 'node:path'
import sharp from 'sharp'
import { faceBoxOfLandmarks, frameOnHead, type ViewFraming } from '@shared/engine/frame-on-head'
import type { FaceAnalysis } from '@shared/face/face-analysis'
import { analyzeImage } from '../analysis/analyze-image'
import { MimesisError } from '@shared/errors/mimesis-error'
import { createAvatar, type Avatar, type Engine } from '../engine/engine'
import { decodeImage, type DecodedImage, type RgbImage } from '../image/decode-image'

export interface AvatarFromFileOptions {
  engine: Engine
  resourcesDir: string
  /** Longest side of the avatar's working image, px; larger pictures are scaled down to it. */
  maxSide: number
  /** Which face, largest first (the order analysis reports them in). */
  faceIndex?: number
}

/** An avatar and the analysed face it was built from (landmarks in the avatar's own px). */
export interface AvatarWithFace {
  readonly avatar: Avatar
  readonly face: FaceAnalysis
}

/**
 * Decodes a portrait at the working size, finds its faces there (so landmarks are in the working
 * image's pixels) and builds the avatar of the chosen face. The studio, the exporter and the CLI all
 * build avatars this way.
 */
export async function avatarFromFile(imagePath: string, options: AvatarFromFileOptions): Promise<Avatar> {
  return (await avatarWithFaceFromFile(imagePath, options)).avatar
}

/** A portrait decoded at the working size and the chosen face analysed there (landmarks in `picture`'s px). */
export interface AnalysedPortrait {
  readonly picture: RgbImage
  readonly face: FaceAnalysis
}

/**
 * Decodes a portrait at the working size and finds the chosen face there: what an avatar is built from, and what
 * the animated 3D face (.glb) is made of without building one.
 */
export async function analysedFaceFromFile(
  imagePath: string,
  options: Omit<AvatarFromFileOptions, 'engine'>
): Promise<AnalysedPortrait> {
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
        : `Face ${faceIndex + 1} was not found in this portrait: it has ${faces.length} face${faces.length === 1 ? '' : 's'}. ` +
            `Choose face 1 (the largest)${faces.length > 1 ? ` to ${faces.length}` : ''}.`
    )
  }
  return { picture: { data: working.data, width: working.width, height: working.height }, face }
}

/** `avatarFromFile`, also returning the face it was built from (for `headFramingFor`). */
export async function avatarWithFaceFromFile(
  imagePath: string,
  options: AvatarFromFileOptions
): Promise<AvatarWithFace> {
  const { picture, face } = await analysedFaceFromFile(imagePath, options)
  const avatar = await createAvatar(picture, face, options.engine)
  return { avatar, face }
}

/**
 * The camera framing (the base view a user's camera composes on, `composeCamera`) that shows this avatar's
 * head in a `width`×`height` output: `frameOnHead` on the face-mesh landmarks' box. The source framing
 * when the output has the portrait's aspect.
 */
export function headFramingFor(
  built: AvatarWithFace,
  output: { readonly width: number; readonly height: number }
): ViewFraming {
  return frameOnHead({
    portrait: { width: built.avatar.width, height: built.avatar.height },
    face: faceBoxOfLandmarks(built.face.landmarks),
    output
  })
}

/**
 * The avatar size (longest side of its working image) that serves an output of `width`×`height`: the preview
 * size, up to 1024 px. The renderer shows the largest window of the output's aspect that fits in the portrait
 * (zoom 1, `frameOnHead`), so when `portrait` (its size, or any size of its shape) has another aspect than the
 * output, the avatar is made large enough that this window has the output's resolution: a 512 px square of a
 * 9:16 portrait needs a 911 px avatar, not a 512 px one whose 288 px window would be blown up. Without
 * `portrait`, or for the portrait's own aspect, that is the output's longest side. Decoding never enlarges a
 * portrait, so a small one stays at its own size.
 */
export function avatarSideFor(
  width: number,
  height: number,
  previewSide: number,
  portrait?: { readonly width: number; readonly height: number }
): number {
  let needed = Math.max(width, height)
  if (portrait) {
    const windowWidth = Math.min(portrait.width, (portrait.height * width) / height)
    needed = Math.ceil(Math.max(portrait.width, portrait.height) * (width / windowWidth) - 1e-9)
  }
  return Math.min(1024, Math.max(previewSide, needed))
}

/** A portrait file's size as decoded (EXIF orientation applied), px; null when it cannot be read. */
export async function readPortraitSize(path: string): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(path).metadata()
    if (meta.width == null || meta.height == null) return null
    // EXIF orientations 5..8 swap width and height (as decodeImage applies them).
    const swap = (meta.orientation ?? 1) >= 5
    return swap ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height }
  } catch {
    return null
  }
}
