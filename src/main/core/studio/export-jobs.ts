import { type FaceMeshFormat, type RigCurveFormat } from '@shared/export/output-formats'
import type { ExportRequest, ExportResult } from '@shared/ipc/contract'
import { ExportCancelledError } from '../export/export-cancelled-error'
import { exportFaceGlb } from '../export/export-face-glb'
import { exportFaceObjSequence } from '../export/export-face-obj-sequence'
import { type ExportProgress } from '../export/progress-reporter'
import { exportRigCurves } from '../export/export-rig-curves'
import { defaultFfmpeg } from '../media/default-ffmpeg'
import { headFramingFor } from '../render/avatar-from-file'
import { exportDocument, exportFrameCount, exportRange } from '../render/export-document'
import type { ExportSessionDeps } from './export-session'

/** Progress of an export job: fraction 0..1, what it is doing, time left (ms) when known. */
export type ExportEmit = (fraction: number, message: string, etaMs: number | null) => void

/**
 * The studio's video, GIF or image-sequence export: the avatar at the export's size, ffmpeg, and the document the
 * renderer sent rendered over the range (`exportDocument`); a sequence's folder is granted as a folder.
 */
export async function exportFrames(
  deps: ExportSessionDeps,
  request: ExportRequest & { format: Exclude<ExportRequest['format'], FaceMeshFormat> },
  outPath: string,
  signal: AbortSignal,
  emit: ExportEmit
): Promise<ExportResult> {
  const range = exportRange(request.document, request.range)
  emit(0, 'Preparing the avatar…', null)
  const built = await deps.avatars.avatarForExport(request.width, request.height)
  if (signal.aborted) throw new ExportCancelledError(outPath)
  const ffmpeg = await (deps.locateFfmpeg ?? defaultFfmpeg)()
  // The export's frame is square while the preview shows the whole portrait: on a portrait of another
  // shape the square is placed on the head (the same rule as `mimesis render`), not in the middle.
  const framing = headFramingFor(built, { width: request.width, height: request.height })
  const result = await exportDocument({
    avatar: built.avatar,
    framing,
    document: request.document,
    width: request.width,
    height: request.height,
    fps: request.fps,
    range,
    outPath,
    format: request.format,
    transparent: request.transparent,
    sequence: {
      bitDepth: request.pngBitDepth,
      depth: request.depthPass,
      replace: request.replaceExisting,
      overwriteHint: 'Replace them with this export, or choose another name?'
    },
    ffmpeg,
    audio: request.audio
      ? {
          path: deps.grants.resolve(request.audio.token),
          startSec: request.audio.startSec,
          muted: request.audio.muted
        }
      : null,
    signal: signal,
    onProgress: frameProgress(emit, true)
  })
  emit(1, `Exported ${result.frameCount} frames`, 0)
  deps.logger.info('Export finished', {
    frames: result.frameCount,
    bytes: result.bytes,
    ms: Math.round(result.elapsedMs)
  })
  return grantedResult(deps, result)
}

/**
 * The studio's rig-curve export: no avatar, no ffmpeg; the curves of the document the renderer sent, over the range
 * at the fps asked (`exportRigCurves`), with the same progress events, cancel and errors as a video.
 */
export async function exportCurves(
  deps: ExportSessionDeps,
  request: ExportRequest & { format: RigCurveFormat },
  outPath: string,
  signal: AbortSignal,
  emit: ExportEmit
): Promise<ExportResult> {
  const range = exportRange(request.document, request.range)
  const result = await exportRigCurves({
    document: request.document,
    startSec: range.start,
    fps: request.fps,
    frameCount: exportFrameCount(range, request.fps),
    format: request.format,
    outPath,
    signal,
    onProgress: frameProgress(emit, false)
  })
  emit(1, `Exported the curves of ${result.frameCount} frames`, 0)
  deps.logger.info('Export finished', {
    frames: result.frameCount,
    bytes: result.bytes,
    ms: Math.round(result.elapsedMs)
  })
  return grantedResult(deps, result)
}

/**
 * The studio's animated 3D face (.glb, or a folder of OBJ frames): no avatar, no ffmpeg; the portrait's face analysed
 * at the texture's size (`faceModelForExport`) and the document the renderer sent, over the range at the fps asked
 * (`exportFaceGlb`, `exportFaceObjSequence`), with the same progress events, cancel and errors as a video; the OBJ
 * sequence's folder is granted as a folder, as a PNG sequence's is.
 */
export async function exportFaceMesh(
  deps: ExportSessionDeps,
  request: ExportRequest,
  outPath: string,
  signal: AbortSignal,
  emit: ExportEmit
): Promise<ExportResult> {
  const range = exportRange(request.document, request.range)
  emit(0, 'Finding the face…', null)
  const source = await deps.avatars.faceModelForExport()
  if (signal.aborted) throw new ExportCancelledError(outPath)
  const common = {
    source,
    document: request.document,
    startSec: range.start,
    fps: request.fps,
    frameCount: exportFrameCount(range, request.fps),
    signal,
    onProgress: frameProgress(emit, false)
  }
  if (request.format === 'obj-seq') {
    const result = await exportFaceObjSequence({
      ...common,
      outDir: outPath,
      replace: request.replaceExisting,
      overwriteHint: 'Replace them with this export, or choose another name?'
    })
    emit(1, `Exported the 3D face as ${result.frameCount} OBJ frames`, 0)
    deps.logger.info('Export finished', {
      frames: result.frameCount,
      files: result.files,
      bytes: result.bytes
    })
    return grantedResult(deps, { ...result, outPath: result.outDir })
  }
  const result = await exportFaceGlb({ ...common, outPath })
  emit(1, `Exported the 3D face with ${result.frameCount} frames`, 0)
  deps.logger.info('Export finished', {
    frames: result.frameCount,
    targets: result.targets,
    bytes: result.bytes,
    ms: Math.round(result.elapsedMs)
  })
  return grantedResult(deps, result)
}

/**
 * An export job's progress events from its exporter's: the fraction held under 1 until the job's own last event,
 * "Frame n of N", and the time left where the exporter knows it (`withEta`; the curve and mesh exports do not).
 */
function frameProgress(emit: ExportEmit, withEta: boolean): (progress: ExportProgress) => void {
  return (progress) =>
    emit(
      Math.min(progress.fraction, 0.999),
      `Frame ${progress.framesDone} of ${progress.frameCount}`,
      withEta && progress.etaMs !== null ? Math.max(0, progress.etaMs) : null
    )
}

/** What an export wrote, as the studio's result: its file granted, or its folder when it wrote a sequence (`files`). */
async function grantedResult(
  deps: ExportSessionDeps,
  written: { outPath: string; frameCount: number; bytes: number; elapsedMs: number; files?: number }
): Promise<ExportResult> {
  const { frameCount, bytes, elapsedMs, files } = written
  if (files !== undefined) {
    const folder = await deps.grants.grantOutputFolder(written.outPath)
    return { file: { ...folder, sizeBytes: bytes }, frameCount, bytes, elapsedMs, files }
  }
  return { file: await deps.grants.grant(written.outPath), frameCount, bytes, elapsedMs }
}
