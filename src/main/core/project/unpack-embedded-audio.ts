import { mkdir, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { EmbeddedAudio } from '@shared/project'
import { MimesisError } from '@shared/errors/mimesis-error'
import { sha256Bytes, sha256File } from './sha256-file'
import { writeFileAtomic } from './write-file-atomic'

/**
 * Writes embedded audio into `cacheDir` (the folder embedded portraits are unpacked to), in a folder
 * named by its checksum, so the same audio always lands on the same path, and returns that path (an
 * .m4a file). A copy already there with the right contents is reused, not rewritten: a player may have
 * it open (Windows refuses to replace an open file). Throws a `MimesisError` with code `AUDIO_DAMAGED`
 * when the bytes do not match their checksum.
 */
export async function unpackEmbeddedAudio(audio: EmbeddedAudio, cacheDir: string): Promise<string> {
  const bytes = Buffer.from(audio.dataBase64, 'base64')
  const sha = sha256Bytes(bytes)
  if (sha !== audio.sha256) {
    throw new MimesisError(
      'AUDIO_DAMAGED',
      'The audio stored in this project is damaged (its checksum does not match). Open a backup, or remove the audio and add it again.'
    )
  }
  const dir = join(cacheDir, sha.slice(0, 16))
  await mkdir(dir, { recursive: true })
  const path = join(dir, `${cacheName(audio.fileName)}.m4a`)
  if (await holds(path, bytes.length, sha)) return path
  await writeFileAtomic(path, bytes, { action: 'unpack the project audio' })
  return path
}

/** A file name from the (untrusted) display name: no folders, no characters Windows refuses. */
function cacheName(fileName: string): string {
  const name = basename(fileName.replace(/\\/g, '/'))
  const stem = basename(name, extname(name))
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
  return stem === '' ? 'audio' : stem
}

async function holds(path: string, size: number, sha: string): Promise<boolean> {
  const info = await stat(path).catch(() => null)
  if (info == null || !info.isFile() || info.size !== size) return false
  return (await sha256File(path).catch(() => null)) === sha
}
