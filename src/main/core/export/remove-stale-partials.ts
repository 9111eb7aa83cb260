import { readdir, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** An export writes its temp file continuously; one untouched this long was left by a crash. */
const STALE_AFTER_MS = 60 * 60 * 1000

/**
 * Deletes temporary files that earlier exports to `outPath` left behind when the app was killed
 * mid-export (a clean failure or cancel removes its own). Returns the paths removed. Best effort.
 */
export async function removeStalePartials(outPath: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(outPath)
  const prefix = `.${basename(outPath)}.mimesis-partial-`
  const removed: string[] = []
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return removed
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue
    const path = join(dir, name)
    try {
      const info = await stat(path)
      if (info.isFile() && now - info.mtimeMs > STALE_AFTER_MS) {
        await unlink(path)
        removed.push(path)
      }
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed
}
