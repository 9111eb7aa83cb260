import { access, constants } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

/** Resolves a bare command name against PATH (and PATHEXT on Windows); null when absent. */
export async function findOnPath(
  command: string,
  env: NodeJS.ProcessEnv = process.env
): Promise<string | null> {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d.length > 0)
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : ['']
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, command + ext)
      try {
        await access(candidate, constants.X_OK)
        return candidate
      } catch {
        // not in this directory
      }
    }
  }
  return null
}
