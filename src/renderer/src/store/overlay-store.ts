// Which of the studio's own overlays is open. Ephemeral: never in undo history, never saved.
import { create } from 'zustand'

export interface OverlayState {
  /** The keyboard shortcuts overlay (?, F1, Help › Keyboard Shortcuts). */
  help: boolean
  setHelp(open: boolean): void
}

export const useOverlays = create<OverlayState>()((set) => ({
  help: false,
  setHelp: (help) => set({ help })
}))

/** True while a modal dialog (help, recovery, close prompt, export) is on screen: shortcuts stand down. */
export function isModalOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"], [role="alertdialog"]') !== null
}
