import { access, constants, readdir, stat, statfs } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { isSequenceFileName, sequenceStemProblem } from '@shared/export/image-sequence-names'
import { OutputExistsError } from './output-exists-error'
import { OutputNotWritableError } from './output-not-writable-error'

/** What stands under a sequence's folder name before the export: nothing, an empty folder, or an earlier sequence. */
export type ExistingSequenceFolder = 'none' | 'empty' | 'sequence'

/** What a sequence export (PNG or OBJ) decides about its folder before it writes any frame. */
export interface SequenceFolderPlan {
  readonly outDir: string
  readonly stem: string
  readonly digits: number
  readonly partialDir: string
  readonly existing: ExistingSequenceFolder
  readonly bytesAvailable: number | null
}

export interface SequenceFolderCheck {
  readonly existing: ExistingSequenceFolder
  /** Free bytes on the folder's volume, when known (for the disk-full message). */
  readonly bytesAvailable: number | null
}

export interface SequenceFolderOptions {
  readonly replace: boolean
  readonly overwriteHint: string
  /**
   * The files an earlier export of this kind writes (default `isSequenceFileName`: an image sequence's PNG and JSON),
   * and what to call that kind in a message (default "an image sequence").
   */
  readonly owns?: {
    readonly isOwnFile: (name: string) => boolean
    readonly kind: string
    readonly files: string
  }
}

const IMAGE_SEQUENCE_FILES = {
  isOwnFile: isSequenceFileName,
  kind: 'an image sequence',
  files: 'PNG and JSON'
}

/**
 * Checks that the sequence's folder `outDir` can be written: its parent exists and is writable, its name is a plain
 * name, and it is not a file. An existing folder that holds files is an `OutputExistsError` unless `replace`, and is
 * never replaced when it holds anything but the files such an export writes (`owns`; subfolders included): then it
 * is somebody's other work, not an earlier export, and an `OutputNotWritableError` says to choose another name.
 */
export async function checkSequenceFolder(
  outDir: string,
  options: SequenceFolderOptions
): Promise<SequenceFolderCheck> {
  const parent = dirname(outDir)
  const problem = sequenceStemProblem(basename(outDir))
  if (problem) throw new OutputNotWritableError(outDir, `${problem}; choose another name.`)
  const parentInfo = await stat(parent).catch(() => null)
  if (!parentInfo) throw new OutputNotWritableError(outDir, `the folder ${parent} does not exist.`)
  if (!parentInfo.isDirectory()) throw new OutputNotWritableError(outDir, `${parent} is not a folder.`)
  try {
    await access(parent, constants.W_OK)
  } catch {
    throw new OutputNotWritableError(outDir, `the folder ${parent} is not writable (check its permissions).`)
  }
  const existing = await existingFolder(outDir, options)
  let bytesAvailable: number | null = null
  try {
    const fs = await statfs(parent)
    bytesAvailable = fs.bavail * fs.bsize
  } catch {
    // unknown: the message will not say how much was free
  }
  return { existing, bytesAvailable }
}

async function existingFolder(
  outDir: string,
  options: SequenceFolderOptions
): Promise<ExistingSequenceFolder> {
  const info = await stat(outDir).catch(() => null)
  if (!info) return 'none'
  if (!info.isDirectory()) {
    throw new OutputNotWritableError(outDir, 'a file with that name already exists; choose a folder name.')
  }
  const entries = await readdir(outDir, { withFileTypes: true })
  if (entries.length === 0) return 'empty'
  const owns = options.owns ?? IMAGE_SEQUENCE_FILES
  const foreign = entries.find((entry) => !entry.isFile() || !owns.isOwnFile(entry.name))
  if (foreign) {
    throw new OutputNotWritableError(
      outDir,
      `the folder already exists and holds ${foreign.name}, which ${owns.kind} does not write; ` +
        `choose another name (a sequence replaces only a folder of ${owns.files} files).`
    )
  }
  if (!options.replace) throw new OutputExistsError(outDir, entries.length, options.overwriteHint)
  return 'sequence'
}
