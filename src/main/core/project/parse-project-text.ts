import {
  type MigrateProjectOptions,
  type ProjectFile,
  migrateProject,
  projectVersionOf
} from '@shared/project'
import { locateJsonError } from '@shared/json/locate-json-error'
import { ProjectJsonError } from './project-io-errors'

export interface ParsedProject {
  readonly project: ProjectFile
  /** The format version the text was written in; less than the current one means it was migrated. */
  readonly fileVersion: number
}

/**
 * Parses, migrates and validates the text of a `.mimesis` file (`path` only names it in messages).
 * Throws `ProjectJsonError` (line/column), `NewerProjectVersionError` or `ProjectFormatError`.
 */
export function parseProjectText(
  path: string,
  text: string,
  options: MigrateProjectOptions = {}
): ParsedProject {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (error) {
    const where = locateJsonError(body)
    const detail = where?.message ?? (error instanceof Error ? error.message : String(error))
    throw new ProjectJsonError(path, where?.line ?? 1, where?.column ?? 1, detail)
  }
  const fileVersion = projectVersionOf(json)
  return { project: migrateProject(json, options), fileVersion }
}
