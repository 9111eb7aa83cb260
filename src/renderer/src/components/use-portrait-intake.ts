import { useCallback, useMemo } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import type { FileRef, IpcError } from '@shared/ipc/contract'
import { useStudio } from '../store/studio-store'

export interface PortraitIntake {
  openDialog(): void
  importFile(file: File): Promise<void>
}

function toIpcError(error: unknown): IpcError {
  if (error instanceof MimesisIpcError) return { code: error.code, message: error.message }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

/** Portrait intake from the Open dialog or a drop: register the file with main, then load it. */
export function usePortraitIntake(): PortraitIntake {
  const setPortrait = useStudio((s) => s.setPortrait)
  const setPreview = useStudio((s) => s.setPreview)

  const load = useCallback(
    async (file: FileRef) => {
      setPortrait({ kind: 'loading', file, message: `Finding the face in ${file.name}…`, fraction: 0.2 })
      try {
        setPreview(null)
        const portrait = await window.mimesis.loadPortrait({ token: file.token })
        setPreview(portrait.preview)
        setPortrait({ kind: 'ready', file, portrait, faceIndex: 0 })
      } catch (error) {
        setPreview(null)
        setPortrait({ kind: 'failed', file, error: toIpcError(error) })
      }
    },
    [setPortrait, setPreview]
  )

  const openDialog = useCallback(() => {
    window.mimesis
      .openPortraitDialog()
      .then((file) => (file ? load(file) : undefined))
      .catch((error: unknown) => setPortrait({ kind: 'failed', file: null, error: toIpcError(error) }))
  }, [load, setPortrait])

  const importFile = useCallback(
    async (file: File) => {
      try {
        await load(await window.mimesis.importDroppedFile(file))
      } catch (error) {
        setPortrait({ kind: 'failed', file: null, error: toIpcError(error) })
      }
    },
    [load, setPortrait]
  )

  return useMemo(() => ({ openDialog, importFile }), [openDialog, importFile])
}
