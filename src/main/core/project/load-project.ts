import { readFile, stat } from 'node:fs/promises'
import { dirname, isAbsolute, resolve } from 'node:path'
import {
  type MigrateProjectOptions,
  type ProjectFile,
  migrateProject,
  projectVersionOf
} from '@shared/project'
import { locateJsonError } from './locate-json-error'
import {
  PortraitMissingError,
  ProjectJsonError,
  ProjectTooLargeError,
  describeFsError,
  systemCodeOf
} from './project-io-errors'
import { sha256File } from './sha256-file'

/** 512 MiB: an embedded portrait is a few MB of base64; anything near this is not a project. */
export const DEFAULT_MAX_PROJECT_BYTES = 512 * 1024 * 1024

export interface LoadProjectOptions extends MigrateProjectOptions {
  readonly maxBytes?: number
  /**
   * Check a referenced portrait (exists, same SHA-256). Default true. The UI may pass false to open
   * the document anyway after the user chose "open without portrait".
   */
  readonly checkPortrait?: boolean
}

export interface LoadedProject {
  readonly project: ProjectFile
  /** Absolute path of a referenced portrait (resolved against the project's folder); undefined if embedded. */
  readonly portraitPath: string | undefined
  /** The format version the file was written in; less than the current one means it was migrated. */
  readonly fileVersion: number
}

/** Absolute path of a referenced portrait: `portrait.path` is absolute or relative to the project's folder. */
export function resolvePortraitPath(projectPath: string, portraitPath: string): string {
  return isAbsolute(portraitPath) ? portraitPath : resolve(dirname(projectPath), portraitPath)
}

/**
 * Reads, parses, migrates and validates a `.mimesis` file, then checks a referenced portrait.
 * Throws: `ProjectIoError` (cannot read), `ProjectTooLargeError`, `ProjectJsonError` (line/column),
 * `NewerProjectVersionError`, `ProjectFormatError` (JSON path of the problem), and
 * `PortraitMissingError` (missing or changed referenced portrait, with its path).
 */
export async function loadProject(path: string, options: LoadProjectOptions = {}): Promise<LoadedProject> {
  const limit = options.maxBytes ?? DEFAULT_MAX_PROJECT_BYTES
  let text: string
  try {
    const info = await stat(path)
    if (info.size > limit) throw new ProjectTooLargeError(path, info.size, limit)
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (error instanceof ProjectTooLargeError) throw error
    throw describeFsError(error, path, 'open the project')
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)

  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    const where = locateJsonError(text)
    const detail = where?.message ?? (error instanceof Error ? error.message : String(error))
    throw new ProjectJsonError(path, where?.line ?? 1, where?.column ?? 1, detail)
  }

  const fileVersion = projectVersionOf(json)
  const project = migrateProject(json, options)
  if (project.portrait.kind !== 'reference') return { project, portraitPath: undefined, fileVersion }

  const portraitPath = resolvePortraitPath(path, project.portrait.path)
  if (options.checkPortrait !== false) {
    let actual: string
    try {
      actual = await sha256File(portraitPath)
    } catch (error) {
      const code = systemCodeOf(error)
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
        throw new PortraitMissingError(portraitPath, 'missing', project.portrait.sha256, path)
      }
      throw describeFsError(error, portraitPath, 'read the portrait')
    }
    if (actual !== project.portrait.sha256) {
      throw new PortraitMissingError(portraitPath, 'changed', project.portrait.sha256, path)
    }
  }
  return { project, portraitPath, fileVersion }
}
