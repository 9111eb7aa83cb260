import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { FileRef } from '@shared/ipc/contract'
import { MimesisError } from '../app/mimesis-error'

/**
 * Paths the user granted through a dialog or a drop. The renderer only ever holds opaque tokens, so a
 * compromised renderer cannot make main read or write a path the user never chose.
 */
export class FileGrants {
  private readonly byToken = new Map<string, string>()

  async grant(path: string): Promise<FileRef> {
    const absolute = resolve(path)
    const info = await stat(absolute).catch(() => null)
    if (!info) throw new MimesisError('file-not-found', `The file "${basename(absolute)}" does not exist.`)
    if (!info.isFile()) {
      throw new MimesisError('not-a-file', `"${basename(absolute)}" is a folder, not a file. Choose a file.`)
    }
    const token = randomBytes(18).toString('base64url')
    this.byToken.set(token, absolute)
    return { token, name: basename(absolute), sizeBytes: info.size }
  }

  resolve(token: string): string {
    const path = this.byToken.get(token)
    if (!path) {
      throw new MimesisError('unknown-file', 'That file is no longer available to the studio. Open it again.')
    }
    return path
  }
}
