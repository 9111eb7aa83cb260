import { useCallback, useMemo } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import type { OpenedProject } from '@shared/ipc/contract'
import { packDocument, unpackDocument } from '@shared/timeline'
import { useRecent } from '../store/recent-store'
import { useStudio } from '../store/studio-store'
import type { PortraitIntake } from './use-portrait-intake'
import { audioFromOpened, audioRequest } from './audio-track'

export interface ProjectCommands {
  save(options?: { saveAs?: boolean }): Promise<void>
  open(): Promise<void>
  /** Opens a project of the recent list (by the id main gave it). */
  openRecent(id: string): Promise<void>
}

function describe(error: unknown): string {
  return error instanceof MimesisIpcError || error instanceof Error ? error.message : String(error)
}

/**
 * Save and open (from the dialog or the recent list). A failed open leaves the current work untouched;
 * a failed save says why. Every save and open refreshes the recent list.
 */
export function useProjectCommands(intake: PortraitIntake): ProjectCommands {
  const showNotice = useStudio((s) => s.showNotice)

  const save = useCallback(
    async ({ saveAs = false }: { saveAs?: boolean } = {}) => {
      const { portrait, document, audio, project, setProject } = useStudio.getState()
      if (portrait.kind !== 'ready') return
      try {
        const saved = await window.mimesis.saveProject({
          projectToken: project?.file.token ?? null,
          saveAs,
          portraitToken: portrait.file.token,
          faceIndex: portrait.faceIndex,
          document: packDocument(document),
          audio: audioRequest(audio)
        })
        if (!saved) return
        setProject({ file: saved.project, savedDocument: document, savedAudio: audio })
        showNotice({ tone: 'info', text: `Saved ${saved.project.name}` })
        void useRecent.getState().refresh()
      } catch (error) {
        showNotice({ tone: 'error', text: `The project was not saved: ${describe(error)}` })
      }
    },
    [showNotice]
  )

  const openWith = useCallback(
    async (request: () => Promise<OpenedProject | null>) => {
      try {
        const opened = await request()
        if (!opened) return
        const loaded = await intake.loadFile(opened.portrait, opened.faceIndex)
        if (!loaded) return
        const { replaceDocument, setProject, setAudio } = useStudio.getState()
        const audio = audioFromOpened(opened.audio)
        const document = unpackDocument(opened.document)
        replaceDocument(document)
        setAudio(audio)
        setProject({ file: opened.project, savedDocument: document, savedAudio: audio })
        showNotice({
          tone: 'info',
          text:
            opened.migratedFromVersion === null
              ? `Opened ${opened.project.name}`
              : `Opened ${opened.project.name} (updated from format v${opened.migratedFromVersion}; saving writes the new format)`
        })
      } catch (error) {
        showNotice({ tone: 'error', text: `The project could not be opened: ${describe(error)}` })
      } finally {
        void useRecent.getState().refresh()
      }
    },
    [intake, showNotice]
  )

  const open = useCallback(() => openWith(() => window.mimesis.openProject()), [openWith])

  const openRecent = useCallback(
    async (id: string) => {
      const { setOpening } = useRecent.getState()
      setOpening(id)
      try {
        await openWith(() => window.mimesis.openRecentProject({ id }))
      } finally {
        setOpening(null)
      }
    },
    [openWith]
  )

  return useMemo(() => ({ save, open, openRecent }), [save, open, openRecent])
}
