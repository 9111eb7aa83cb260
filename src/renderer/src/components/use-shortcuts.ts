import { useEffect } from 'react'
import { useExport } from '../store/export-store'
import { isModalOpen, useOverlays } from '../store/overlay-store'
import { useStudio } from '../store/studio-store'
import type { PortraitIntake } from './use-portrait-intake'
import type { ProjectCommands } from './use-project-commands'
import type { DriveCommands } from './use-drive-commands'

function isTextInput(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) &&
    !(target instanceof HTMLInputElement && target.type === 'range')
  )
}

/** Global keyboard shortcuts, and the same commands arriving from the native menu. */
export function useShortcuts(intake: PortraitIntake, projects: ProjectCommands, drive: DriveCommands) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTextInput(event.target) || isModalOpen()) return
      const state = useStudio.getState()
      const mod = event.ctrlKey || event.metaKey
      if ((event.key === '?' && !mod) || event.key === 'F1') {
        event.preventDefault()
        useOverlays.getState().setHelp(true)
      } else if (mod && event.key.toLowerCase() === 'z') {
        event.preventDefault()
        if (event.shiftKey) state.redo()
        else state.undo()
      } else if (event.code === 'Space' && !mod) {
        event.preventDefault()
        if (state.portrait.kind === 'ready') state.setPlaying(!state.playing)
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'd') {
        event.preventDefault()
        drive.open()
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault()
        intake.openDialog()
      } else if (mod && event.key.toLowerCase() === 'o') {
        event.preventDefault()
        void projects.open()
      } else if (mod && event.key.toLowerCase() === 's') {
        event.preventDefault()
        void projects.save({ saveAs: event.shiftKey })
      } else if (mod && event.key.toLowerCase() === 'e') {
        event.preventDefault()
        if (state.avatar.kind === 'ready') useExport.getState().openDialog()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    const unsubscribe = window.mimesis.onMenuCommand((command) => {
      const state = useStudio.getState()
      if (command === 'show-shortcuts') useOverlays.getState().setHelp(true)
      else if (isModalOpen()) return
      else if (command === 'undo') state.undo()
      else if (command === 'redo') state.redo()
      else if (command === 'open-portrait') intake.openDialog()
      else if (command === 'open-project') void projects.open()
      else if (command === 'save-project') void projects.save()
      else if (command === 'save-project-as') void projects.save({ saveAs: true })
      else if (command === 'export' && state.avatar.kind === 'ready') useExport.getState().openDialog()
      else if (command === 'drive-from-video') drive.open()
      else if (command === 'save-performance') void drive.savePerformance()
      else if (command === 'apply-performance') void drive.applyPerformance()
    })
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      unsubscribe()
    }
  }, [intake, projects, drive])
}
