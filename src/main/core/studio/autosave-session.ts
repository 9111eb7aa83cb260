import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { AutosaveRequest, RecoverableWork, RecoveredWork } from '@shared/ipc/contract'
import { createProjectFile, type PortraitSource, type ProjectAudio } from '@shared/project'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { FileGrants } from '../ipc/file-grants'
import { type AutosaveStore, readPortraitSource, readProjectAudio, unpackEmbeddedAudio } from '../project'
import { DEFAULT_PACK_REF, unpackEmbeddedPortrait } from './project-commands'

export interface AutosaveSessionDeps {
  store: AutosaveStore
  grants: FileGrants
  appVersion: string
  /** Where portraits embedded in recovered work are unpacked (the same cache projects use). */
  portraitCacheDir: string
  now?: () => Date
}

/**
 * Autosave and crash recovery for one run of the studio. The renderer sends its unsaved work (tokens,
 * never paths); this run's autosave is one file named after the run's session id, so it can never
 * overwrite what an earlier, crashed run left for recovery. Portraits are embedded (read once per
 * portrait), so recovery works even when the photo has moved since.
 */
export function createAutosaveSession(deps: AutosaveSessionDeps) {
  const { store, grants } = deps
  const now = deps.now ?? (() => new Date())
  const ownId = store.sessionId
  const portraits = new Map<string, Promise<PortraitSource>>()
  const audios = new Map<string, Promise<ProjectAudio>>()
  // The session marker and the clean-up of leftovers happen once, on first use, before anything else
  // touches the folder.
  let started: Promise<void> | null = null
  const ready = (): Promise<void> => (started ??= store.start().then(() => store.cleanup()))
  // Writes are serialised so a slow write never lands after a newer one, nor after `clear` or the exit.
  let queue: Promise<unknown> = Promise.resolve()

  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(ready).then(task)
    queue = run.catch(() => undefined)
    return run
  }

  const portraitSource = (token: string): Promise<PortraitSource> => {
    let source = portraits.get(token)
    if (!source) {
      const path = grants.resolve(token)
      source = readPortraitSource(path, { embed: true }).catch(() =>
        readPortraitSource(path, { embed: false })
      )
      source.catch(() => portraits.delete(token))
      portraits.set(token, source)
    }
    return source
  }

  // The audio's bytes are read once per file; only where it plays and whether it is muted change.
  const audioTrack = async (track: NonNullable<AutosaveRequest['audio']>): Promise<ProjectAudio> => {
    let read = audios.get(track.token)
    if (!read) {
      const path = grants.resolve(track.token)
      read = readProjectAudio({ path, fileName: basename(path), startSec: 0, muted: false })
      read.catch(() => audios.delete(track.token))
      audios.set(track.token, read)
    }
    return { ...(await read), startSec: track.startSec, muted: track.muted }
  }

  return {
    async write(request: AutosaveRequest): Promise<{ savedAt: string }> {
      const projectPath = request.projectToken ? grants.resolve(request.projectToken) : null
      const portrait = await portraitSource(request.portraitToken)
      const audio = request.audio ? await audioTrack(request.audio) : null
      const project = createProjectFile({
        appVersion: deps.appVersion,
        portrait,
        enginePack: DEFAULT_PACK_REF,
        document: request.document,
        selectedFaceIndex: request.faceIndex,
        audio,
        now: now()
      })
      const entry = await serial(() => store.save(ownId, project, projectPath))
      return { savedAt: entry.savedAt }
    },

    clear(): Promise<void> {
      return serial(() => store.discard(ownId))
    },

    /** Work left by runs that did not exit cleanly and can still be read, newest first. */
    async list(): Promise<RecoverableWork[]> {
      await ready()
      const found: RecoverableWork[] = []
      for (const entry of await store.listRecoverable()) {
        const loaded = await store.recover(entry.projectId).catch(() => null)
        if (!loaded) continue
        found.push({
          id: entry.projectId,
          savedAt: entry.savedAt,
          projectName: entry.projectPath ? basename(entry.projectPath) : null,
          portraitName: loaded.project.portrait.fileName
        })
      }
      return found
    },

    /**
     * Restores recovered work: the portrait is unpacked (or found where it was referenced) and granted,
     * the work becomes this run's autosave at once, and only then is the crashed run's copy removed,
     * so a second crash right after recovery still loses nothing.
     */
    async recover(id: string): Promise<RecoveredWork> {
      await ready()
      const entry = (await store.listRecoverable()).find((e) => e.projectId === id)
      if (!entry) {
        throw new MimesisError('recovery-gone', 'That unsaved work is no longer available to recover.')
      }
      const { project, portraitPath } = await store.recover(id)
      if (portraitPath !== undefined && !(await isFile(portraitPath))) {
        throw new MimesisError(
          'recovery-portrait-missing',
          `The portrait this work used, "${project.portrait.fileName}", is no longer where it was. ` +
            'Put it back and try again, or discard the work.'
        )
      }
      const imagePath = portraitPath ?? (await unpackEmbeddedPortrait(project, deps.portraitCacheDir))
      const projectFile =
        entry.projectPath !== null && (await isFile(entry.projectPath)) ? entry.projectPath : null
      const recovered: RecoveredWork = {
        project: projectFile ? await grants.grant(projectFile) : null,
        portrait: await grants.grant(imagePath),
        faceIndex: project.selectedFaceIndex,
        document: project.document,
        savedAt: entry.savedAt,
        audio: project.audio
          ? {
              file: await grants.grant(await unpackEmbeddedAudio(project.audio, deps.portraitCacheDir)),
              startSec: project.audio.startSec,
              muted: project.audio.muted
            }
          : null
      }
      await serial(() => store.save(ownId, project, projectFile))
      await store.discard(id)
      return recovered
    },

    async discard(id: string): Promise<void> {
      await ready()
      if (id === ownId) return
      await store.discard(id)
    },

    /** A clean exit: this run's autosave goes and the run is marked clean. */
    markCleanExit(): Promise<void> {
      return serial(() => store.markCleanExit())
    }
  }
}

export type AutosaveSession = ReturnType<typeof createAutosaveSession>

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false
}
