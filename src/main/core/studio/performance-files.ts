import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { PERFORMANCE_FILE_EXTENSION, type FileRef, type OpenedPerformance } from '@shared/ipc/contract'
import type { Performance } from '@shared/performance/performance'
import {
  PerformanceFileError,
  parsePerformanceFile,
  serializePerformanceFile
} from '@shared/performance/performance-file'
import { importRigCurves } from '@shared/export/import-rig-curves'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { FileGrants } from '../ipc/file-grants'
import type { DialogPort } from '../ipc/ports'
import { writeFileAtomic } from '../project/write-file-atomic'

const FILTERS = [{ name: 'Mimesis performance', extensions: [PERFORMANCE_FILE_EXTENSION] }]
const EXTENSION = `.${PERFORMANCE_FILE_EXTENSION}`

const CURVE_FILTERS = [
  { name: 'Rig curves (Live Link Face CSV, JSON)', extensions: ['csv', 'json'] },
  { name: 'All files', extensions: ['*'] }
]
/** An hour of Live Link Face at 60 fps is about 150 MB of CSV. */
export const MAX_CURVES_FILE_BYTES = 256 * 1024 * 1024

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
    },

    /**
     * Reads rig curves chosen in the open dialog: a Live Link Face CSV (exported here, or recorded on a phone) or a
     * rig-curves JSON, as a performance reduced to keys (`importRigCurves`), ready to bake like a saved one.
     */
    async importCurves(): Promise<OpenedPerformance | null> {
      const path = await deps.dialogs.openFile({ title: 'Import curves', filters: CURVE_FILTERS })
      if (path === null) return null
      const file = await deps.grants.grant(path)
      if (file.sizeBytes > MAX_CURVES_FILE_BYTES) {
        throw new MimesisError('performance-too-large', `"${file.name}" is too large to be a curves file.`)
      }
      return { file, performance: importRigCurves(await readFile(path, 'utf8'), file.name) }
    }
  }
}

export type PerformanceFiles = ReturnType<typeof createPerformanceFiles>
