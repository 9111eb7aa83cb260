import { randomUUID } from 'node:crypto'
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { type ProjectFile } from '@shared/project'
import { type LoadedProject, loadProject } from './load-project'
import { withAbsolutePortraitPath } from './portrait-source'
import { describeFsError } from './project-io-errors'
import { saveProjectAtomic } from './save-project-atomic'
import { writeFileAtomic } from './write-file-atomic'

const AUTOSAVE_SUFFIX = '.autosave.mimesis'
const META_SUFFIX = '.autosave.json'
const SESSION_PREFIX = 'session-'
const PROJECT_ID = /^[A-Za-z0-9_-]{1,64}$/

/** What the recovery dialog shows for one autosave. */
export interface AutosaveEntry {
  readonly projectId: string
  /** Absolute path of the autosave file itself (a valid `.mimesis` file). */
  readonly autosavePath: string
  /** Where the user's own file is, or null for a project that was never saved. */
  readonly projectPath: string | null
  /** ISO time of the autosave. */
  readonly savedAt: string
  /** App session that wrote it. */
  readonly sessionId: string
}

interface SessionMarker {
  readonly sessionId: string
  readonly pid: number
  readonly startedAt: string
  readonly clean: boolean
}

export interface AutosaveStoreOptions {
  /** Defaults to a random UUID: one per app run. */
  readonly sessionId?: string
  readonly now?: () => Date
}

/**
 * Crash-recovery autosaves in one directory (the app passes `<userData>/autosave`).
 *
 * Each app run is a session: `start()` writes `session-<id>.json` with `clean: false`, and
 * `markCleanExit()` rewrites it with `clean: true` and deletes that session's autosaves. After a
 * crash the marker stays unclean, so the next run's `listRecoverable()` offers that session's
 * autosaves. Files are `<projectId>.autosave.mimesis` (openable as a project) plus a small
 * `<projectId>.autosave.json` with the session and the user's own path. All writes are atomic.
 * Assumes one app instance at a time (the Electron side holds the single-instance lock).
 */
export class AutosaveStore {
  readonly sessionId: string
  private readonly now: () => Date
  private started = false

  constructor(
    readonly dir: string,
    options: AutosaveStoreOptions = {}
  ) {
    this.sessionId = options.sessionId ?? randomUUID()
    this.now = options.now ?? (() => new Date())
  }

  /** Creates the directory and marks this session as running (unclean until `markCleanExit`). */
  async start(): Promise<void> {
    await this.ensureDir()
    await this.writeMarker(false)
    this.started = true
  }

  /** Autosaves `project` (e.g. every minute while dirty). `projectPath` is the user's own file, if saved. */
  async save(
    projectId: string,
    project: ProjectFile,
    projectPath: string | null = null
  ): Promise<AutosaveEntry> {
    checkProjectId(projectId)
    if (!this.started) await this.start()
    // A relative portrait path is relative to the user's project folder, not to the autosave folder.
    const portable = projectPath ? withAbsolutePortraitPath(project, dirname(projectPath)) : project
    const entry: AutosaveEntry = {
      projectId,
      autosavePath: join(this.dir, `${projectId}${AUTOSAVE_SUFFIX}`),
      projectPath,
      savedAt: this.now().toISOString(),
      sessionId: this.sessionId
    }
    await saveProjectAtomic(entry.autosavePath, portable)
    await writeFileAtomic(this.metaPath(projectId), `${JSON.stringify(entry, null, 2)}\n`, {
      action: 'write the autosave'
    })
    return entry
  }

  /** Removes a project's autosave (after the user saved it, closed it without saving, or declined recovery). */
  async discard(projectId: string): Promise<void> {
    checkProjectId(projectId)
    await rm(join(this.dir, `${projectId}${AUTOSAVE_SUFFIX}`), { force: true })
    await rm(this.metaPath(projectId), { force: true })
  }

