// Face-identity embeddings for the engine bench only: the face-recognition network of @vladmandic/face-api
// (MIT; a ResNet-34 in the style of dlib's, 128-D descriptors, trained for identity), which shares nothing with
// the analysis models (MediaPipe face detector and mesh). Run on TensorFlow.js's pure-JS CPU backend inside a
// vm context: the package's browser bundle needs no native binary, and in a context without `process` it does
// not pick its Node platform (which expects the `util` module the bundle stubs out). About 0.8 s per face.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import vm from 'node:vm'

/** The 150 x 150 aligned crop the network takes. */
const CHIP = 150

interface TfTensor {
  dispose(): void
}
interface TfLike {
  setPlatform(name: string, platform: Record<string, unknown>): void
  setBackend(name: string): Promise<boolean>
  ready(): Promise<void>
  tensor3d(values: Float32Array, shape: [number, number, number], dtype: 'float32'): TfTensor
  io: { decodeWeights(buffer: ArrayBuffer, specs: unknown[]): Record<string, unknown> }
}
interface RecognitionNet {
  loadFromWeightMap(map: Record<string, unknown>): void
  computeFaceDescriptor(input: TfTensor): Promise<Float32Array>
}
interface FaceApiLike {
  tf: TfLike
  env: { setEnv(env: Record<string, unknown>): void }
  FaceRecognitionNet: new () => RecognitionNet
}

export interface FaceEmbedder {
  /**
   * 128-D unit descriptor of the face in an 8-bit RGB(A) image, cropped and levelled from its landmarks
   * (image px, 468 x 3): a square around the landmarks' box, rotated so that the eyes are level.
   */
  embed(
    pixels: Uint8Array,
    width: number,
    height: number,
    channels: 3 | 4,
    landmarks: ArrayLike<number>
  ): Promise<Float32Array>
}

export async function createFaceEmbedder(): Promise<FaceEmbedder> {
  const require = createRequire(import.meta.url)
  const root = dirname(require.resolve('@vladmandic/face-api/package.json'))
  const code = readFileSync(join(root, 'dist', 'face-api.js'), 'utf8')
  const context: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    TextEncoder,
    TextDecoder,
    performance
  }
  context.self = context
  context.globalThis = context
  vm.createContext(context)
  vm.runInContext(code, context)
  const faceapi = context.faceapi as FaceApiLike
  const tf = faceapi.tf
  tf.setPlatform('mimesis-bench', {
    fetch: () => {
      throw new Error('no fetch in the bench')
    },
    now: () => performance.now(),
    encode: (s: string) => new TextEncoder().encode(s),
    decode: (b: Uint8Array, e: string) => new TextDecoder(e).decode(b),
    isTypedArray: (a: unknown) => ArrayBuffer.isView(a) && !(a instanceof DataView),
    setTimeoutCustom: (f: () => void, t: number) => setTimeout(f, t)
  })
  class Unused {}
  const unavailable = (): never => {
    throw new Error('tensor inputs only')
  }
  faceapi.env.setEnv({
    Canvas: Unused,
    CanvasRenderingContext2D: Unused,
    Image: Unused,
    ImageData: Unused,
    Video: Unused,
    createCanvasElement: unavailable,
    createImageElement: unavailable,
    fetch: unavailable,
    readFile: unavailable
  })
  await tf.setBackend('cpu')
  await tf.ready()
  const manifest = JSON.parse(
    readFileSync(join(root, 'model', 'face_recognition_model-weights_manifest.json'), 'utf8')
  ) as { weights: unknown[] }[]
  const bin = readFileSync(join(root, 'model', 'face_recognition_model.bin'))
  const weights = tf.io.decodeWeights(
    bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    manifest.flatMap((group) => group.weights)
  )
  const net = new faceapi.FaceRecognitionNet()
  net.loadFromWeightMap(weights)

  return {
    async embed(pixels, width, height, channels, landmarks) {
      const chip = alignedChip(pixels, width, height, channels, landmarks)
      const input = tf.tensor3d(chip, [CHIP, CHIP, 3], 'float32')
      try {
        const d = await net.computeFaceDescriptor(input)
        const norm = Math.hypot(...d) || 1
        return Float32Array.from(d, (x) => x / norm)
      } finally {
        input.dispose()
      }
    }
  }
}

/** Cosine similarity of two descriptors. */
export function embeddingCosine(a: Float32Array, b: Float32Array): number {
  let ab = 0
  let aa = 0
  let bb = 0
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!
    aa += a[i]! ** 2
    bb += b[i]! ** 2
  }
  return ab / Math.sqrt(aa * bb || 1)
}

// Eye corners of the 468-point mesh (subject's right: 33 outer, 133 inner; left: 263 outer, 362 inner).
const EYE_R = [33, 133] as const
const EYE_L = [263, 362] as const

/** Bilinear crop, 0..255 RGB, rows of CHIP px: the landmark box made square and 1.15 x wider, eyes level. */
export function alignedChip(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  lm: ArrayLike<number>
): Float32Array {
  const mid = (ids: readonly number[], k: number): number =>
    ids.reduce((s, i) => s + lm[3 * i + k]!, 0) / ids.length
  const angle = Math.atan2(mid(EYE_L, 1) - mid(EYE_R, 1), mid(EYE_L, 0) - mid(EYE_R, 0))
  const [c, s] = [Math.cos(angle), Math.sin(angle)]
  // The box of the landmarks in the levelled frame (about the first landmark).
  let u0 = Infinity
  let u1 = -Infinity
  let v0 = Infinity
  let v1 = -Infinity
  for (let i = 0; i < lm.length / 3; i++) {
    const x = lm[3 * i]!
    const y = lm[3 * i + 1]!
    const u = c * x + s * y
    const v = -s * x + c * y
    u0 = Math.min(u0, u)
    u1 = Math.max(u1, u)
    v0 = Math.min(v0, v)
    v1 = Math.max(v1, v)
  }
  const side = 1.15 * Math.max(u1 - u0, v1 - v0)
  const [uc, vc] = [(u0 + u1) / 2, (v0 + v1) / 2]
  const out = new Float32Array(CHIP * CHIP * 3)
  const sample = (x: number, y: number, ch: number): number => {
    const fx = Math.max(0, Math.min(width - 1, x - 0.5))
    const fy = Math.max(0, Math.min(height - 1, y - 0.5))
    const x0 = Math.floor(fx)
    const y0 = Math.floor(fy)
    const x1 = Math.min(width - 1, x0 + 1)
    const y1 = Math.min(height - 1, y0 + 1)
    const ax = fx - x0
    const ay = fy - y0
    const p = (xx: number, yy: number): number => pixels[(yy * width + xx) * channels + ch]!
    return (1 - ay) * ((1 - ax) * p(x0, y0) + ax * p(x1, y0)) + ay * ((1 - ax) * p(x0, y1) + ax * p(x1, y1))
  }
  for (let j = 0; j < CHIP; j++) {
    for (let i = 0; i < CHIP; i++) {
      const u = uc + ((i + 0.5) / CHIP - 0.5) * side
      const v = vc + ((j + 0.5) / CHIP - 0.5) * side
      const x = c * u - s * v
      const y = s * u + c * v
      for (let ch = 0; ch < 3; ch++) out[(j * CHIP + i) * 3 + ch] = sample(x, y, ch)
    }
  }
  return out
}
