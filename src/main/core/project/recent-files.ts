import { mkdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describeFsError } from './project-io-errors'
import { writeFileAtomic } from './write-file-atomic'

export interface RecentFileEntry {
  /** Absolute path of the project file. */
  readonly path: string
  /** ISO time it was last opened or saved. */
  readonly openedAt: string
}

export interface RecentFilesOptions {
  readonly fileName?: string
  readonly max?: number
  readonly now?: () => Date
}

export const DEFAULT_MAX_RECENT_FILES = 10

/**
 * The "Open Recent" list, as JSON in `<dir>/recent-files.json` (the app passes its userData folder).
 * Newest first, at most `max` entries, one entry per file (paths compared case-insensitively on
 * Windows and macOS, whose usual file systems are). Reading drops files that no longer exist. A
 * damaged list file is treated as empty rather than stopping the app. Operations are serialised,
 * so concurrent calls never lose an update.
 */
export class RecentFiles {
  private readonly path: string
  private readonly max: number
  private readonly now: () => Date
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly dir: string,
    options: RecentFilesOptions = {}
  ) {
    this.path = join(dir, options.fileName ?? 'recent-files.json')
    this.max = options.max ?? DEFAULT_MAX_RECENT_FILES
    this.now = options.now ?? (() => new Date())
  }

  /** Entries whose files still exist, newest first (writes the pruned list back if any vanished). */
  list(): Promise<RecentFileEntry[]> {
    return this.serial(async () => {
      const stored = await this.read()
      const present: RecentFileEntry[] = []
      for (const entry of stored) if (await isFile(entry.path)) present.push(entry)
      if (present.length !== stored.length) await this.write(present)
      return present
    })
  }

  /** Puts `projectPath` first (after opening or saving it). */
  add(projectPath: string): Promise<RecentFileEntry[]> {
    return this.serial(async () => {
      const path = resolve(projectPath)
      const entry: RecentFileEntry = { path, openedAt: this.now().toISOString() }
      const next = [entry, ...(await this.read()).filter((e) => !samePath(e.path, path))].slice(0, this.max)
      await this.write(next)
      return next
    })
  }

  remove(projectPath: string): Promise<RecentFileEntry[]> {
    return this.serial(async () => {
      const path = resolve(projectPath)
      const stored = await this.read()
      const next = stored.filter((e) => !samePath(e.path, path))
      if (next.length !== stored.length) await this.write(next)
      return next
    })
  }

  clear(): Promise<void> {
    return this.serial(() => this.write([]))
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async read(): Promise<RecentFileEntry[]> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return []
      throw describeFsError(error, this.path, 'read the recent files list')
    }
    try {
      const parsed: unknown = JSON.parse(text)
      if (!Array.isArray(parsed)) return []
      return parsed
        .filter(
          (e): e is RecentFileEntry =>
            typeof e === 'object' &&
            e !== null &&
            typeof e.path === 'string' &&
            typeof e.openedAt === 'string'
        )
        .map((e) => ({ path: e.path, openedAt: e.openedAt }))
        .slice(0, this.max)
    } catch {
      return []
    }
  }

  private async write(entries: readonly RecentFileEntry[]): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true })
    } catch (error) {
      throw describeFsError(error, this.dir, 'save the recent files list')
    }
    await writeFileAtomic(this.path, `${JSON.stringify(entries, null, 2)}\n`, {
      action: 'save the recent files list'
    })
  }
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin'
    ? a.toLowerCase() === b.toLowerCase()
    : a === b
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}
