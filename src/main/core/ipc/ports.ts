import type { EventMethod } from '@shared/ipc/channels'
import type { EventPayload } from '@shared/ipc/contract'

/** Native file dialogs: Electron's in the app, a scripted queue in the renderer test host. */
export interface DialogPort {
  openFile(options: {
    title: string
    filters: { name: string; extensions: string[] }[]
  }): Promise<string | null>
  saveFile(options: {
    title: string
    defaultName: string
    filters: { name: string; extensions: string[] }[]
  }): Promise<string | null>
}

/** The desktop shell: Electron's `shell` in the app; a recorder in the renderer test host. */
export interface ShellPort {
  showItemInFolder(path: string): void
}

/** The window's life: Electron closes it for real once the renderer agreed; the test host records it. */
export interface LifecyclePort {
  /** The renderer saved or discarded its work and agreed to close after `onCloseRequested`. */
  closeConfirmed(): void
}

/** Pushes events to the renderer(s). */
export interface EventSink {
  emit<M extends EventMethod>(method: M, payload: EventPayload<M>): void
}