  /**
   * Autosaves left by sessions that did not exit cleanly (crashes, kills, power cuts), newest first.
   * This session's own autosaves are never listed.
   */
  async listRecoverable(): Promise<AutosaveEntry[]> {
    const names = await this.readDirNames()
    const entries: AutosaveEntry[] = []
    for (const name of names) {
      if (!name.endsWith(META_SUFFIX)) continue
      const entry = await readJson<AutosaveEntry>(join(this.dir, name))
      if (!entry || entry.sessionId === this.sessionId || !PROJECT_ID.test(entry.projectId)) continue
      const marker = await readJson<SessionMarker>(this.markerPath(entry.sessionId))
      if (marker?.clean) continue
      const autosavePath = join(this.dir, `${entry.projectId}${AUTOSAVE_SUFFIX}`)
      if (!(await exists(autosavePath))) continue
      entries.push({ ...entry, autosavePath })
    }
    return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt))
  }

  /**
   * Loads an autosave for recovery. The portrait is not checked here: the caller handles a
   * missing portrait like for any project (`loadProject` on the autosave path, or `relinkPortrait`).
   */
  async recover(projectId: string): Promise<LoadedProject> {
    checkProjectId(projectId)
    return loadProject(join(this.dir, `${projectId}${AUTOSAVE_SUFFIX}`), { checkPortrait: false })
  }

  /**
   * Call on a clean shutdown (after the user saved or discarded every project): marks this session
   * clean and deletes its autosaves, then removes markers of clean sessions that have no files left.
   */
  async markCleanExit(): Promise<void> {
    await this.ensureDir()
    for (const name of await this.readDirNames()) {
      if (!name.endsWith(META_SUFFIX)) continue
      const entry = await readJson<AutosaveEntry>(join(this.dir, name))
      if (entry?.sessionId === this.sessionId && PROJECT_ID.test(entry.projectId))
        await this.discard(entry.projectId)
    }
    await this.writeMarker(true)
    this.started = false
  }

  /** Deletes leftovers: stale temp files and markers of sessions that no longer own any autosave. */
  async cleanup(): Promise<void> {
    const names = await this.readDirNames()
    const owners = new Set<string>()
    for (const name of names) {
      if (!name.endsWith(META_SUFFIX)) continue
      const entry = await readJson<AutosaveEntry>(join(this.dir, name))
      if (entry) owners.add(entry.sessionId)
    }
    for (const name of names) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(this.dir, name), { force: true })
      if (name.startsWith(SESSION_PREFIX) && name.endsWith('.json')) {
        const id = name.slice(SESSION_PREFIX.length, -'.json'.length)
        if (id !== this.sessionId && !owners.has(id)) await rm(join(this.dir, name), { force: true })
      }
    }
  }

  private metaPath(projectId: string): string {
    return join(this.dir, `${projectId}${META_SUFFIX}`)
  }

  private markerPath(sessionId: string): string {
    return join(this.dir, `${SESSION_PREFIX}${sessionId}.json`)
  }

  private async writeMarker(clean: boolean): Promise<void> {
    const marker: SessionMarker = {
      sessionId: this.sessionId,
      pid: process.pid,
      startedAt: this.now().toISOString(),
      clean
    }
    await writeFileAtomic(this.markerPath(this.sessionId), `${JSON.stringify(marker, null, 2)}\n`, {
      action: 'write the autosave session marker'
    })
  }

  private async ensureDir(): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true })
    } catch (error) {
      throw describeFsError(error, this.dir, 'create the autosave folder')
    }
  }

  private async readDirNames(): Promise<string[]> {
    try {
      return await readdir(this.dir)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return []
      throw describeFsError(error, this.dir, 'read the autosave folder')
    }
  }
}

function checkProjectId(projectId: string): void {
  if (!PROJECT_ID.test(projectId)) {
    throw new RangeError(
      `AutosaveStore: projectId must be 1-64 letters, digits, '-' or '_', got ${JSON.stringify(projectId)}`
    )
  }
}

// Unreadable or half-written metadata is treated as absent: recovery must never crash the app.
async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T
  } catch {
    return undefined
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}
