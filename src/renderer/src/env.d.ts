import type { MimesisApi } from '@shared/ipc/api'

declare global {
  interface Window {
    /** The preload API (or the test host's bridge): the renderer's only way to reach main. */
    readonly mimesis: MimesisApi<File>
  }
}

export {}
