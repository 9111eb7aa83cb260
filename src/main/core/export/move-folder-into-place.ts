import { rename, rm, rmdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fsyncDirectory } from './fsync-path'
import { makePartialPath } from './make-partial-path'

/**
 * Renames the complete folder `partialDir` to `outDir`, its sibling. An empty folder under that name is removed
 * first; a folder the user agreed to replace is first renamed aside (a hidden `.name.mimesis-partial-…-replaced`
 * sibling, which `removeStalePartials` clears if the process dies before it is deleted) and deleted after the
 * new one took its name. Between the two renames the name is briefly free; it never holds a mix of both.
 */
export async function moveFolderIntoPlace(
  partialDir: string,
  outDir: string,
  existing: 'none' | 'empty' | 'sequence'
): Promise<void> {
  if (existing === 'empty') await rmdir(outDir).catch(() => undefined)
  let aside: string | null = null
  if (existing === 'sequence') {
    aside = makePartialPath(outDir, '-replaced')
    await rename(outDir, aside)
  }
  try {
    await rename(partialDir, outDir)
  } catch (error) {
    // The new sequence could not take the name: the old one goes back, so the failure changes nothing.
    if (aside) await rename(aside, outDir).catch(() => undefined)
    throw error
  }
  await fsyncDirectory(dirname(outDir))
  if (aside) await rm(aside, { recursive: true, force: true })
}
