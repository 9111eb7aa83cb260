import { access, chmod, constants, stat } from 'node:fs/promises'

/**
 * Makes sure `path` is an executable file. npm 11 does not always run @ffmpeg-installer's
 * `chmod u+x` postinstall, so a bundled binary may lack its exec bit: add it when we may.
 * Resolves to null when usable, or to a human-readable reason when not.
 */
export async function ensureExecutable(path: string): Promise<string | null> {
  let mode: number
  try {
    const info = await stat(path)
    if (!info.isFile()) return 'not a file'
    mode = info.mode
  } catch (error) {
    return `does not exist (${(error as NodeJS.ErrnoException).code ?? String(error)})`
  }
  if (process.platform === 'win32') return null
  try {
    await access(path, constants.X_OK)
    return null
  } catch {
    // fall through to chmod
  }
  try {
    await chmod(path, mode | 0o111)
    await access(path, constants.X_OK)
    return null
  } catch (error) {
    return (
      `is not executable and chmod failed (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
      `run: chmod +x "${path}"`
    )
  }
}
