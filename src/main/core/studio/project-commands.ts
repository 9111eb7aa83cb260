import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { OpenedProject, SaveProjectRequest, SavedProject } from '@shared/ipc/contract'
import { createProjectFile, PROJECT_FILE_EXTENSION, type ProjectFile } from '@shared/project'
import { packDocument } from '@shared/timeline'
import type { FileGrants } from '../ipc/file-grants'
import type { DialogPort } from '../ipc/ports'
import { MimesisError } from '@shared/errors/mimesis-error'
import { loadProject, readPortraitSource, saveProjectAtomic } from '../project'
import { unpackEmbeddedPortrait } from '../project/unpack-embedded-portrait'
import { displayFolder, type RecentProjects } from './recent-projects'

// Moved to the project core, where the CLI uses it too; re-exported for the studio's sessions.
export { unpackEmbeddedPortrait }

/** The engine pack a project records; the built-in pack until packs can be chosen in the UI. */
export const DEFAULT_PACK_REF = { id: 'mimesis-builtin', version: '1' } as const

const PROJECT_FILTERS = [{ name: 'Mimesis project', extensions: [PROJECT_FILE_EXTENSION.replace(/^\./, '')] }]

export interface ProjectCommandsDeps {
  grants: FileGrants
  dialogs: DialogPort
  appVersion: string
  /** Where portraits embedded in opened projects are unpacked so they can be read like any file. */
  portraitCacheDir: string
  /** Saved and opened projects go to the top of this list. */
  recent?: RecentProjects
  now?: () => Date
}

/**
 * Save and open, the way the studio does them: paths only ever come from dialogs (or earlier grants),
 * portraits are embedded when their format allows it so a project file travels alone, and every write
 * is atomic.
 */
export function createProjectCommands(deps: ProjectCommandsDeps) {
  const now = deps.now ?? (() => new Date())
  const createdAt = new Map<string, string>()

  return {
    async save(request: SaveProjectRequest): Promise<SavedProject | null> {
      let path = request.projectToken && !request.saveAs ? deps.grants.resolve(request.projectToken) : null
      if (path === null) {
        const portraitName = basename(deps.grants.resolve(request.portraitToken))
        path = await deps.dialogs.saveFile({
          title: 'Save project',
          defaultName: portraitName.replace(/\.[^.]+$/, '') + PROJECT_FILE_EXTENSION,
          filters: PROJECT_FILTERS
        })
        if (path === null) return null
        if (extname(path) === '') path += PROJECT_FILE_EXTENSION
      }
      const portraitPath = deps.grants.resolve(request.portraitToken)
      const portrait = await readPortraitSource(portraitPath, { embed: true }).catch(() =>
        readPortraitSource(portraitPath, { embed: false })
      )
      const base = createProjectFile({
        appVersion: deps.appVersion,
        portrait,
        enginePack: DEFAULT_PACK_REF,
        document: request.document,
        selectedFaceIndex: request.faceIndex,
        now: now()
      })
      const project: ProjectFile = { ...base, createdAt: createdAt.get(path) ?? base.createdAt }
      const audioPath = request.audio ? deps.grants.resolve(request.audio.token) : null
      await saveProjectAtomic(path, project, {
        audio:
          request.audio && audioPath
            ? {
                path: audioPath,
                fileName: basename(audioPath),
                startSec: request.audio.startSec,
                muted: request.audio.muted
              }
            : null
      })
      createdAt.set(path, project.createdAt)
      await deps.recent?.add(path)
      return { project: await deps.grants.grant(path) }
    },

    async open(): Promise<OpenedProject | null> {
      const path = await deps.dialogs.openFile({ title: 'Open project', filters: PROJECT_FILTERS })
      return path === null ? null : openPath(path)
    },

    /** Opens a project of the recent list by its id; one whose file has gone leaves the list. */
    async openRecent(id: string): Promise<OpenedProject> {
      if (!deps.recent) throw new MimesisError('recent-unavailable', 'There is no recent projects list.')
      const path = await deps.recent.pathFor(id)
      if (!(await isFile(path))) {
        await deps.recent.remove(path)
        throw new MimesisError(
          'recent-missing',
          `"${basename(path)}" is no longer in ${displayFolder(path)}: it was moved, renamed or deleted. ` +
            'It has been removed from the recent list.'
        )
      }
      return openPath(path)
    }
  }

  async function openPath(path: string): Promise<OpenedProject> {
    const { project, portraitPath, fileVersion, audio } = await loadProject(path, {
      cacheDir: deps.portraitCacheDir
    })
    const imagePath = portraitPath ?? (await unpackEmbeddedPortrait(project, deps.portraitCacheDir))
    createdAt.set(path, project.createdAt)
    await deps.recent?.add(path)
    return {
      project: await deps.grants.grant(path),
      portrait: await deps.grants.grant(imagePath),
      faceIndex: project.selectedFaceIndex,
      document: packDocument(project.document),
      migratedFromVersion: fileVersion < project.version ? fileVersion : null,
      audio: audio
        ? { file: await deps.grants.grant(audio.path), startSec: audio.startSec, muted: audio.muted }
        : null
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false
}
