// Runs in the page before the renderer: provides the same window.mimesisTransport the preload does,
// over the test host's WebSocket instead of Electron IPC. Drops upload the file's bytes, which the host writes
// to a private folder and grants, standing in for the path Electron's webUtils would give.
import type { ApiTransport, InvokeEnvelope } from '@shared/ipc/api'
import { decodeMessage, encodeMessage } from '../wire-codec'

type ServerMessage =
  | { kind: 'reply'; id: number; envelope: InvokeEnvelope }
  | { kind: 'event'; channel: string; payload: unknown }

const socket = new WebSocket(`ws://${location.host}/__mimesis/ipc`)
socket.binaryType = 'arraybuffer'
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true })
  socket.addEventListener('error', () => reject(new Error('The test host is not reachable.')), { once: true })
})
const pending = new Map<number, (envelope: InvokeEnvelope) => void>()
const listeners = new Map<string, Set<(payload: unknown) => void>>()
let nextId = 1

socket.addEventListener('message', (event: MessageEvent<ArrayBuffer>) => {
  const message = decodeMessage(new Uint8Array(event.data)) as ServerMessage
  if (message.kind === 'reply') {
    pending.get(message.id)?.(message.envelope)
    pending.delete(message.id)
  } else {
    listeners.get(message.channel)?.forEach((listener) => listener(message.payload))
  }
})
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) {
    resolve({ ok: false, error: { code: 'disconnected', message: 'The studio core closed the connection.' } })
  }
  pending.clear()
})

/**
 * Sends at once when the socket is open, as Electron's ipcRenderer.invoke posts its message before returning. An
 * `await` first put the send in a microtask, which runs only after the event handler that asked returns: a slider's
 * preview request then waited for React's synchronous render of the whole input event.
 */
async function send(message: Record<string, unknown>): Promise<InvokeEnvelope> {
  if (socket.readyState !== WebSocket.OPEN) await opened
  const id = nextId++
  return new Promise((resolve) => {
    pending.set(id, resolve)
    socket.send(encodeMessage({ ...message, id }))
  })
}

const transport: ApiTransport<File> = {
  invoke: (channel, request) => send({ kind: 'invoke', channel, payload: request }),
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set()
    set.add(listener)
    listeners.set(channel, set)
    return () => set.delete(listener)
  },
  async importDroppedFile(file) {
    const bytes = new Uint8Array(await file.arrayBuffer())
    return send({ kind: 'upload', name: file.name, bytes })
  }
}

Object.defineProperty(window, 'mimesisTransport', { value: transport, writable: false, configurable: false })
