import { mkdir, readdir, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { allocateFaceAnimation, quaternionOfMatrix, sampleFaceAnimation } from '@shared/export/face-animation'
import { sequenceDigits } from '@shared/export/image-sequence-names'
import {
  isObjSequenceFileName,
  objFrameName,
  objMaterialLibraryName,
  objTextureName
} from '@shared/export/obj-sequence-names'
import { type AnimationDocument } from '@shared/timeline'
import { checkSequenceFolder, type SequenceFolderPlan } from './check-sequence-folder'
import { ExportCancelledError } from './export-cancelled-error'
import { ExportFailedError } from './export-failed-error'
import { encodeFaceTexture, FACE_PIVOT, faceMeshOfSource, type FaceModelSource } from './export-face-glb'
import { type FaceMesh } from './face-mesh'
import { formatFaceMtl, formatFaceObj } from './format-face-obj'
import { fsyncDirectory } from './fsync-path'
import { makePartialPath } from './make-partial-path'
import { moveFolderIntoPlace } from './move-folder-into-place'
import { poseFaceMesh } from './pose-face-mesh'
import { progressReporter, type ExportProgress } from './progress-reporter'
import { removeStalePartials } from './remove-stale-partials'
import { sequenceError } from './sequence-error'
import { writeFileSynced } from './write-file-synced'

export interface ExportFaceObjSequenceOptions {
  readonly source: FaceModelSource
  readonly document: AnimationDocument
  /** Seconds on the document clock of frame 0; frame i is at startSec + i / fps. */
  readonly startSec: number
  readonly fps: number
  readonly frameCount: number
  /** The sequence's folder: `<parent>/<stem>`, holding `<stem>_00001.obj`, …, `<stem>.mtl` and the textures. */
  readonly outDir: string
  /** Replace a folder that holds an earlier OBJ sequence (the user agreed); else that is an `OutputExistsError`. */
  readonly replace?: boolean
  /** What an `OutputExistsError` tells the user to do (the studio asks; the CLI has --overwrite). */
  readonly overwriteHint?: string
  readonly signal?: AbortSignal
  /** Called at most every `progressIntervalMs` (default 100) with the frames written, and once when done. */
  readonly onProgress?: (progress: ExportProgress) => void
  readonly progressIntervalMs?: number
}

export interface FaceObjSequenceResult {
  readonly outDir: string
  readonly frameCount: number
  /** Files written: one OBJ a frame, the MTL and the three textures. */
  readonly files: number
  /** Vertices in each frame's mesh. */
  readonly vertices: number
  readonly bytes: number
  readonly elapsedMs: number
}

/** The files an OBJ sequence writes (`checkSequenceFolder` replaces only a folder of these). */
export const OBJ_SEQUENCE_FILES = {
  isOwnFile: isObjSequenceFileName,
  kind: 'an OBJ sequence',
  files: 'OBJ, MTL and PNG'
} as const

/** Frames sampled between two looks at the cancel signal. */
const FRAMES_PER_SLICE = 250

/** What the sequence writes, decided before any frame. */
type ObjPlan = SequenceFolderPlan

async function planObjSequence(options: ExportFaceObjSequenceOptions): Promise<ObjPlan> {
  const { frameCount, fps, outDir } = options
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new RangeError(`frameCount must be a positive integer, got ${frameCount}`)
  }
  if (!Number.isFinite(fps) || fps <= 0) throw new RangeError(`fps must be above 0, got ${fps}`)
  const { existing, bytesAvailable } = await checkSequenceFolder(outDir, {
    replace: options.replace ?? false,
    overwriteHint: options.overwriteHint ?? 'Agree to replace it, or choose another name.',
    owns: OBJ_SEQUENCE_FILES
  })
  await removeStalePartials(outDir)
  if (options.signal?.aborted) throw new ExportCancelledError(outDir)
  const stem = basename(outDir)
  return {
    outDir,
    stem,
    digits: sequenceDigits(frameCount),
    partialDir: makePartialPath(outDir, ''),
    existing,
    bytesAvailable
  }
}

