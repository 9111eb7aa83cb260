import {
  checkTrackCount,
  type ProjectFile,
  ProjectFormatError,
  formatJsonPath,
  projectFileSchema,
  serializeProject
} from '@shared/project'
import { type ProjectAudioInput, readProjectAudio } from './project-audio-source'
import { type AtomicWriteFs, writeFileAtomic } from './write-file-atomic'

export interface SaveProjectOptions {
  /** Test seam: replaces fs calls to simulate failures. */
  readonly fs?: AtomicWriteFs
  /**
   * The audio track to save: an audio file on disk, embedded into the file (replacing
   * `project.audio`), or null for none. Left out: `project.audio` is saved as it is.
   */
  readonly audio?: ProjectAudioInput | null
}

/**
 * Validates `project` and writes it to `path` atomically (see `writeFileAtomic`): the previous file
 * stays intact if anything fails. Refuses to write a project that would not load again
 * (`ProjectFormatError` naming the JSON path, e.g. `audio.startSec`); file-system failures throw
 * `ProjectIoError`; an audio file that cannot be embedded throws as `readProjectAudio` does.
 * The caller sets `modifiedAt` (and the portrait path, relative or absolute) before saving.
 */
export async function saveProjectAtomic(
  path: string,
  given: ProjectFile,
  options: SaveProjectOptions = {}
): Promise<void> {
  const project: ProjectFile =
    options.audio === undefined
      ? given
      : { ...given, audio: options.audio === null ? null : await readProjectAudio(options.audio) }
  checkTrackCount(
    project,
    ['document', 'tracks'],
    'Refusing to save a project that could not be opened again'
  )
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
