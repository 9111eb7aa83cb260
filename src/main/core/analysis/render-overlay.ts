import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import type { FaceAnalysis } from '@shared/face/face-analysis'
import type { DecodedImage } from '../image/decode-image'
import { loadCanonicalFaceMesh } from './canonical-face-mesh'
import { defaultModelsDir } from './load-face-models'

export interface RenderOverlayOptions {
  /** Mesh triangles (898 x 3 indices); default: read from canonical_face_mesh.json in `modelsDir`. */
  readonly triangles?: Uint16Array
  readonly modelsDir?: string
}

/**
 * Draws the face mesh, detector boxes and keypoints over the image and returns a PNG. `faces` are in px
 * of the EXIF-oriented original (as analyzeImage returns them); a DecodedImage input is drawn at its
 * analysis size with the coordinates scaled to it.
 */
export async function renderOverlay(
  image: string | Uint8Array | DecodedImage,
  faces: readonly FaceAnalysis[],
  options: RenderOverlayOptions = {}
): Promise<Buffer> {
  const triangles =
    options.triangles ??
    (await loadCanonicalFaceMesh(join(options.modelsDir ?? defaultModelsDir(), 'canonical_face_mesh.json')))
      .triangles
  let base: Sharp
  let k = 1
  if (typeof image === 'string' || image instanceof Uint8Array) {
    const input = typeof image === 'string' ? image : Buffer.from(image)
    const oriented = await sharp(input).rotate().png().toBuffer()
    base = sharp(oriented)
  } else {
    base = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
      raw: { width: image.width, height: image.height, channels: 3 }
    })
    k = image.scale
  }
  const { width, height } = await base.clone().metadata()
  if (width == null || height == null) throw new Error('renderOverlay: image has no size')
  const svg = overlaySvg(width, height, faces, triangles, k)
  return base
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }])
    .png()
    .toBuffer()
}

/** The overlay as an SVG document of `width` x `height` px; coordinates are multiplied by `k`. */
export function overlaySvg(
  width: number,
  height: number,
  faces: readonly FaceAnalysis[],
  triangles: Uint16Array,
  k = 1
): string {
  const f = (v: number): string => (v * k).toFixed(1)
  const line = Math.max(1, Math.min(width, height) / 800)
  const parts: string[] = []
  for (const face of faces) {
    const p = face.landmarks
    let d = ''
    for (let t = 0; t < triangles.length; t += 3) {
      const [a, b, c] = [triangles[t] * 3, triangles[t + 1] * 3, triangles[t + 2] * 3]
      d += `M${f(p[a])} ${f(p[a + 1])}L${f(p[b])} ${f(p[b + 1])}L${f(p[c])} ${f(p[c + 1])}Z`
    }
    parts.push(
      `<path d="${d}" fill="none" stroke="#3cf0c8" stroke-opacity="0.7" stroke-width="${line * 0.6}"/>`
    )
    const { x, y, width: w, height: h } = face.box
    parts.push(
      `<rect x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${f(h)}" fill="none" stroke="#ff5050" stroke-width="${line * 2}"/>`
    )
    for (const kp of face.keypoints) {
      parts.push(`<circle cx="${f(kp.x)}" cy="${f(kp.y)}" r="${line * 3}" fill="#ffd000"/>`)
    }
    const { yaw, pitch, roll } = face.pose
    parts.push(
      `<text x="${f(x)}" y="${Math.max(12 * line, y * k - 4 * line)}" font-family="sans-serif" font-size="${12 * line}" fill="#ff5050">` +
        `yaw ${yaw.toFixed(0)} pitch ${pitch.toFixed(0)} roll ${roll.toFixed(0)}</text>`
    )
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`
}
