import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import type { FileRef } from '@shared/ipc/contract'
import { MimesisError } from '@shared/errors/mimesis-error'

/**
 * Paths the user granted through a dialog or a drop. The renderer only ever holds opaque tokens, so a
 * compromised renderer cannot make main read or write a path the user never chose.
 */
export class FileGrants {
  private readonly byToken = new Map<string, string>()

  /**
   * `onGrant` hears of every new grant. The core process reports them to main, which keeps the ledger
   * and hands it to a restarted core, so the renderer's tokens outlive a crash of the core.
   */
  constructor(private readonly onGrant: (token: string, path: string) => void = () => undefined) {}

  async grant(path: string): Promise<FileRef> {
    const absolute = resolve(path)
    const info = await stat(absolute).catch(() => null)
    if (!info) throw new MimesisError('file-not-found', `The file "${basename(absolute)}" does not exist.`)
    if (!info.isFile()) {
      throw new MimesisError('not-a-file', `"${basename(absolute)}" is a folder, not a file. Choose a file.`)
    }
    return { token: this.issue(absolute), name: basename(absolute), sizeBytes: info.size }
  }

  /**
   * Grants a file the user chose to write (a save dialog's answer): it need not exist yet, but its
   * folder must. The same token resolves to it before and after it is written.
   */
  async grantOutput(path: string): Promise<FileRef> {
    const absolute = resolve(path)
    const folder = await stat(dirname(absolute)).catch(() => null)
    if (!folder?.isDirectory()) {
      throw new MimesisError(
        'folder-not-found',
        `The folder for "${basename(absolute)}" does not exist. Choose another location.`
      )
    }
    const existing = await stat(absolute).catch(() => null)
    if (existing && !existing.isFile()) {
      throw new MimesisError(
        'not-a-file',
        `"${basename(absolute)}" is a folder, not a file. Choose a file name.`
      )
    }
    return { token: this.issue(absolute), name: basename(absolute), sizeBytes: existing?.size ?? 0 }
  }

  /**
   * Grants a folder the user chose to write (an image sequence's, named in a save dialog): it need not exist yet,
   * but its parent must, and it must not be a file. What it holds is checked when the export starts.
   */
  async grantOutputFolder(path: string): Promise<FileRef> {
    const absolute = resolve(path)
    const parent = await stat(dirname(absolute)).catch(() => null)
    if (!parent?.isDirectory()) {
      throw new MimesisError(
        'folder-not-found',
        `The folder for "${basename(absolute)}" does not exist. Choose another location.`
      )
    }
    const existing = await stat(absolute).catch(() => null)
    if (existing && !existing.isDirectory()) {
      throw new MimesisError(
        'not-a-file',
        `"${basename(absolute)}" is a file, not a folder. Choose a name for the sequence's folder.`
      )
    }
    return { token: this.issue(absolute), name: basename(absolute), sizeBytes: 0 }
  }

  /**
   * Takes over a grant made earlier (by a core process that has since exited): main replays its ledger
   * into a new core, so only paths that once came from a dialog or a drop are ever adopted.
   */
  adopt(token: string, path: string): void {
    this.byToken.set(token, path)
  }

  private issue(absolute: string): string {
    const token = randomBytes(18).toString('base64url')
    this.byToken.set(token, absolute)
    this.onGrant(token, absolute)
    return token
  }

  resolve(token: string): string {
    const path = this.byToken.get(token)
    if (!path) {
      throw new MimesisError('unknown-file', 'That file is no longer available to the studio. Open it again.')
    }
    return path
  }
}
