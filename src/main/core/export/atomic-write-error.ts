import { type MimesisError } from '@shared/errors/mimesis-error'
import { ProjectIoError } from '../project/project-io-errors'
import { type AtomicWriteFs, writeFileAtomic } from '../project/write-file-atomic'
import { DiskFullError } from './disk-full-error'
import { ExportFailedError } from './export-failed-error'
import { OutputNotWritableError } from './output-not-writable-error'

/**
 * A failed `writeFileAtomic` of an export's one file as the export's errors: a full disk is a `DiskFullError`, any
 * other file-system refusal an `OutputNotWritableError`, anything else an `ExportFailedError` saying what was written
 * (`what`: "the rig curves", "the 3D face").
 */
export function atomicWriteError(
  error: unknown,
  outPath: string,
  bytes: number,
  bytesAvailable: number | null,
  what: string
): MimesisError {
  if (error instanceof ProjectIoError) {
    if (error.code === 'DISK_FULL') return new DiskFullError(outPath, bytes, bytesAvailable)
    if (error.code !== 'IO_FAILED') return new OutputNotWritableError(outPath, error.message)
  }
  const reason = error instanceof Error ? error.message : String(error)
  return new ExportFailedError(`Writing ${what} failed: ${reason}`, outPath, '', { cause: error })
}

/**
 * Writes an export's one file atomically (`writeFileAtomic`: nothing half-written under the final name), its failure
 * as the export's errors (atomicWriteError; `what`: "the rig curves", "the 3D face").
 */
export async function writeExportFile(
  outPath: string,
  data: Uint8Array,
  what: string,
  bytesAvailable: number | null,
  fs?: AtomicWriteFs
): Promise<void> {
  try {
    await writeFileAtomic(outPath, data, { action: `export ${what}`, ...(fs ? { fs } : {}) })
  } catch (error) {
    throw atomicWriteError(error, outPath, data.byteLength, bytesAvailable, what)
  }
}
