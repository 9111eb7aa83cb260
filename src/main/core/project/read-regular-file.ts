import { constants, type Stats } from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'
import { MimesisError } from '@shared/errors/mimesis-error'

/**
 * 256 MiB: the largest portrait file read (hashed, embedded, relinked). Far above any photograph or
 * scan the analysis can use (decoding is capped at 400 Mpx anyway), far below what would exhaust memory.
 */
export const MAX_PORTRAIT_BYTES = 256 * 1024 * 1024

/** What may be read from a path that came from outside (a project file, a dialog, the command line). */
export interface RegularFileLimits {
  /** The file in messages, e.g. "The portrait" (it starts the message). */
  readonly what: string
  readonly maxBytes: number
  /** What the user can do, ending every message, e.g. "Locate the image to continue." */
  readonly remedy: string
}

/** What a path that is not a regular file is, as messages say it. */
export type NotAFileKind =
  'a folder' | 'a character device' | 'a block device' | 'a named pipe (FIFO)' | 'a socket' | 'a special file'

/** The path names a device, FIFO, socket or folder: code `NOT_A_FILE`. */
export class NotAFileError extends MimesisError {
  constructor(
    readonly path: string,
    readonly kind: NotAFileKind,
    limits: RegularFileLimits
  ) {
    super(
      'NOT_A_FILE',
      `${limits.what} ${path} is ${kind}, not a file, so it cannot be read. ${limits.remedy}`
    )
    this.name = 'NotAFileError'
  }
}

/** The file is larger than may be read: code `FILE_TOO_LARGE`. */
export class FileTooLargeError extends MimesisError {
  constructor(
    readonly path: string,
    /** Its size, or the bytes read when it grew past the limit while being read. */
    readonly sizeBytes: number,
    readonly limitBytes: number,
    limits: RegularFileLimits
  ) {
    super(
      'FILE_TOO_LARGE',
      `${limits.what} ${path} is ${formatSize(sizeBytes)}, more than the ${formatSize(limitBytes)} it may have. ${limits.remedy}`
    )
    this.name = 'FileTooLargeError'
  }
}

// Opening a FIFO for reading waits for a writer, forever if there is none; non-blocking, it opens at
// once and fstat shows what it is. It changes nothing for regular files. Windows has no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK)

/** Chunk size for streaming reads. */
const CHUNK_BYTES = 1024 * 1024

/**
 * Opens `path` for reading only if it is a regular file of at most `limits.maxBytes` bytes, so that a
 * device (`/dev/zero`, `/dev/urandom`: endless), a FIFO (blocks forever) or a huge file named by a
 * project cannot hang the app or fill its memory. The check is made on the opened file (fstat), so the
 * path cannot be swapped between check and read. Throws `NotAFileError` or `FileTooLargeError`
 * (MimesisErrors coded `NOT_A_FILE`, `FILE_TOO_LARGE`) saying what the path is and what to do, and fs
 * errors (ENOENT, EACCES…) as they are. The caller closes the handle.
 */
export async function openRegularFile(
  path: string,
  limits: RegularFileLimits
): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle
  try {
    handle = await open(path, OPEN_FLAGS)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new NotAFileError(path, 'a folder', limits)
    throw error
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new NotAFileError(path, kindOf(info), limits)
    if (info.size > limits.maxBytes) throw new FileTooLargeError(path, info.size, limits.maxBytes, limits)
    return { handle, size: info.size }
  } catch (error) {
    await handle.close().catch(() => undefined)
    throw error
  }
}

/**
 * The bytes of a regular file of at most `limits.maxBytes` (see `openRegularFile`), read into one
 * buffer of the size the file has. A file that grows past the limit while it is read is refused too.
 */
export async function readRegularFile(path: string, limits: RegularFileLimits): Promise<Buffer> {
  const { handle, size } = await openRegularFile(path, limits)
  try {
    const parts: Buffer[] = []
    let total = 0
    for (;;) {
      // The whole file at once; after that, small reads notice a file that is still growing.
      const buffer = Buffer.allocUnsafe(
        total < size ? size - total : Math.min(CHUNK_BYTES, limits.maxBytes + 1)
      )
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > limits.maxBytes) throw new FileTooLargeError(path, total, limits.maxBytes, limits)
      parts.push(buffer.subarray(0, bytesRead))
    }
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, total)
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/**
 * Streams a regular file of at most `limits.maxBytes` (see `openRegularFile`) to `onChunk`; the chunk's
 * memory is reused after the call. A file that grows past the limit while it is read is refused too.
 */
export async function forEachChunk(
  path: string,
  limits: RegularFileLimits,
  onChunk: (chunk: Uint8Array) => void
): Promise<void> {
  const { handle, size } = await openRegularFile(path, limits)
  try {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, size)))
    let total = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) return
      total += bytesRead
      if (total > limits.maxBytes) throw new FileTooLargeError(path, total, limits.maxBytes, limits)
      onChunk(buffer.subarray(0, bytesRead))
    }
  } finally {
    await handle.close().catch(() => undefined)
  }
}

function kindOf(info: Stats): NotAFileKind {
  if (info.isDirectory()) return 'a folder'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isSocket()) return 'a socket'
  return 'a special file'
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(0)} MiB`
  return `${Math.max(1, Math.round(bytes / 1024))} KiB`
}
