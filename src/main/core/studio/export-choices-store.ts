import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { exportChoicesSchema, type ExportChoices } from '@shared/export/export-presets'
import { writeFileAtomic } from '../project/write-file-atomic'
import { recentProjectId } from './recent-projects'

export const DEFAULT_MAX_REMEMBERED_EXPORTS = 100

const entrySchema = z.object({ key: z.string().min(1).max(64), choices: exportChoicesSchema })
type Entry = z.infer<typeof entrySchema>

/**
 * The export dialog's last choices per project, in `<dir>/export-choices.json` (the app passes its userData folder):
 * remembered outside the project file, since exporting never changes the project. A project is known by a hash of its
 * path (`recentProjectId`), never the path. Newest first, at most `max` entries.
 * A damaged file, or an entry that no longer fits the schema (an older app's), is ignored rather than stopping the
 * dialog. Operations are serialised.
 */
export class ExportChoicesStore {
  private readonly path: string
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly dir: string,
    private readonly max = DEFAULT_MAX_REMEMBERED_EXPORTS
  ) {
    this.path = join(dir, 'export-choices.json')
  }

  /** The key of the project at `projectPath`. */
  static keyFor(projectPath: string): string {
    return recentProjectId(projectPath)
  }

  get(key: string): Promise<ExportChoices | null> {
    return this.serial(async () => (await this.read()).find((e) => e.key === key)?.choices ?? null)
  }

  set(key: string, choices: ExportChoices): Promise<void> {
    return this.serial(async () => {
      const rest = (await this.read()).filter((e) => e.key !== key)
      const entries = [{ key, choices }, ...rest].slice(0, this.max)
      await mkdir(this.dir, { recursive: true })
      await writeFileAtomic(this.path, `${JSON.stringify(entries, null, 2)}\n`, {
        action: 'remember the export choices'
      })
    })
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }

  private async read(): Promise<Entry[]> {
    let parsed: unknown
    try {
      parsed = JSON.parse(await readFile(this.path, 'utf8'))
    } catch {
      return []
    }
    if (!Array.isArray(parsed)) return []
    return parsed.flatMap((e) => {
      const entry = entrySchema.safeParse(e)
      return entry.success ? [entry.data] : []
    })
  }
}
