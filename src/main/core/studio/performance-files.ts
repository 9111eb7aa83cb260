import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { PERFORMANCE_FILE_EXTENSION, type FileRef, type OpenedPerformance } from '@shared/ipc/contract'
import type { Performance } from '@shared/performance/performance'
import {
  PerformanceFileError,
  parsePerformanceFile,
  serializePerformanceFile
} from '@shared/performance/performance-file'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { FileGrants } from '../ipc/file-grants'
import type { DialogPort } from '../ipc/ports'
import { writeFileAtomic } from '../project/write-file-atomic'

const FILTERS = [{ name: 'Mimesis performance', extensions: [PERFORMANCE_FILE_EXTENSION] }]
const EXTENSION = `.${PERFORMANCE_FILE_EXTENSION}`

/** Larger than any file the schema accepts (64 tracks × 200 000 keys is about 250 MB of JSON). */
export const MAX_PERFORMANCE_FILE_BYTES = 256 * 1024 * 1024

export interface PerformanceFilesDeps {
  grants: FileGrants
  dialogs: DialogPort
  now?: () => Date
}

/**
 * Save and open of performance files (`.mimesis-performance`): the path only ever comes from a dialog,
 * the write is atomic, and a file that is not a valid performance is refused with the JSON path of
 * its first problem.
 */
export function createPerformanceFiles(deps: PerformanceFilesDeps) {
  const now = deps.now ?? (() => new Date())
  return {
    async save(performance: Performance, defaultName: string): Promise<FileRef | null> {
      const base = defaultName.replace(/[\\/:*?"<>|]+/g, '_').replace(/\.[^.]*$/, '') || 'performance'
      let path = await deps.dialogs.saveFile({
        title: 'Save performance',
        defaultName: base + EXTENSION,
        filters: FILTERS
      })
      if (path === null) return null
      if (extname(path).toLowerCase() !== EXTENSION) path += EXTENSION
      await writeFileAtomic(path, serializePerformanceFile(performance, now()), {
        action: 'save the performance'
      })
      return deps.grants.grant(path)
    },

    async open(): Promise<OpenedPerformance | null> {
      const path = await deps.dialogs.openFile({ title: 'Apply a performance', filters: FILTERS })
      if (path === null) return null
      const file = await deps.grants.grant(path)
      if (file.sizeBytes > MAX_PERFORMANCE_FILE_BYTES) {
        throw new MimesisError(
          'performance-too-large',
          `"${file.name}" is too large to be a performance file.`
        )
      }
      const text = await readFile(path, 'utf8')
      try {
        return { file, performance: parsePerformanceFile(text) }
      } catch (error) {
        if (!(error instanceof PerformanceFileError)) throw error
        throw new MimesisError(
          'performance-invalid',
          `"${basename(path)}" cannot be applied. ${error.message}. Choose a file written by Save performance….`
        )
      }
    }
  }
}

export type PerformanceFiles = ReturnType<typeof createPerformanceFiles>
