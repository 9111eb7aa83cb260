import { randomBytes } from 'node:crypto'
import { isFaceMesh, isRigCurves, type OutputFormat } from '@shared/export/output-formats'
import type { ExportRequestInput, ExportResult } from '@shared/ipc/contract'
import type { FileRef } from '@shared/ipc/contract'
import type { Logger } from '../app/logger'
import { MimesisError } from '@shared/errors/mimesis-error'
import { ExportCancelledError } from '../export/export-cancelled-error'
import type { FileGrants } from '../ipc/file-grants'
import type { DialogPort, EventSink } from '../ipc/ports'
import type { LocatedFfmpeg } from '../media/locate-ffmpeg'
import type { AvatarSession } from './avatar-session'
import { chooseExportFile } from './choose-export-file'
import { exportCurves, exportFaceMesh, exportFrames } from './export-jobs'

export interface ExportSessionDeps {
  avatars: Pick<AvatarSession, 'avatarForExport' | 'faceModelForExport'>
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
      return chooseExportFile(deps, defaultName, format)
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
        if (isFaceMesh(request.format)) {
          return await exportFaceMesh(deps, request, outPath, controller.signal, emit)
        }
        return await exportFrames(
          deps,
          { ...request, format: request.format },
          outPath,
          controller.signal,
          emit
        )
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
