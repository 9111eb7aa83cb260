// The window-owning process's side of the protocol for one core process: numbered requests and their
// replies, events passed on to the renderer, grants recorded, and the core's host calls (dialogs, the
// shell, the window's life) answered here, where windows exist.
import type { InvokeEnvelope } from '@shared/ipc/api'
import type { EventMethod } from '@shared/ipc/channels'
import type { EventPayload, IpcError } from '@shared/ipc/contract'
import type { Logger } from '../core/app/logger'
import { toEnvelopeError } from '../core/ipc/dispatch'
import type { DialogPort, EventSink, LifecyclePort, ShellPort } from '../core/ipc/ports'
import type { CorePort } from './core-port'
import { isFromCoreMessage, type CoreInit, type HostCall, type ToCoreMessage } from './core-protocol'

/** What the core may ask of the process that owns the windows. */
export interface CoreHost {
  dialogs: DialogPort
  shell: ShellPort
  lifecycle: LifecyclePort
  /** Events for the renderer. */
  events: EventSink
  /** The recent-projects list changed (Electron rebuilds its Open Recent menu). */
  recentProjectsChanged(): void
}

export interface CoreConnection {
  /** Resolves once the core has built its handlers; rejects if it goes before that. */
  readonly ready: Promise<void>
  invoke(channel: string, payload: unknown): Promise<InvokeEnvelope>
  importDroppedPath(path: string): Promise<InvokeEnvelope>
  /** Asks the core to finish up (autosave marked clean when `cleanExit`, log flushed). */
  shutdown(cleanExit: boolean): Promise<InvokeEnvelope>
  /** The core has gone: every pending and later request answers `error`. */
  close(error: IpcError): void
}

type Request =
  | { type: 'invoke'; channel: string; payload: unknown }
  | { type: 'import-dropped'; path: string }
  | { type: 'shutdown'; cleanExit: boolean }

export function connectCore(
  port: CorePort,
  init: CoreInit,
  host: CoreHost,
  onGrant: (token: string, path: string) => void,
  logger: Logger
): CoreConnection {
  const pending = new Map<number, (envelope: InvokeEnvelope) => void>()
  let closedWith: IpcError | null = null
  let nextId = 1
  let markReady: () => void = () => undefined
  let failReady: (error: Error) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    failReady = reject
  })
  // Nobody need wait for it; a core that dies before it is ready is reported through its exit.
  ready.catch(() => undefined)

  const request = (message: Request): Promise<InvokeEnvelope> => {
    if (closedWith) return Promise.resolve({ ok: false, error: closedWith })
    const id = nextId++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      port.postMessage({ ...message, id } satisfies ToCoreMessage)
    })
  }

  const answerHostCall = async (id: number, call: HostCall) => {
    let envelope: InvokeEnvelope
    try {
      envelope = { ok: true, value: await runHostCall(host, call) }
    } catch (error) {
      envelope = toEnvelopeError(error)
    }
    if (!closedWith) port.postMessage({ type: 'host-reply', id, envelope } satisfies ToCoreMessage)
  }

  port.onMessage((message) => {
    if (!isFromCoreMessage(message)) {
      logger.warn('Ignored a malformed message from the core process')
      return
    }
    switch (message.type) {
      case 'ready':
        markReady()
        break
      case 'reply':
        pending.get(message.id)?.(message.envelope)
        pending.delete(message.id)
        break
      case 'event':
        host.events.emit(message.method, message.payload as EventPayload<EventMethod>)
        break
      case 'grant':
        onGrant(message.token, message.path)
        break
      case 'host-call':
        void answerHostCall(message.id, message.call)
        break
    }
  })
  port.postMessage({ type: 'init', init } satisfies ToCoreMessage)

  return {
    ready,
    invoke: (channel, payload) => request({ type: 'invoke', channel, payload }),
    importDroppedPath: (path) => request({ type: 'import-dropped', path }),
    shutdown: (cleanExit) => request({ type: 'shutdown', cleanExit }),
    close(error) {
      closedWith ??= error
      failReady(new Error(`${closedWith.code}: ${closedWith.message}`))
      for (const resolve of pending.values()) resolve({ ok: false, error: closedWith })
      pending.clear()
    }
  }
}

async function runHostCall(host: CoreHost, call: HostCall): Promise<unknown> {
  switch (call.name) {
    case 'openFile':
      return host.dialogs.openFile(call.options)
    case 'saveFile':
      return host.dialogs.saveFile(call.options)
    case 'showItemInFolder':
      return host.shell.showItemInFolder(call.path)
    case 'closeConfirmed':
      return host.lifecycle.closeConfirmed()
    case 'recentProjectsChanged':
      return host.recentProjectsChanged()
  }
}
