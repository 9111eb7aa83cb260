import { createHash } from 'node:crypto'
import { forEachChunk, type RegularFileLimits } from './read-regular-file'

/** Limits of `sha256File` when the caller gives none: any regular file up to 1 GiB. */
export const DEFAULT_HASH_LIMITS: RegularFileLimits = {
  what: 'The file',
  maxBytes: 1024 * 1024 * 1024,
  remedy: 'Choose another file.'
}

/**
 * Lower-case hex SHA-256 of a file, streamed (portraits can be tens of MB). Only a regular file within
 * `limits` is read: a device such as /dev/zero, a FIFO or a huge file is refused with a `MimesisError`
 * (`NOT_A_FILE`, `FILE_TOO_LARGE`; see `openRegularFile`) instead of hashing forever.
 */
export async function sha256File(
  path: string,
  limits: RegularFileLimits = DEFAULT_HASH_LIMITS
): Promise<string> {
  const hash = createHash('sha256')
  await forEachChunk(path, limits, (chunk) => hash.update(chunk))
  return hash.digest('hex')
}

/** Lower-case hex SHA-256 of bytes in memory (an embedded portrait). */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
