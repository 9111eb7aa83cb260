import { useCallback, useMemo } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import { useStudio } from '../store/studio-store'
import type { PortraitIntake } from './use-portrait-intake'

export interface ProjectCommands {
  save(options?: { saveAs?: boolean }): Promise<void>
  open(): Promise<void>
}

function describe(error: unknown): string {
  return error instanceof MimesisIpcError || error instanceof Error ? error.message : String(error)
}

/** Save and open. A failed open leaves the current work untouched; a failed save says why. */
export function useProjectCommands(intake: PortraitIntake): ProjectCommands {
  const showNotice = useStudio((s) => s.showNotice)

  const save = useCallback(
    async ({ saveAs = false }: { saveAs?: boolean } = {}) => {
      const { portrait, document, project, setProject } = useStudio.getState()
      if (portrait.kind !== 'ready') return
      try {
        const saved = await window.mimesis.saveProject({
          projectToken: project?.file.token ?? null,
          saveAs,
          portraitToken: portrait.file.token,
          faceIndex: portrait.faceIndex,
          document
        })
        if (!saved) return
        setProject({ file: saved.project, savedDocument: document })
        showNotice({ tone: 'info', text: `Saved ${saved.project.name}` })
      } catch (error) {
        showNotice({ tone: 'error', text: `The project was not saved: ${describe(error)}` })
      }
    },
    [showNotice]
  )

  const open = useCallback(async () => {
    try {
      const opened = await window.mimesis.openProject()
      if (!opened) return
      const loaded = await intake.loadFile(opened.portrait, opened.faceIndex)
      if (!loaded) return
      const { replaceDocument, setProject } = useStudio.getState()
      replaceDocument(opened.document)
      setProject({ file: opened.project, savedDocument: opened.document })
      showNotice({
        tone: 'info',
        text:
          opened.migratedFromVersion === null
            ? `Opened ${opened.project.name}`
            : `Opened ${opened.project.name} (updated from format v${opened.migratedFromVersion}; saving writes the new format)`
      })
    } catch (error) {
      showNotice({ tone: 'error', text: `The project could not be opened: ${describe(error)}` })
    }
  }, [intake, showNotice])

  return useMemo(() => ({ save, open }), [save, open])
}
