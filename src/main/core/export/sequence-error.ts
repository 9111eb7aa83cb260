import { MimesisError } from '@shared/errors/mimesis-error'
import { DiskFullError } from './disk-full-error'
import { ExportCancelledError } from './export-cancelled-error'
import { ExportFailedError } from './export-failed-error'
import { isDiskFullFailure } from './is-disk-full-failure'
import { OutputNotWritableError } from './output-not-writable-error'

/**
 * A sequence export's failure (a folder of frames written into a temporary folder) as the error people see:
 * cancelled, disk full (with the bytes written so far), not writable, or failed with its reason. `what` names the
 * export in a message ("the image sequence").
 */
export function sequenceError(
  error: unknown,
  sequence: { readonly outDir: string; readonly bytesAvailable: number | null; readonly what: string },
  bytesWritten: number,
  signal: AbortSignal | undefined
): unknown {
  const { outDir } = sequence
  if (error instanceof ExportCancelledError || signal?.aborted) return new ExportCancelledError(outDir)
  if (error instanceof MimesisError || error instanceof RangeError) return error
  const errnoCode = (error as NodeJS.ErrnoException | null)?.code ?? null
  if (isDiskFullFailure({ errnoCode }))
    return new DiskFullError(outDir, bytesWritten, sequence.bytesAvailable)
  if (errnoCode === 'EACCES' || errnoCode === 'EPERM' || errnoCode === 'EROFS') {
    return new OutputNotWritableError(outDir, `${describe(error)} (check the folder's permissions).`)
  }
  return new ExportFailedError(`Writing ${sequence.what} failed: ${describe(error)}`, outDir, '', {
    cause: error
  })
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
