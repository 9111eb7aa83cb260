import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** What a command's scratch folder holds: `mimesis-render-<pid>-…` and `mimesis-drive-<pid>-…` in the temp folder. */
export type ScratchKind = 'render' | 'drive'

/** A scratch folder older than this whose process is gone was left by a killed command (SIGKILL, a crash). */
export const STALE_SCRATCH_AGE_MS = 60 * 60 * 1000
/** Scratch folders from before the pid was in the name: swept when older than a day. */
export const STALE_UNOWNED_SCRATCH_AGE_MS = 24 * 60 * 60 * 1000

const SCRATCH_NAME = /^mimesis-(?:render|drive)-(?:(\d+)-)?[A-Za-z0-9]{6}$/

/** A new scratch folder in `dir` (default: the system temp folder), its name carrying this process's pid. */
export function makeScratchDir(kind: ScratchKind, dir = tmpdir()): Promise<string> {
  return mkdtemp(join(dir, `mimesis-${kind}-${process.pid}-`))
}

export interface SweepOptions {
  readonly dir?: string
  readonly now?: number
  /** Whether a process with this pid runs (default: `process.kill(pid, 0)`). */
  readonly isAlive?: (pid: number) => boolean
}

/**
 * Removes the scratch folders a killed command left in the temp folder: older than an hour and whose owner
 * process is gone (or, named before the pid was recorded, older than a day). Never throws; returns the
 * folders removed.
 */
export async function sweepStaleScratchDirs(options: SweepOptions = {}): Promise<string[]> {
  const dir = options.dir ?? tmpdir()
  const now = options.now ?? Date.now()
  const isAlive = options.isAlive ?? processIsAlive
  const names = await readdir(dir).catch(() => [] as string[])
  const removed: string[] = []
  for (const name of names) {
    const match = SCRATCH_NAME.exec(name)
    if (!match) continue
    const path = join(dir, name)
    const info = await stat(path).catch(() => null)
    if (!info?.isDirectory()) continue
    const age = now - info.mtimeMs
    const pid = match[1] === undefined ? null : Number(match[1])
    const stale =
      pid === null ? age > STALE_UNOWNED_SCRATCH_AGE_MS : age > STALE_SCRATCH_AGE_MS && !isAlive(pid)
    if (!stale) continue
    await rm(path, { recursive: true, force: true }).then(
      () => removed.push(path),
      () => undefined
    )
  }
  return removed
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
