/** Helpers for the face-model integration tests: image decoding, anchors, detection decoding. */
import sharp from 'sharp'

/** RGB pixels of a region of an image, resized to size x size, as NHWC float32 mapped by `map`. */
export async function imageTensor(
  path: string,
  size: number,
  map: (v: number) => number,
  region?: { left: number; top: number; width: number; height: number }
): Promise<Float32Array> {
  let img = sharp(path).removeAlpha()
  if (region) img = img.extract(region)
  const { data } = await img
    .resize(size, size, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const out = new Float32Array(size * size * 3)
  for (let i = 0; i < out.length; i++) out[i] = map(data[i] as number)
  return out
}

export interface Anchor {
  x: number
  y: number
}

/** SSD anchors of BlazeFace short range: strides 8,16,16,16 on 128x128, 2 anchors per cell at stride 8, 6 at 16. */
export function blazeFaceAnchors(): Anchor[] {
  const anchors: Anchor[] = []
  const layers: [number, number][] = [
    [16, 2],
    [8, 6]
  ]
  for (const [grid, perCell] of layers) {
    for (let y = 0; y < grid; y++) {
      for (let x = 0; x < grid; x++) {
        for (let k = 0; k < perCell; k++) anchors.push({ x: (x + 0.5) / grid, y: (y + 0.5) / grid })
      }
    }
  }
  return anchors
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

export interface Detection {
  score: number
  /** Box centre and size, normalized to the detector input. */
  cx: number
  cy: number
  w: number
  h: number
  /** 6 keypoints (right eye, left eye, nose, mouth, right ear, left ear), normalized. */
  keypoints: { x: number; y: number }[]
}

export function bestDetection(regressors: Float32Array, classificators: Float32Array): Detection {
  const anchors = blazeFaceAnchors()
  let best = 0
  for (let i = 1; i < anchors.length; i++)
    if ((classificators[i] as number) > (classificators[best] as number)) best = i
  const a = anchors[best] as Anchor
  const r = regressors.subarray(best * 16, best * 16 + 16)
  const keypoints: { x: number; y: number }[] = []
  for (let k = 0; k < 6; k++) {
    keypoints.push({ x: a.x + (r[4 + 2 * k] as number) / 128, y: a.y + (r[5 + 2 * k] as number) / 128 })
  }
  return {
    score: sigmoid(classificators[best] as number),
    cx: a.x + (r[0] as number) / 128,
    cy: a.y + (r[1] as number) / 128,
    w: (r[2] as number) / 128,
    h: (r[3] as number) / 128,
    keypoints
  }
}
