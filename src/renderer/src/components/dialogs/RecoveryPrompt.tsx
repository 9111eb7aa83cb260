import { useEffect, useState } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import type { RecoverableWork } from '@shared/ipc/contract'
import { useStudio } from '../../store/studio-store'
import { formatSavedAt } from '../format-saved-at'
import { ModalDialog } from './ModalDialog'
import { noteRecoveredAutosave } from '../use-autosave'
import type { PortraitIntake } from '../use-portrait-intake'
import { audioFromOpened } from '../audio-track'

function describe(error: unknown): string {
  return error instanceof MimesisIpcError || error instanceof Error ? error.message : String(error)
}

/**
 * After a crash: offers the unsaved work the last run left (newest first, one at a time). Recover
 * brings back the portrait and the animation, marked unsaved; Discard removes that autosave.
 */
export function RecoveryPrompt({ intake }: { intake: PortraitIntake }) {
  const [offers, setOffers] = useState<RecoverableWork[]>([])
  const [busy, setBusy] = useState<'recover' | 'discard' | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    window.mimesis
      .listRecoverable()
      .then((found) => {
        if (!cancelled) setOffers(found)
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [])

  const offer = offers[0]
  if (!offer) return null
  const next = () => {
    setOffers((list) => list.slice(1))
    setError(null)
  }

  const recover = async () => {
    setBusy('recover')
    setError(null)
    try {
      const work = await window.mimesis.recoverAutosave({ id: offer.id })
      const loaded = await intake.loadFile(work.portrait, work.faceIndex)
      if (!loaded) throw new Error(`the portrait ${work.portrait.name} could not be read`)
      const { setProject, replaceDocument, setAudio, showNotice } = useStudio.getState()
      setProject(work.project ? { file: work.project, savedDocument: work.document } : null)
      replaceDocument(work.document, { unsaved: true })
      setAudio(audioFromOpened(work.audio))
      noteRecoveredAutosave()
      showNotice({
        tone: 'info',
        text: `Recovered your work from ${formatSavedAt(work.savedAt)}. Save it to keep it.`
      })
      setOffers([])
    } catch (caught) {
      setError(`It could not be recovered: ${describe(caught)}`)
    } finally {
      setBusy(null)
    }
  }

  const discard = async () => {
    setBusy('discard')
    try {
      await window.mimesis.discardRecoverable({ id: offer.id })
      next()
    } catch (caught) {
      setError(`It could not be discarded: ${describe(caught)}`)
    } finally {
      setBusy(null)
    }
  }

  const what = offer.projectName ? (
    <>
      changes to <strong>{offer.projectName}</strong>
    </>
  ) : (
    <>
      a new animation of <strong>{offer.portraitName}</strong>, never saved
    </>
  )
  return (
    <ModalDialog
      title={`Recover unsaved work from ${formatSavedAt(offer.savedAt)}?`}
      testId="recovery-prompt"
      actions={
        <>
          <button
            type="button"
            className="button button--quiet"
            disabled={busy !== null}
            onClick={() => void discard()}
          >
            {busy === 'discard' ? 'Discarding…' : 'Discard'}
          </button>
          <button
            type="button"
            className="button button--primary"
            data-autofocus
            disabled={busy !== null}
            onClick={() => void recover()}
          >
            {busy === 'recover' ? 'Recovering…' : 'Recover'}
          </button>
        </>
      }
    >
      <p>Mimesis Studio did not close properly last time. It kept {what}.</p>
      <p>Recover opens it as unsaved work; Discard deletes this copy.</p>
      {error && (
        <p className="prompt__error" role="alert">
          {error}
        </p>
      )}
    </ModalDialog>
  )
}
