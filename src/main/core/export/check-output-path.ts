import { access, constants, stat, statfs } from 'node:fs/promises'
import { dirname } from 'node:path'
import { OutputNotWritableError } from './output-not-writable-error'

/** Checks that `outPath` can be created: its folder exists and is writable, and it is not a folder itself. Returns free bytes when known. */
export async function checkOutputPath(outPath: string): Promise<{ bytesAvailable: number | null }> {
  const dir = dirname(outPath)
  try {
    const info = await stat(dir)
    if (!info.isDirectory()) throw new OutputNotWritableError(outPath, `${dir} is not a folder.`)
  } catch (error) {
    if (error instanceof OutputNotWritableError) throw error
    throw new OutputNotWritableError(outPath, `the folder ${dir} does not exist.`)
  }
  try {
    await access(dir, constants.W_OK)
  } catch {
    throw new OutputNotWritableError(outPath, `the folder ${dir} is not writable (check its permissions).`)
  }
  try {
    if ((await stat(outPath)).isDirectory()) {
      throw new OutputNotWritableError(outPath, 'a folder with that name already exists.')
    }
  } catch (error) {
    if (error instanceof OutputNotWritableError) throw error
  }
  try {
    const fs = await statfs(dir)
    return { bytesAvailable: fs.bavail * fs.bsize }
  } catch {
    return { bytesAvailable: null }
  }
}
