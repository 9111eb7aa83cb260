// The core process's side of the protocol: builds the handlers once `init` arrives, answers each request
// with the envelope `dispatchInvoke` makes (validating again: the core never trusts its caller's checks),
// pushes events, and asks the window-owning process for dialogs and the shell.
import type { InvokeEnvelope } from '@shared/ipc/api'
import { invokeChannels, privilegedChannels } from '@shared/ipc/channels'
import { isErrorCode } from '@shared/errors/error-codes'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { Logger } from '../core/app/logger'
import type { HandlerMap, PrivilegedHandlers } from '../core/ipc/create-handlers'
import { dispatchInvoke, dispatchPrivileged } from '../core/ipc/dispatch'
import type { DialogPort, EventSink, LifecyclePort, ShellPort } from '../core/ipc/ports'
import type { CorePort } from './core-port'
import {
  coreErrors,
  isToCoreMessage,
  type CoreInit,
  type FromCoreMessage,
  type HostCall,
  type ToCoreMessage
} from './core-protocol'
import { transferablesOf } from './transferables'

/** What the core runs: the handlers, its logger, and what to do before the process is stopped. */
export interface CoreRuntime {
  handlers: HandlerMap
  privileged: PrivilegedHandlers
  logger: Logger
  /** Marks this run's autosave clean (when the window closed properly) and flushes the log. */
  shutdown(cleanExit: boolean): Promise<void>
}

/** The window-owning process, as the core's services see it. */
export interface CoreHostLink {
  dialogs: DialogPort
  shell: ShellPort
  lifecycle: LifecyclePort
  events: EventSink
  onGrant(token: string, path: string): void
  recentProjectsChanged(): void
}

export type BuildCoreRuntime = (init: CoreInit, host: CoreHostLink) => CoreRuntime

/** Replies whose byte arrays are made fresh for each request, so handing them over is safe. */
const TRANSFERRING_CHANNELS = new Set<string>([invokeChannels.renderPreview])

/**
 * How long a shutdown waits for requests still running (an autosave being written) before finishing up
 * anyway: long enough for a file write, short of waiting out an export.
 */
const DRAIN_MS = 2_000

export function serveCore(port: CorePort, build: BuildCoreRuntime, drainMs = DRAIN_MS): void {
  let runtime: CoreRuntime | null = null
  const hostCalls = createHostCalls(port)
  const inFlight = new Set<Promise<void>>()
  const send = (message: FromCoreMessage, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer)

  /** Waits for the requests still running, at most `drainMs`. */
  const drain = async () => {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)))
    await Promise.race([Promise.allSettled([...inFlight]), timeout])
    clearTimeout(timer)
  }

  const answer = async (message: Exclude<ToCoreMessage, { type: 'init' | 'host-reply' }>) => {
    if (!runtime) {
      send({ type: 'reply', id: message.id, envelope: { ok: false, error: coreErrors.notReady } })
      return
    }
    if (message.type === 'invoke') {
      const envelope = await dispatchInvoke(
        runtime.handlers,
        message.channel,
        message.payload,
        runtime.logger
      )
      const transfer = TRANSFERRING_CHANNELS.has(message.channel) ? transferablesOf(envelope) : undefined
      send({ type: 'reply', id: message.id, envelope }, transfer)
    } else if (message.type === 'import-dropped') {
      const envelope = await dispatchPrivileged(
        runtime.privileged,
        privilegedChannels.importDroppedPath,
        { path: message.path },
        runtime.logger
      )
      send({ type: 'reply', id: message.id, envelope })
    } else {
      // Main kills the process once this answers, so work already under way (an autosave) ends first.
      await drain()
      await runtime.shutdown(message.cleanExit)
      send({ type: 'reply', id: message.id, envelope: { ok: true, value: undefined } })
    }
  }

  port.onMessage((message) => {
    if (!isToCoreMessage(message)) {
      runtime?.logger.warn('The core ignored a malformed message')
      return
    }
    if (message.type === 'init') {
      runtime ??= build(message.init, hostLink(send, hostCalls.call))
      send({ type: 'ready' })
    } else if (message.type === 'host-reply') {
      hostCalls.settle(message.id, message.envelope)
    } else {
      // Handlers never throw (dispatch turns errors into envelopes); a failed send has no one to tell.
      const answering = answer(message).catch((error: unknown) =>
        runtime?.logger.error('The core could not answer a request', { error: String(error) })
      )
      if (message.type === 'shutdown') return
      inFlight.add(answering)
      void answering.finally(() => inFlight.delete(answering))
    }
  })
}

/** Calls to the window-owning process that expect an answer (dialogs), each with its own id. */
function createHostCalls(port: CorePort) {
  const pending = new Map<number, (envelope: InvokeEnvelope) => void>()
  let nextId = 1
  return {
    async call(call: HostCall): Promise<unknown> {
      const id = nextId++
      const envelope = await new Promise<InvokeEnvelope>((resolve) => {
        pending.set(id, resolve)
        port.postMessage({ type: 'host-call', id, call } satisfies FromCoreMessage)
      })
      if (envelope.ok) return envelope.value
      const { code, message } = envelope.error
      throw new MimesisError(isErrorCode(code) ? code : 'internal', message)
    },
    settle(id: number, envelope: InvokeEnvelope): void {
      pending.get(id)?.(envelope)
      pending.delete(id)
    }
  }
}

/** The core services' ports, each a message to the window-owning process. */
function hostLink(
  send: (message: FromCoreMessage) => void,
  call: (call: HostCall) => Promise<unknown>
): CoreHostLink {
  const path = (value: unknown): string | null => (typeof value === 'string' ? value : null)
  // Calls that expect no answer still go through `call`, so their order with dialogs is kept; their
  // failures (the window-owning process is closing) are of no use to the handler.
  const notify = (hostCall: HostCall) => void call(hostCall).catch(() => undefined)
  return {
    dialogs: {
      openFile: async (options) => path(await call({ name: 'openFile', options })),
      saveFile: async (options) => path(await call({ name: 'saveFile', options }))
    },
    shell: { showItemInFolder: (target) => notify({ name: 'showItemInFolder', path: target }) },
    lifecycle: { closeConfirmed: () => notify({ name: 'closeConfirmed' }) },
    events: { emit: (method, payload) => send({ type: 'event', method, payload }) },
    onGrant: (token, granted) => send({ type: 'grant', token, path: granted }),
    recentProjectsChanged: () => notify({ name: 'recentProjectsChanged' })
  }
}
