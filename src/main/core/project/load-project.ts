import { dirname, isAbsolute, resolve } from 'node:path'
import { type MigrateProjectOptions, type ProjectFile } from '@shared/project'
import { parseProjectText } from './parse-project-text'
import {
  PortraitMissingError,
  ProjectTooLargeError,
  describeFsError,
  systemCodeOf
} from './project-io-errors'
import { FileTooLargeError, MAX_PORTRAIT_BYTES, NotAFileError, readRegularFile } from './read-regular-file'
import { sha256File } from './sha256-file'
import { unpackEmbeddedAudio } from './unpack-embedded-audio'

/**
 * 512 MiB: an embedded portrait is a few MB of base64 and embedded audio at most 267 MiB of it
 * (200 MiB of audio); anything near this is not a project.
 */
export const DEFAULT_MAX_PROJECT_BYTES = 512 * 1024 * 1024

export interface LoadProjectOptions extends MigrateProjectOptions {
  readonly maxBytes?: number
  /**
   * Check a referenced portrait (exists, same SHA-256). Default true. The UI may pass false to open
   * the document anyway after the user chose "open without portrait".
   */
  readonly checkPortrait?: boolean
  /**
   * Where embedded audio is unpacked (the folder embedded portraits are unpacked to; content-addressed,
   * so opening the same project again reuses the file). Without it the audio is not unpacked and
   * `LoadedProject.audio` is null; `project.audio` still holds it (see `unpackEmbeddedAudio`).
   */
  readonly cacheDir?: string
}

/** The project's audio track, unpacked to a file. */
export interface LoadedProjectAudio {
  /** Absolute path of the unpacked .m4a. */
  readonly path: string
  /** Name shown for the audio. */
  readonly fileName: string
  readonly sha256: string
  /** Document time, in seconds, at which the audio's time 0 plays. */
  readonly startSec: number
  readonly muted: boolean
}

export interface LoadedProject {
  readonly project: ProjectFile
  /** Absolute path of a referenced portrait (resolved against the project's folder); undefined if embedded. */
  readonly portraitPath: string | undefined
  /** The format version the file was written in; less than the current one means it was migrated. */
  readonly fileVersion: number
  /** The unpacked audio track; null when the project has none or no `cacheDir` was given. */
  readonly audio: LoadedProjectAudio | null
}

/** Absolute path of a referenced portrait: `portrait.path` is absolute or relative to the project's folder. */
export function resolvePortraitPath(projectPath: string, portraitPath: string): string {
  return isAbsolute(portraitPath) ? portraitPath : resolve(dirname(projectPath), portraitPath)
}

/**
 * Reads, parses, migrates and validates a `.mimesis` file, then checks a referenced portrait.
 * Only regular files are read, each within a size limit, so no path (a device, a FIFO) can hang it.
 * Throws: `ProjectIoError` (cannot read), `ProjectTooLargeError`, `ProjectJsonError` (line/column),
 * `NewerProjectVersionError`, `ProjectFormatError` (JSON path of the problem), and
 * `PortraitMissingError` (missing or changed referenced portrait, with its path), `NotAFileError` /
 * `FileTooLargeError` (the project or its portrait is a device, FIFO or socket, or too large). With `cacheDir`, the
 * audio is unpacked too: a `MimesisError` `AUDIO_DAMAGED` when it fails its checksum, `ProjectIoError`
 * when it cannot be written.
 */
export async function loadProject(path: string, options: LoadProjectOptions = {}): Promise<LoadedProject> {
  const limit = options.maxBytes ?? DEFAULT_MAX_PROJECT_BYTES
  let text: string
  try {
    const bytes = await readRegularFile(path, {
      what: 'The project',
      maxBytes: limit,
      remedy: 'Open a Mimesis Studio project (.mimesis) file.'
    })
    text = bytes.toString('utf8')
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new ProjectTooLargeError(path, error.sizeBytes, limit)
    if (error instanceof NotAFileError) throw error
    throw describeFsError(error, path, 'open the project')
  }
  const { project, fileVersion } = parseProjectText(path, text, options)
  const portraitPath = await checkedPortraitPath(path, project, options)
  const audio =
    project.audio != null && options.cacheDir != null
      ? {
          path: await unpackEmbeddedAudio(project.audio, options.cacheDir),
          fileName: project.audio.fileName,
          sha256: project.audio.sha256,
          startSec: project.audio.startSec,
          muted: project.audio.muted
        }
      : null
  return { project, portraitPath, fileVersion, audio }
}

/** Absolute path of a referenced portrait, checked unless `checkPortrait` is false; undefined if embedded. */
async function checkedPortraitPath(
  path: string,
  project: ProjectFile,
  options: LoadProjectOptions
): Promise<string | undefined> {
  if (project.portrait.kind !== 'reference') return undefined
  const portraitPath = resolvePortraitPath(path, project.portrait.path)
  if (options.checkPortrait !== false) {
    let actual: string
    try {
      // Only a regular file of portrait size is hashed: a path to /dev/zero or a FIFO would never end.
      actual = await sha256File(portraitPath, {
        what: 'The portrait of this project at',
        maxBytes: MAX_PORTRAIT_BYTES,
        remedy: 'Locate the image (PNG, JPEG or WebP) to continue.'
      })
    } catch (error) {
      const code = systemCodeOf(error)
      if (
        code === 'ENOENT' ||
        code === 'ENOTDIR' ||
        code === 'EISDIR' ||
        (error instanceof NotAFileError && error.kind === 'a folder')
      ) {
        throw new PortraitMissingError(portraitPath, 'missing', project.portrait.sha256, path)
      }
      if (error instanceof NotAFileError || error instanceof FileTooLargeError) throw error
      throw describeFsError(error, portraitPath, 'read the portrait')
    }
    if (actual !== project.portrait.sha256) {
      throw new PortraitMissingError(portraitPath, 'changed', project.portrait.sha256, path)
    }
  }
  return portraitPath
}
