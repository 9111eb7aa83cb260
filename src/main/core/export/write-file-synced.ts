import { open } from 'node:fs/promises'

/**
 * Writes `data` to a new file at `path` (it must not exist) and flushes it to the disk before returning, so a
 * folder renamed into place afterwards never shows an empty or partial file after a crash.
 */
export async function writeFileSynced(path: string, data: Uint8Array | string): Promise<number> {
  const handle = await open(path, 'wx')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength
}
