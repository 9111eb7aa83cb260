import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { resolveResourcesDir } from '../../app/resolve-resources-dir'
import { Tensor } from 'onnxruntime-node'
import { inferenceSessions } from '../../inference/inference-session-cache'
import sharp from 'sharp'

/** resources/models/selfie_segmentation.onnx, converted at build time from @mediapipe/selfie_segmentation. */
export const DEFAULT_SEGMENTATION_MODEL = join(resolveResourcesDir(), 'models', 'selfie_segmentation.onnx')

/**
 * Person probability per source pixel (0..1, row-major h x w), from MediaPipe's selfie segmentation model
 * (input 256 x 256 RGB in 0..1). Returns null when the model file is not there.
 */
export async function segmentPerson(
  rgb: Uint8Array,
  width: number,
  height: number,
  modelPath = DEFAULT_SEGMENTATION_MODEL
): Promise<Float32Array | null> {
  if (!existsSync(modelPath)) return null
  // onnxruntime's default thread count, as the avatars were built with; idle threads do not spin.
  const { session } = await inferenceSessions.get(`segmentation:${modelPath}`, modelPath)
  const small = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .resize(256, 256, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer()
  const input = new Float32Array(256 * 256 * 3)
  for (let i = 0; i < input.length; i++) input[i] = small[i]! / 255
  const inputName = session.inputNames[0]!
  const outputName = session.outputNames[0]!
  const result = await session.run({ [inputName]: new Tensor('float32', input, [1, 256, 256, 3]) })
  const mask = result[outputName]!.data as Float32Array
  // Bilinear upsampling to the source size, pixel centres aligned.
  const out = new Float32Array(width * height)
  for (let y = 0; y < height; y++) {
    const fy = Math.min(255, Math.max(0, ((y + 0.5) * 256) / height - 0.5))
    const y0 = Math.floor(fy)
    const y1 = Math.min(255, y0 + 1)
    const ty = fy - y0
    for (let x = 0; x < width; x++) {
      const fx = Math.min(255, Math.max(0, ((x + 0.5) * 256) / width - 0.5))
      const x0 = Math.floor(fx)
      const x1 = Math.min(255, x0 + 1)
      const tx = fx - x0
      out[y * width + x] =
        (1 - ty) * ((1 - tx) * mask[y0 * 256 + x0]! + tx * mask[y0 * 256 + x1]!) +
        ty * ((1 - tx) * mask[y1 * 256 + x0]! + tx * mask[y1 * 256 + x1]!)
    }
  }
  return out
}

export const segmentationModelPathFor = (resourcesDir: string): string =>
  join(resourcesDir, 'models/selfie_segmentation.onnx')
