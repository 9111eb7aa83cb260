import { useCallback, useMemo } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import type { FileRef, IpcError } from '@shared/ipc/contract'
import { useStudio } from '../store/studio-store'

export interface PortraitIntake {
  openDialog(): void
  importFile(file: File): Promise<void>
  /** Loads a granted file as the portrait; resolves false when it could not be used. */
  loadFile(file: FileRef, faceIndex?: number): Promise<boolean>
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
    async (file: FileRef, faceIndex = 0): Promise<boolean> => {
      setPortrait({ kind: 'loading', file, message: `Finding the face in ${file.name}…`, fraction: 0.2 })
      try {
        setPreview(null)
        const portrait = await window.mimesis.loadPortrait({ token: file.token })
        setPreview(portrait.preview)
        setPortrait({
          kind: 'ready',
          file,
          portrait,
          faceIndex: Math.min(faceIndex, portrait.faces.length - 1)
        })
        return true
      } catch (error) {
        setPreview(null)
        setPortrait({ kind: 'failed', file, error: toIpcError(error) })
        return false
      }
    },
    [setPortrait, setPreview]
  )

  const openDialog = useCallback(() => {
    window.mimesis
      .openPortraitDialog()
      .then((file) => (file ? load(file).then(() => undefined) : undefined))
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

  return useMemo(() => ({ openDialog, importFile, loadFile: load }), [openDialog, importFile, load])
}
