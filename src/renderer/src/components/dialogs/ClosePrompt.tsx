import { useEffect, useState } from 'react'
import { selectDirty, useStudio } from '../../store/studio-store'
import { ModalDialog } from './ModalDialog'
import { clearAutosave, flushAutosave } from '../use-autosave'
import type { ProjectCommands } from '../use-project-commands'

/**
 * Closing the window: the unsaved work is autosaved first (so nothing is lost whatever happens next);
 * with unsaved work the user chooses Save, Don't save or Cancel; then main is told it may close. A close
 * after Save or Don't save is a clean exit, which removes the autosave.
 */
export function ClosePrompt({ projects }: { projects: ProjectCommands }) {
  const [asking, setAsking] = useState(false)
  const [saving, setSaving] = useState(false)

  useEffect(
    () =>
      window.mimesis.onCloseRequested(() => {
        void (async () => {
          await flushAutosave()
          const state = useStudio.getState()
          if (state.portrait.kind === 'ready' && selectDirty(state)) setAsking(true)
          else await window.mimesis.confirmClose()
        })()
      }),
    []
  )

  if (!asking) return null
  const state = useStudio.getState()
  const name = state.project?.file.name
  const what = name ? (
    <>
      <strong>{name}</strong> has changes that are not saved.
    </>
  ) : (
    <>
      Your animation of{' '}
      <strong>{state.portrait.kind === 'ready' ? state.portrait.file.name : 'this portrait'}</strong> has
      never been saved.
    </>
  )

  const save = async () => {
    setSaving(true)
    await projects.save()
    setSaving(false)
    if (!selectDirty(useStudio.getState())) {
      setAsking(false)
      await window.mimesis.confirmClose()
    }
  }
  const dontSave = async () => {
    setAsking(false)
    await clearAutosave()
    await window.mimesis.confirmClose()
  }

  return (
    <ModalDialog
      title="Save changes before closing?"
      onDismiss={() => setAsking(false)}
      testId="close-prompt"
      actions={
        <>
          <button
            type="button"
            className="button button--danger-quiet"
            disabled={saving}
            onClick={() => void dontSave()}
          >
            Don’t save
          </button>
          <button
            type="button"
            className="button button--quiet"
            disabled={saving}
            onClick={() => setAsking(false)}
          >
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary"
            data-autofocus
            disabled={saving}
            onClick={() => void save()}
          >
            {saving ? 'Saving…' : 'Save…'}
          </button>
        </>
      }
    >
      <p>{what} If you don’t save, the changes are lost.</p>
    </ModalDialog>
  )
}
