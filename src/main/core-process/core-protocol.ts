// The messages between the process that owns the windows (Electron's main, or the renderer test host)
// and the core process that runs the handlers. One request id per invoke; every reply is the same
// `{ ok, value | error }` envelope the renderer gets, so error codes cross both hops intact.
import type { InvokeEnvelope } from '@shared/ipc/api'
import { eventMethods, type EventMethod } from '@shared/ipc/channels'
import type { AppInfo, IpcError } from '@shared/ipc/contract'
import type { DialogPort } from '../core/ipc/ports'

/** What a fresh core process is told before any request: where things are, and this run's state. */
export interface CoreInit {
  runtime: AppInfo['runtime']
  appVersion: string
  development: boolean
  userDataDir: string
  resourcesDir: string
  /** Picked once per app run, so a restarted core keeps writing the same autosave. */
  autosaveSessionId: string
  /** Grants made by earlier core processes of this run, as [token, path]. */
  grants: [string, string][]
}

/** What the core asks of the process that owns the windows: dialogs, the shell, the window's life. */
export type HostCall =
  | { name: 'openFile'; options: Parameters<DialogPort['openFile']>[0] }
  | { name: 'saveFile'; options: Parameters<DialogPort['saveFile']>[0] }
  | { name: 'showItemInFolder'; path: string }
  | { name: 'closeConfirmed' }
  | { name: 'recentProjectsChanged' }

/** Main → core. */
export type ToCoreMessage =
  | { type: 'init'; init: CoreInit }
  | { type: 'invoke'; id: number; channel: string; payload: unknown }
  | { type: 'import-dropped'; id: number; path: string }
  | { type: 'host-reply'; id: number; envelope: InvokeEnvelope }
  /** Marks this run's autosave clean when asked and flushes the log; main kills the process after. */
  | { type: 'shutdown'; id: number; cleanExit: boolean }

/** Core → main. */
export type FromCoreMessage =
  | { type: 'ready' }
  | { type: 'reply'; id: number; envelope: InvokeEnvelope }
  | { type: 'event'; method: EventMethod; payload: unknown }
  /** A new file grant, mirrored to main so a restarted core can adopt it. */
  | { type: 'grant'; token: string; path: string }
  | { type: 'host-call'; id: number; call: HostCall }

/** Error codes the split itself produces (the handlers' own codes pass through unchanged). */
export const coreErrors = {
  /** The core process died while the request was pending; it has been restarted. */
  restarted: {
    code: 'core-restarted',
    message: 'The engine stopped unexpectedly and was restarted; your document is kept. Try again.'
  },
  /** The core crashed too often in a short time and is not restarted again. */
  unavailable: {
    code: 'core-unavailable',
    message: 'The engine keeps stopping and was not restarted. Save your work and restart the studio.'
  },
  /** The studio is closing. */
  stopped: { code: 'core-stopped', message: 'The engine has stopped because the studio is closing.' },
  /** A request reached the core before its `init`. */
  notReady: { code: 'core-not-ready', message: 'The engine is still starting.' }
} as const satisfies Record<string, IpcError>

const knownEventMethods = new Set<string>(eventMethods)

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

const hasId = (message: Record<string, unknown>): boolean => Number.isInteger(message['id'])

const isEnvelope = (value: unknown): value is InvokeEnvelope =>
  isRecord(value) && (value['ok'] === true || (value['ok'] === false && isRecord(value['error'])))

/**
 * Checks the shape of a message from the core. Both ends are our code, but a message of the wrong shape
 * (a stale bundle, a bug) is dropped and logged rather than left to throw deep inside a handler.
 */
export function isFromCoreMessage(value: unknown): value is FromCoreMessage {
  if (!isRecord(value)) return false
  switch (value['type']) {
    case 'ready':
      return true
    case 'reply':
      return hasId(value) && isEnvelope(value['envelope'])
    case 'event':
      return typeof value['method'] === 'string' && knownEventMethods.has(value['method'])
    case 'grant':
      return typeof value['token'] === 'string' && typeof value['path'] === 'string'
    case 'host-call':
      return hasId(value) && isRecord(value['call']) && typeof value['call']['name'] === 'string'
    default:
      return false
  }
}

/** Checks the shape of a message to the core. */
export function isToCoreMessage(value: unknown): value is ToCoreMessage {
  if (!isRecord(value)) return false
  switch (value['type']) {
    case 'init':
      return isRecord(value['init']) && Array.isArray(value['init']['grants'])
    case 'invoke':
      return hasId(value) && typeof value['channel'] === 'string'
    case 'import-dropped':
      return hasId(value) && typeof value['path'] === 'string'
    case 'host-reply':
      return hasId(value) && isEnvelope(value['envelope'])
    case 'shutdown':
      return hasId(value) && typeof value['cleanExit'] === 'boolean'
    default:
      return false
  }
}
