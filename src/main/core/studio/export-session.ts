import { randomBytes } from 'node:crypto'
import { extname } from 'node:path'
import {
  OUTPUT_FORMATS,
  isImageSequence,
  isRigCurves,
  type OutputFormat,
  type RigCurveFormat
} from '@shared/export/output-formats'
import type { ExportRequest, ExportRequestInput, ExportResult } from '@shared/ipc/contract'
import type { FileRef } from '@shared/ipc/contract'
import type { Logger } from '../app/logger'
import { MimesisError } from '@shared/errors/mimesis-error'
import { ExportCancelledError } from '../export/export-cancelled-error'
import { exportRigCurves } from '../export/export-rig-curves'
import type { FileGrants } from '../ipc/file-grants'
import type { DialogPort, EventSink } from '../ipc/ports'
import { defaultFfmpeg } from '../media/default-ffmpeg'
import type { LocatedFfmpeg } from '../media/locate-ffmpeg'
import { headFramingFor } from '../render/avatar-from-file'
import { exportDocument, exportFrameCount, exportRange } from '../render/export-document'
import type { AvatarSession } from './avatar-session'

export interface ExportSessionDeps {
  avatars: Pick<AvatarSession, 'avatarForExport'>
  grants: FileGrants
  dialogs: DialogPort
  events: EventSink
  logger: Logger
  /** How ffmpeg is found; the default lookup unless a test injects another. */
  locateFfmpeg?: () => Promise<LocatedFfmpeg>
}

/**
 * The studio's export: one job at a time, rendered from the document the renderer sends (the project
 * itself is never touched), progress pushed as `onJobProgress` events, cancel through an AbortSignal.
 * Every failure reaches the renderer as a MimesisError whose code says what went wrong.
 */
export function createExportSession(deps: ExportSessionDeps) {
  let running: { jobId: string; controller: AbortController } | null = null

  return {
    /**
     * Asks where to save an export in `format`; the name gets the format's extension. A PNG sequence is a folder: the
     * name typed is the folder's (a .png typed after it is dropped), which its frames are named after.
     */
    async chooseFile(defaultName: string, format: OutputFormat = 'mp4-h264'): Promise<FileRef | null> {
      const { extension, fileKind } = OUTPUT_FORMATS[format]
      const stem = defaultName
        .replace(/[\\/:*?"<>|]+/g, '_')
        .replace(/\.(mp4|mov|webm|gif|png|csv|json)$/i, '')
      if (isImageSequence(format)) {
        const path = await deps.dialogs.saveFile({
          title: 'Export PNG sequence: name its folder',
          defaultName: stem,
          filters: [{ name: fileKind, extensions: ['*'] }]
        })
        if (path === null) return null
        return deps.grants.grantOutputFolder(path.replace(/\.png$/i, ''))
      }
      let path = await deps.dialogs.saveFile({
        title: isRigCurves(format) ? 'Export rig curves' : 'Export video',
        defaultName: stem + extension,
        filters: [{ name: fileKind, extensions: [extension.slice(1)] }]
      })
      if (path === null) return null
      if (extname(path).toLowerCase() !== extension) path += extension
      return deps.grants.grantOutput(path)
    },

    async start(input: ExportRequestInput): Promise<ExportResult> {
      const request = {
        ...input,
        format: input.format ?? 'mp4-h264',
        transparent: input.transparent ?? false,
        pngBitDepth: input.pngBitDepth ?? 8,
        depthPass: input.depthPass ?? false,
        replaceExisting: input.replaceExisting ?? false
      }
      if (running) {
        throw new MimesisError('export-busy', 'An export is already running. Wait for it or cancel it first.')
      }
      const outPath = deps.grants.resolve(request.outputToken)
      const jobId = randomBytes(8).toString('hex')
      const controller = new AbortController()
      running = { jobId, controller }
      const range = exportRange(request.document, request.range)
      const emit = (fraction: number, message: string, etaMs: number | null): void =>
        deps.events.emit('onJobProgress', { jobId, kind: 'export', fraction, message, etaMs })
      deps.logger.info('Export started', {
        format: request.format,
        width: request.width,
        height: request.height,
        fps: request.fps,
        range: request.range
      })
      try {
        if (isRigCurves(request.format)) {
          return await exportCurves(
            deps,
            { ...request, format: request.format },
            outPath,
            controller.signal,
            emit
          )
        }
        emit(0, 'Preparing the avatar…', null)
        const built = await deps.avatars.avatarForExport(request.width, request.height)
        if (controller.signal.aborted) throw new ExportCancelledError(outPath)
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
          signal: controller.signal,
          onProgress: (progress) =>
            emit(
              Math.min(progress.fraction, 0.999),
              `Frame ${progress.framesDone} of ${progress.frameCount}`,
              progress.etaMs === null ? null : Math.max(0, progress.etaMs)
            )
        })
        emit(1, `Exported ${result.frameCount} frames`, 0)
        deps.logger.info('Export finished', {
          frames: result.frameCount,
          bytes: result.bytes,
          ms: Math.round(result.elapsedMs)
        })
        if (result.files !== undefined) {
          const folder = await deps.grants.grantOutputFolder(result.outPath)
          return {
            file: { ...folder, sizeBytes: result.bytes },
            frameCount: result.frameCount,
            bytes: result.bytes,
            elapsedMs: result.elapsedMs,
            files: result.files
          }
        }
        return {
          file: await deps.grants.grant(result.outPath),
          frameCount: result.frameCount,
          bytes: result.bytes,
          elapsedMs: result.elapsedMs
        }
      } catch (error) {
        const mapped = toExportError(error)
        deps.logger.warn('Export did not finish', { code: mapped.code, reason: mapped.message })
        throw mapped
      } finally {
        running = null
      }
    },

    /** Cancels the running export; false when none was running. */
    cancel(): boolean {
      if (!running) return false
      running.controller.abort()
      return true
    },

    get busy(): boolean {
      return running !== null
    }
  }
}

export type ExportSession = ReturnType<typeof createExportSession>

/**
 * The studio's rig-curve export: no avatar, no ffmpeg; the curves of the document the renderer sent, over the range
 * at the fps asked (`exportRigCurves`), with the same progress events, cancel and errors as a video.
 */
async function exportCurves(
  deps: ExportSessionDeps,
  request: ExportRequest & { format: RigCurveFormat },
  outPath: string,
  signal: AbortSignal,
  emit: (fraction: number, message: string, etaMs: number | null) => void
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
    onProgress: (progress) =>
      emit(Math.min(progress.fraction, 0.999), `Frame ${progress.framesDone} of ${progress.frameCount}`, null)
  })
  emit(1, `Exported the curves of ${result.frameCount} frames`, 0)
  deps.logger.info('Export finished', {
    frames: result.frameCount,
    bytes: result.bytes,
    ms: Math.round(result.elapsedMs)
  })
  return {
    file: await deps.grants.grant(result.outPath),
    frameCount: result.frameCount,
    bytes: result.bytes,
    elapsedMs: result.elapsedMs
  }
}

/** What the studio shows for each way an export can fail: a stable code and a reason people can act on. */
export function toExportError(error: unknown): MimesisError {
  // The dialog says "cancelled" in its own words; the path in the core's message adds nothing there.
  if (error instanceof ExportCancelledError) {
    return new MimesisError('export-cancelled', 'Export cancelled. No file was written.')
  }
  if (error instanceof MimesisError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new MimesisError('export-failed', `The export failed: ${message}`)
}
