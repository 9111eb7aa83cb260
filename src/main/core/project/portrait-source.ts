import { basename, isAbsolute, resolve } from 'node:path'
import { type PortraitMime, type PortraitSource, type ProjectFile } from '@shared/project'
import { MimesisError } from '@shared/errors/mimesis-error'
import { describeFsError } from './project-io-errors'
import { MAX_PORTRAIT_BYTES, readRegularFile } from './read-regular-file'
import { sha256Bytes } from './sha256-file'

/** Image type from the file's first bytes (extensions lie); undefined when not PNG, JPEG or WebP. */
export function sniffPortraitMime(bytes: Uint8Array): PortraitMime | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (
    bytes.length >= 12 &&
    String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' &&
    String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP'
  ) {
    return 'image/webp'
  }
  return undefined
}

/**
 * Portrait source for a new project or a relink (a regular file of at most MAX_PORTRAIT_BYTES, else a
 * `NotAFileError` or `FileTooLargeError`): `embed` stores the bytes in the project (portable);
 * otherwise the project references the file by absolute path, with its SHA-256.
 */
export async function readPortraitSource(
  imagePath: string,
  options: { embed: boolean }
): Promise<PortraitSource> {
  const absolute = resolve(imagePath)
  let bytes: Buffer
  try {
    bytes = await readRegularFile(absolute, {
      what: 'The portrait',
      maxBytes: MAX_PORTRAIT_BYTES,
      remedy: 'Choose an image file (PNG, JPEG or WebP).'
    })
  } catch (error) {
    if (error instanceof MimesisError) throw error
    throw describeFsError(error, absolute, 'read the portrait')
  }
  const sha256 = sha256Bytes(bytes)
  const fileName = basename(absolute)
  if (!options.embed) return { kind: 'reference', path: absolute, sha256, fileName }
  const mime = sniffPortraitMime(bytes)
  if (!mime)
    throw new Error(`${absolute} is not a PNG, JPEG or WebP image, so it cannot be embedded in a project.`)
  return { kind: 'embedded', mime, dataBase64: bytes.toString('base64'), sha256, fileName }
}

/** The project pointing at a newly located portrait (after `PortraitMissingError`); stored by absolute path. */
export async function relinkPortrait(project: ProjectFile, imagePath: string): Promise<ProjectFile> {
  const portrait = await readPortraitSource(imagePath, { embed: false })
  return { ...project, portrait }
}

/** A copy whose referenced portrait path is absolute, for writing the project somewhere else (autosave). */
export function withAbsolutePortraitPath(project: ProjectFile, baseDir: string): ProjectFile {
  const { portrait } = project
  if (portrait.kind !== 'reference' || isAbsolute(portrait.path)) return project
  return { ...project, portrait: { ...portrait, path: resolve(baseDir, portrait.path) } }
}
