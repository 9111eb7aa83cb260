import { setImmediate as nextTurn } from 'node:timers/promises'
import sharp from 'sharp'
import { allocateFaceAnimation, quaternionOfMatrix, sampleFaceAnimation } from '@shared/export/face-animation'
import { type FaceAnalysis } from '@shared/face/face-analysis'
import { type AnimationDocument } from '@shared/timeline'
import { HEAD_CENTRE } from '../engine/avatar/head-proxy'
import { personalGains, type Engine } from '../engine/engine'
import { type RgbImage } from '../image/decode-image'
import { type AtomicWriteFs } from '../project/write-file-atomic'
import { writeExportFile } from './atomic-write-error'
import { buildFaceGltf, writeFaceGlb } from './build-face-gltf'
import { checkOutputPath } from './check-output-path'
import { ExportCancelledError } from './export-cancelled-error'
import { buildFaceMesh, type FaceMesh } from './face-mesh'
import { paintTeeth } from './face-mouth'
import { progressReporter, type ExportProgress } from './progress-reporter'

/** The face the .glb is made of: the analysed picture, the face found in it and the engine whose directions move it. */
export interface FaceModelSource {
  /** The picture the face was analysed in (its landmarks are in its px). */
  readonly picture: RgbImage
  readonly face: FaceAnalysis
  readonly engine: Engine
}

export interface ExportFaceGlbOptions {
  readonly source: FaceModelSource
  readonly document: AnimationDocument
  /** Seconds on the document clock of frame 0; frame i is at startSec + i / fps (the file's time i / fps). */
  readonly startSec: number
  readonly fps: number
  readonly frameCount: number
  readonly outPath: string
  readonly signal?: AbortSignal
  /** Called at most every `progressIntervalMs` (default 100) with the frames sampled, and once when written. */
  readonly onProgress?: (progress: ExportProgress) => void
  readonly progressIntervalMs?: number
  /** Test seam: the rename of the finished temporary file. */
  readonly fs?: AtomicWriteFs
}

export interface FaceGlbResult {
  readonly outPath: string
  readonly frameCount: number
  /** Morph targets written: one per direction of the engine's pack. */
  readonly targets: number
  readonly bytes: number
  readonly elapsedMs: number
}

/**
 * Longest side (px) of the picture the face is analysed in for the 3D face: the texture is its face region, so this
 * sets the texture's resolution (a face filling a 1024 px portrait gets a texture of about 600 px).
 */
export const FACE_MESH_PICTURE_SIDE = 1024

/** Frames sampled between two looks at the cancel signal (and a turn of the event loop to let it arrive). */
const FRAMES_PER_SLICE = 500
/** The texture's JPEG quality: the photo, where PNG would make the file several times larger. */
const TEXTURE_QUALITY = 90

/**
 * The portrait's `mesh.textureBox` as a JPEG (or a PNG: `png`): for the skin as it is; for the eye sheets with the
 * painted eyeballs laid over it; for the teeth painted ivory outside the photo's mouth opening (`paintTeeth`).
 */
export async function encodeFaceTexture(
  picture: RgbImage,
  mesh: FaceMesh,
  layer: 'face' | 'eyes' | 'teeth',
  png = false
): Promise<Uint8Array> {
  const eyes = layer === 'eyes'
  const box = mesh.textureBox
  const rgb = Buffer.alloc(box.width * box.height * 3)
  for (let y = 0; y < box.height; y++) {
    const from = ((box.y + y) * picture.width + box.x) * 3
    rgb.set(picture.data.subarray(from, from + box.width * 3), y * box.width * 3)
  }
  for (const patch of eyes ? mesh.eyePatches : []) {
    const plane = patch.w * patch.h
    for (let y = 0; y < patch.h; y++) {
      for (let x = 0; x < patch.w; x++) {
        const [tx, ty] = [patch.x0 + x - box.x, patch.y0 + y - box.y]
        if (tx < 0 || ty < 0 || tx >= box.width || ty >= box.height) continue
        for (let c = 0; c < 3; c++) {
          const v = patch.rgb[c * plane + y * patch.w + x]!
          rgb[(ty * box.width + tx) * 3 + c] = Math.round(Math.min(1, Math.max(0, v)) * 255)
        }
      }
    }
  }
  if (layer === 'teeth') paintTeeth(rgb, box, mesh.mouthOpening)
  const image = sharp(rgb, { raw: { width: box.width, height: box.height, channels: 3 } })
  return png ? image.png().toBuffer() : image.jpeg({ quality: TEXTURE_QUALITY }).toBuffer()
}

