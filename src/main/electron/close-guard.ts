import { app, type BrowserWindow } from 'electron'
import type { LifecyclePort } from '../core/ipc/ports'

/**
 * Closing the window asks the renderer first (`onCloseRequested`): it writes its autosave and, with
 * unsaved work, asks the user to save, not save, or cancel. Only its `confirmClose` closes the window,
 * and only then is the exit clean (which removes the autosave). A renderer that crashed or hangs
 * does not keep the window open; the exit is then not clean, so the last autosave (at most 30 s
 * old) is offered on the next start.
 */
export function createCloseGuard(requestClose: () => void) {
  let window: BrowserWindow | null = null
  let confirmed = false
  // Set by a Quit (before-quit comes before the window's close event); a window close alone leaves it false.
  let quitting = false
  let quitAfterClose = false
  let unresponsive = false

  app.on('before-quit', () => {
    quitting = true
  })

  const lifecycle: LifecyclePort = {
    closeConfirmed() {
      confirmed = true
      if (!window || window.isDestroyed()) return
      window.close()
      // On macOS closing the last window does not quit; a Quit that asked first still should.
      if (quitAfterClose) app.quit()
    }
  }

  return {
    lifecycle,
    /** True once the renderer agreed to close: the run may be marked as a clean exit. */
    get cleanExit(): boolean {
      return confirmed
    },
    attach(target: BrowserWindow): void {
      window = target
      confirmed = false
      target.on('unresponsive', () => (unresponsive = true))
      target.on('responsive', () => (unresponsive = false))
      target.on('close', (event) => {
        if (confirmed || unresponsive || target.webContents.isCrashed()) return
        event.preventDefault()
        quitAfterClose = quitting
        quitting = false
        requestClose()
      })
    }
  }
}
