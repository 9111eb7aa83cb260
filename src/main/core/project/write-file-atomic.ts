import { randomBytes } from 'node:crypto'
import { type FileHandle, open, realpath, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { describeFsError } from './project-io-errors'

/** File-system calls that tests replace to simulate a failure mid-way. */
export interface AtomicWriteFs {
  readonly rename: (from: string, to: string) => Promise<void>
}

const nodeFs: AtomicWriteFs = { rename }

export interface WriteFileAtomicOptions {
  /** Used in error messages: "Could not <action>: ...". */
  readonly action?: string
  readonly fs?: AtomicWriteFs
}

/** Name of the temporary sibling file; hidden, and recognisable so stale ones can be cleaned. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
}

export function isTempFileOf(fileName: string, targetName: string): boolean {
  return fileName.startsWith(`.${targetName}.`) && fileName.endsWith('.tmp')
}

/**
 * Replaces `path` with `data` so that a reader (or a crash, or a power cut) sees either the old
 * file or the new one, never a mix: write a temp file in the SAME directory (rename is only atomic
 * within one file system), fsync it, rename it over the target, then fsync the directory so the
 * rename itself is durable. On any failure the temp file is removed and the old file is untouched.
 * A symlinked target is followed (the link stays a link) and an existing file's permission bits are kept.
 * Throws `ProjectIoError` with a message that says what to do (disk full, no permission, read-only).
 */
export async function writeFileAtomic(
  requestedPath: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {}
): Promise<void> {
  const fs = options.fs ?? nodeFs
  const action = options.action ?? 'save the file'
  const path = await realpath(requestedPath).catch(() => requestedPath)
  const mode = await stat(path).then(
    (info) => info.mode & 0o777,
    () => 0o644
  )
  const temp = tempPathFor(path)
  let handle: FileHandle | undefined
  try {
    handle = await open(temp, 'wx', mode)
    await handle.chmod(mode).catch(() => undefined)
    await handle.writeFile(data)
    await handle.sync()
    await handle.close()
    handle = undefined
    await renameWithRetry(fs, temp, path)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await rm(temp, { force: true }).catch(() => undefined)
    throw describeFsError(error, requestedPath, action)
  }
  await syncDirectory(dirname(path))
}

// On Windows a rename over a file that another process (indexer, antivirus, a viewer) has open
// fails with EPERM / EBUSY for a moment; retry briefly before giving up.
async function renameWithRetry(fs: AtomicWriteFs, from: string, to: string): Promise<void> {
  const transient = process.platform === 'win32' ? ['EPERM', 'EBUSY', 'EACCES'] : []
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to)
      return
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (attempt >= 5 || typeof code !== 'string' || !transient.includes(code)) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt))
    }
  }
}

// Directories cannot be opened for fsync on Windows; there the rename is durable enough (NTFS journal).
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  let handle: FileHandle | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // Some file systems (e.g. network mounts) refuse to fsync a directory; the data is already renamed.
  } finally {
    await handle?.close().catch(() => undefined)
  }
}
