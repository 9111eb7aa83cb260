import {
  type ProjectFile,
  ProjectFormatError,
  formatJsonPath,
  projectFileSchema,
  serializeProject
} from '@shared/project'
import { type AtomicWriteFs, writeFileAtomic } from './write-file-atomic'

export interface SaveProjectOptions {
  /** Test seam: replaces fs calls to simulate failures. */
  readonly fs?: AtomicWriteFs
}

/**
 * Validates `project` and writes it to `path` atomically (see `writeFileAtomic`): the previous file
 * stays intact if anything fails. Refuses to write a project that would not load again
 * (`ProjectFormatError` naming the JSON path); file-system failures throw `ProjectIoError`.
 * The caller sets `modifiedAt` (and the portrait path, relative or absolute) before saving.
 */
export async function saveProjectAtomic(
  path: string,
  project: ProjectFile,
  options: SaveProjectOptions = {}
): Promise<void> {
  const checked = projectFileSchema.safeParse(project)
  if (!checked.success) {
    throw new ProjectFormatError(
      checked.error.issues.map((issue) => ({ path: formatJsonPath(issue.path), message: issue.message })),
      'Refusing to save an invalid project'
    )
  }
  await writeFileAtomic(path, serializeProject(project), {
    action: 'save the project',
    ...(options.fs ? { fs: options.fs } : {})
  })
}
