// Builds the `window.mimesis` object from the contract over any transport: Electron's ipcRenderer
// (exposed by the preload as `window.mimesisTransport`), or a WebSocket in the renderer test host.
//
// The API is built in the renderer's own world, over a transport that only moves envelopes: Electron's
// contextBridge copies a thrown Error without its custom properties, so an error thrown in the preload
// would reach the renderer without its `code`. Envelopes are plain data and cross intact.
import { eventChannels, invokeChannels, invokeMethods, eventMethods } from './channels'
import type { EventChannel, EventMethod, InvokeChannel, InvokeMethod } from './channels'
import type { EventPayload, FileRef, InvokeRequest, InvokeResponse, IpcError } from './contract'

export type InvokeFunctions = {
  [M in InvokeMethod]: InvokeRequest<M> extends undefined
    ? () => Promise<InvokeResponse<M>>
    : (request: InvokeRequest<M>) => Promise<InvokeResponse<M>>
}

export type EventFunctions = {
  [M in EventMethod]: (listener: (payload: EventPayload<M>) => void) => () => void
}

/**
 * `F` is the DOM's File in the renderer; it stays a parameter so this module needs no DOM types.
 */
export interface MimesisApi<F = unknown> extends InvokeFunctions, EventFunctions {
  /** Registers a dropped file with main and returns a reference to it. */
  importDroppedFile(file: F): Promise<FileRef>
}

/** What a transport must provide. `invoke` resolves with an envelope so errors keep their code. */
export interface ApiTransport<F> {
  invoke(channel: InvokeChannel, request: unknown): Promise<InvokeEnvelope>
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void
  importDroppedFile(file: F): Promise<InvokeEnvelope>
}

export type InvokeEnvelope = { ok: true; value: unknown } | { ok: false; error: IpcError }

const knownInvokeChannels = new Set<string>(Object.values(invokeChannels))
const knownEventChannels = new Set<string>(Object.values(eventChannels))

export function isInvokeChannel(channel: unknown): channel is InvokeChannel {
  return typeof channel === 'string' && knownInvokeChannels.has(channel)
}

export function isEventChannel(channel: unknown): channel is EventChannel {
  return typeof channel === 'string' && knownEventChannels.has(channel)
}

/** The refusal a transport answers for a channel outside the contract. */
export function unknownChannelEnvelope(channel: unknown): InvokeEnvelope {
  return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel "${String(channel)}".` } }
}

/** An error raised in main, re-thrown in the renderer with its code intact. */
export class MimesisIpcError extends Error {
  readonly code: string
  readonly detail: string | undefined
  constructor(error: IpcError) {
    super(error.message)
    this.name = 'MimesisIpcError'
    this.code = error.code
    this.detail = error.detail
  }
}

function unwrap(envelope: InvokeEnvelope): unknown {
  if (envelope.ok) return envelope.value
  throw new MimesisIpcError(envelope.error)
}

export function createMimesisApi<F>(transport: ApiTransport<F>): MimesisApi<F> {
  const invokeFns: Record<string, (request?: unknown) => Promise<unknown>> = {}
  for (const method of invokeMethods) {
    const channel = invokeChannels[method]
    invokeFns[method] = async (request?: unknown) => unwrap(await transport.invoke(channel, request))
  }
  const eventFns: Record<string, (listener: (payload: unknown) => void) => () => void> = {}
  for (const method of eventMethods) {
    const channel = eventChannels[method]
    eventFns[method] = (listener) => transport.subscribe(channel, listener)
  }
  const api = {
    ...invokeFns,
    ...eventFns,
    importDroppedFile: async (file: F) => unwrap(await transport.importDroppedFile(file))
  }
  return Object.freeze(api) as unknown as MimesisApi<F>
}