/** The MTL and the three textures every frame shares. */
async function writeSharedFiles(
  plan: ObjPlan,
  source: FaceModelSource,
  mesh: FaceMesh,
  comment: string
): Promise<number> {
  const layers = ['face', 'eyes', 'teeth'] as const
  const textures = {
    face: objTextureName(plan.stem, 'face'),
    eyes: objTextureName(plan.stem, 'eyes'),
    teeth: objTextureName(plan.stem, 'teeth')
  }
  const encoded = await Promise.all(
    layers.map((layer) => encodeFaceTexture(source.picture, mesh, layer, true))
  )
  let bytes = 0
  for (const [k, layer] of layers.entries()) {
    bytes += await writeFileSynced(join(plan.partialDir, textures[layer]), encoded[k]!)
  }
  bytes += await writeFileSynced(
    join(plan.partialDir, objMaterialLibraryName(plan.stem)),
    formatFaceMtl(textures, comment)
  )
  return bytes
}

/**
 * Writes the animated 3D face as an OBJ sequence, for tools without morph targets: the face mesh of the .glb
 * (`exportFaceGlb`, the same texture coordinates and triangles) deformed by each frame's morph weights and turned by
 * its head rotation, one OBJ a frame, sharing one MTL and the three PNG textures. Everything is written into a hidden
 * temporary folder beside `outDir`, each file flushed to disk, and the folder is renamed to `outDir` only when
 * complete: a cancelled or failed export leaves nothing under that name (an existing sequence it was to replace
 * stays as it was). A full disk is a `DiskFullError`; a folder that cannot be written an `OutputNotWritableError`;
 * one that already holds files, without `replace`, an `OutputExistsError`; a cancel an `ExportCancelledError`.
 */
export async function exportFaceObjSequence(
  options: ExportFaceObjSequenceOptions
): Promise<FaceObjSequenceResult> {
  const started = performance.now()
  const plan = await planObjSequence(options)
  const { source, frameCount, fps } = options
  const report = progressReporter(options, started)
  const cancelled = (): boolean => options.signal?.aborted === true
  let bytes = 0
  try {
    await mkdir(plan.partialDir)
    const mesh = faceMeshOfSource(source)
    const comment = `mimesis studio: the 3D face, metres, +Y up, facing +Z; ${frameCount} frames at ${fps} fps`
    bytes += await writeSharedFiles(plan, source, mesh, comment)
    const directions = source.engine.pack.manifest.expression.directions
    const k = directions.length
    const animation = allocateFaceAnimation(k, frameCount)
    const timeline = { startSec: options.startSec, fps, frameCount }
    const portraitPose = quaternionOfMatrix(source.face.pose.matrix, 4, source.face.pose.scale)
    const position = new Float32Array(mesh.position.length)
    const normal = new Float32Array(mesh.normal.length)
    const header = { materialLibrary: objMaterialLibraryName(plan.stem), comment }
    for (let from = 0; from < frameCount; from += FRAMES_PER_SLICE) {
      const to = Math.min(frameCount, from + FRAMES_PER_SLICE)
      sampleFaceAnimation(options.document, directions, timeline, { from, to }, animation)
      for (let i = from; i < to; i++) {
        if (cancelled()) throw new ExportCancelledError(plan.outDir)
        report(i, false)
        const weights = animation.weights.subarray(i * k, (i + 1) * k)
        const rotation = Array.from(animation.rotations.subarray(4 * i, 4 * i + 4))
        poseFaceMesh(mesh, { weights, rotation, portraitPose, pivot: FACE_PIVOT }, position, normal)
        const text = formatFaceObj(mesh, position, normal, {
          ...header,
          comment: `${comment}; frame ${i + 1}`
        })
        bytes += await writeFileSynced(join(plan.partialDir, objFrameName(plan.stem, i, plan.digits)), text)
      }
      await nextTurn()
    }
    const files = frameCount + 4
    const present = (await readdir(plan.partialDir)).length
    if (present !== files) {
      throw new ExportFailedError(
        `The OBJ sequence ${plan.outDir} is incomplete (${present} of ${files} files), so it was not saved. Export again.`,
        plan.outDir,
        ''
      )
    }
    await fsyncDirectory(plan.partialDir)
    if (cancelled()) throw new ExportCancelledError(plan.outDir)
    await moveFolderIntoPlace(plan.partialDir, plan.outDir, plan.existing)
    report(frameCount, true)
    return {
      outDir: plan.outDir,
      frameCount,
      files,
      vertices: mesh.position.length / 3,
      bytes,
      elapsedMs: performance.now() - started
    }
  } catch (error) {
    await rm(plan.partialDir, { recursive: true, force: true }).catch(() => undefined)
    throw sequenceError(error, { ...plan, what: 'the OBJ sequence' }, bytes, options.signal)
  }
}
