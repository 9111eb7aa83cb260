import { MimesisError } from '@shared/errors/mimesis-error'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { PortraitMime, ProjectFile } from '@shared/project'
import { sha256Bytes } from './sha256-file'

const MIME_EXTENSIONS: Readonly<Record<PortraitMime, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp'
}

/**
 * Writes a project's embedded portrait into `cacheDir` (in a folder named by its checksum, so the
 * same portrait is unpacked to the same path) and returns the image's path, so it can be read like
 * any file. Throws an error with code `PORTRAIT_DAMAGED` when the bytes do not match their checksum.
 */
export async function unpackEmbeddedPortrait(project: ProjectFile, cacheDir: string): Promise<string> {
  const { portrait } = project
  if (portrait.kind !== 'embedded') throw new Error('unpackEmbeddedPortrait: the portrait is not embedded')
  const bytes = Buffer.from(portrait.dataBase64, 'base64')
  const sha = sha256Bytes(bytes)
  if (sha !== portrait.sha256) {
    throw new MimesisError(
      'PORTRAIT_DAMAGED',
      'The portrait stored in this project is damaged (its checksum does not match). Open a backup.'
    )
  }
  const dir = join(cacheDir, sha.slice(0, 16))
  await mkdir(dir, { recursive: true })
  const path = join(
    dir,
    `${basename(portrait.fileName, extname(portrait.fileName))}${MIME_EXTENSIONS[portrait.mime]}`
  )
  await writeFile(path, bytes)
  return path
}
