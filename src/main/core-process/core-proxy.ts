// What the renderer's requests meet in the window-owning process: each is checked against the contract
// here (as before the split), then forwarded to the core process, rebuilding the avatar first when the
// core has restarted since it was built.
import type { InvokeEnvelope } from '@shared/ipc/api'
import type { Logger } from '../core/app/logger'
import { validateInvoke, validatePrivileged } from '../core/ipc/dispatch'
import { createAvatarReplay } from './avatar-replay'
import type { CoreSupervisor } from './core-supervisor'

export interface CoreProxy {
  invoke(channel: unknown, payload: unknown): Promise<InvokeEnvelope>
  privileged(channel: unknown, payload: unknown): Promise<InvokeEnvelope>
}

export function createCoreProxy(core: CoreSupervisor, logger: Logger): CoreProxy {
  const replay = createAvatarReplay(core)
  return {
    async invoke(channel, payload) {
      const checked = validateInvoke(channel, payload, logger)
      // validateInvoke accepted the channel, so it is a string. The payload goes on as sent, not as parsed: some
      // requests are parsed into another form (a packed document into its keys as objects), and the core parses
      // the payload again itself.
      return checked.ok ? replay.invoke(String(channel), payload) : checked.envelope
    },
    async privileged(channel, payload) {
      const checked = validatePrivileged(channel, payload)
      return checked.ok ? core.importDroppedPath(checked.request.path) : checked.envelope
    }
  }
}
