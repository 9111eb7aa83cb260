import type { ApiTransport, MimesisApi } from '@shared/ipc/api'

declare global {
  interface Window {
    /** Envelope transport from the preload (or the test host's bridge); only main.tsx uses it. */
    readonly mimesisTransport: ApiTransport<File>
    /** The typed API built over the transport in main.tsx: the renderer's only way to reach main. */
    readonly mimesis: MimesisApi<File>
  }
}

export {}