/** The face mesh of `source` with one morph target per direction of its engine (`buildFaceMesh`). */
export function faceMeshOfSource(source: FaceModelSource): FaceMesh {
  const { engine, face, picture } = source
  return buildFaceMesh(
    face,
    { ...engine.basis, names: engine.directionNames, gains: personalGains(engine, face) },
    picture
  )
}

/** The head's rotation centre in the face frame, metres (the renderer's HEAD_CENTRE, cm). */
export const FACE_PIVOT: readonly [number, number, number] = [
  HEAD_CENTRE[0] / 100,
  HEAD_CENTRE[1] / 100,
  HEAD_CENTRE[2] / 100
]

/**
 * Writes the animated 3D face as a binary glTF (.glb, `build-face-gltf.ts`): the portrait's face mesh with the photo
 * as its texture, one morph target per direction of the engine's pack (its real displacement), and one animation
 * with the morph weights and the head rotation at `fps`, each frame through `evaluate(document, time)` as the
 * preview. The file is written under a temporary name beside `outPath` and renamed into place (`writeFileAtomic`);
 * a full disk is a `DiskFullError`, a folder that cannot be written an `OutputNotWritableError`, a cancel an
 * `ExportCancelledError`. Expression tracks the pack does not know have no displacement and are left out.
 */
export async function exportFaceGlb(options: ExportFaceGlbOptions): Promise<FaceGlbResult> {
  const started = performance.now()
  const { frameCount, fps, outPath, source } = options
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new RangeError(`frameCount must be a positive integer, got ${frameCount}`)
  }
  if (!Number.isFinite(fps) || fps <= 0) throw new RangeError(`fps must be above 0, got ${fps}`)
  const { bytesAvailable } = await checkOutputPath(outPath)
  const report = progressReporter(options, started)
  const cancelled = (): boolean => options.signal?.aborted === true
  const directions = source.engine.pack.manifest.expression.directions
  const animation = allocateFaceAnimation(directions.length, frameCount)
  const timeline = { startSec: options.startSec, fps, frameCount }
  for (let from = 0; from < frameCount; from += FRAMES_PER_SLICE) {
    if (from > 0) await nextTurn()
    if (cancelled()) throw new ExportCancelledError(outPath)
    report(from, false)
    const to = Math.min(frameCount, from + FRAMES_PER_SLICE)
    sampleFaceAnimation(options.document, directions, timeline, { from, to }, animation)
  }
  const { face, picture } = source
  const mesh = faceMeshOfSource(source)
  const doc = buildFaceGltf({
    mesh,
    texture: { data: await encodeFaceTexture(picture, mesh, 'face'), mimeType: 'image/jpeg' },
    eyeTexture: { data: await encodeFaceTexture(picture, mesh, 'eyes'), mimeType: 'image/jpeg' },
    teethTexture: { data: await encodeFaceTexture(picture, mesh, 'teeth'), mimeType: 'image/jpeg' },
    animation,
    fps,
    frameCount,
    pivot: FACE_PIVOT,
    portraitPose: quaternionOfMatrix(face.pose.matrix, 4, face.pose.scale),
    generator: 'mimesis studio'
  })
  const data = await writeFaceGlb(doc)
  if (cancelled()) throw new ExportCancelledError(outPath)
  await writeExportFile(outPath, data, 'the 3D face', bytesAvailable, options.fs)
  report(frameCount, true)
  return {
    outPath,
    frameCount,
    targets: mesh.targets.length,
    bytes: data.byteLength,
    elapsedMs: performance.now() - started
  }
}
