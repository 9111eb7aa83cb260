// The one keyboard handler of the studio, and the native menu's commands: both run actions from the table.
import { useEffect } from 'react'
import { bindingMatches, keyPressOf } from '@shared/actions/key-binding'
import {
  actionOfMenuCommand,
  specOf,
  STUDIO_ACTION_IDS,
  type StudioActionId
} from '@shared/actions/studio-action-list'
import { isModalOpen } from '../store/overlay-store'
import { PERFORM, type StudioCommands } from './perform-action'

/** A text field has the keys (a range slider does not, except its arrows: see yieldsToInputs). */
function isTextInput(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) &&
    !(target instanceof HTMLInputElement && target.type === 'range')
  )
}

/** The action bound to a keydown event, if any. */
export function actionForKey(event: KeyboardEvent): StudioActionId | undefined {
  const press = keyPressOf(event)
  return STUDIO_ACTION_IDS.find((id) => {
    const spec = specOf(id)
    if (spec.yieldsToInputs && event.target instanceof HTMLInputElement) return false
    return spec.keys?.some((binding) => bindingMatches(binding, press)) ?? false
  })
}

export function useActionKeys(commands: StudioCommands): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextInput(event.target) || isModalOpen()) return
      const id = actionForKey(event)
      if (id && PERFORM[id](commands)) event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    const unsubscribe = window.mimesis.onMenuCommand((command) => {
      const id = actionOfMenuCommand(command)
      // The shortcuts list opens over a dialog; every other command waits for it to close.
      if (id && (id === 'showShortcuts' || !isModalOpen())) PERFORM[id](commands)
    })
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      unsubscribe()
    }
  }, [commands])
}
