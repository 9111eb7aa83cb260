import { createHash } from 'node:crypto'
import { homedir } from 'node:os'
import { basename, dirname, sep } from 'node:path'
import type { RecentProject } from '@shared/ipc/contract'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { RecentFiles } from '../project'

/** The id the renderer and the menu use for a recent project: derived from its path, never the path. */
export function recentProjectId(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16)
}

/** A folder for people to read: the home folder shortened to `~`. */
export function displayFolder(path: string, home: string = homedir()): string {
  const folder = dirname(path)
  if (folder === home) return '~'
  return folder.startsWith(home + sep) ? `~${folder.slice(home.length)}` : folder
}

/**
 * The "Open Recent" list as the studio shows it: `RecentFiles` (which keeps paths in userData) seen
 * through ids, so a renderer asks for "the project with id X" and never names a path. Listeners hear
 * about every change (the Electron menu rebuilds its Open Recent submenu).
 */
export class RecentProjects {
  private readonly listeners = new Set<() => void>()
  private readonly known = new Map<string, string>()

  constructor(private readonly files: RecentFiles) {}

  async list(): Promise<RecentProject[]> {
    const entries = await this.files.list()
    return entries.map((entry) => {
      const id = recentProjectId(entry.path)
      this.known.set(id, entry.path)
      return { id, name: basename(entry.path), folder: displayFolder(entry.path), openedAt: entry.openedAt }
    })
  }

  /**
   * The path behind an id the renderer or the menu was given. Ids are remembered from every listing,
   * so a file that has gone since the list was shown is still found here, and the caller can say so.
   */
  async pathFor(id: string): Promise<string> {
    if (!this.known.has(id)) await this.list()
    const path = this.known.get(id)
    if (path === undefined) {
      throw new MimesisError(
        'recent-unknown',
        'That project is no longer in the recent list. Open it with Open project….'
      )
    }
    return path
  }

  async add(path: string): Promise<void> {
    const entries = await this.files.add(path)
    for (const entry of entries) this.known.set(recentProjectId(entry.path), entry.path)
    this.changed()
  }

  async remove(path: string): Promise<void> {
    await this.files.remove(path)
    this.changed()
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private changed(): void {
    for (const listener of this.listeners) listener()
  }
}
