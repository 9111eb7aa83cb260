import { readdir, rm, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** An export writes its temp file continuously; one untouched this long was left by a crash. */
const STALE_AFTER_MS = 60 * 60 * 1000

/**
 * Deletes temporary files that earlier exports to `outPath` left behind when the app was killed
 * mid-export (a clean failure or cancel removes its own), and an image sequence's temporary folders (its
 * frames being written, or the earlier sequence it was replacing). Returns the paths removed. Best effort.
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
      if (now - info.mtimeMs <= STALE_AFTER_MS) continue
      // A sequence writes a file into its folder every frame, so the folder's own time is its last write.
      if (info.isFile()) await unlink(path)
      else if (info.isDirectory()) await rm(path, { recursive: true, force: true })
      else continue
      removed.push(path)
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed
}
