import { MessageChannel } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import type { InvokeEnvelope } from '@shared/ipc/api'
import { invokeChannels } from '@shared/ipc/channels'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { EventSink } from '../../../src/main/core/ipc/ports'
import { connectCore, type CoreHost } from '../../../src/main/core-process/core-connection'
import {
  coreErrors,
  isFromCoreMessage,
  isToCoreMessage,
  type CoreInit
} from '../../../src/main/core-process/core-protocol'
import { serveCore } from '../../../src/main/core-process/core-server'
import { workerMessagePort } from '../../../src/main/core-process/node-core-ports'
import { transferablesOf } from '../../../src/main/core-process/transferables'
import { silentLogger, startInProcessCore, type FakeHandlers, type InProcessCore } from './in-process-core'

const init: CoreInit = {
  runtime: 'test-host',
  appVersion: '0.0.0-test',
  development: true,
  userDataDir: '/nowhere',
  resourcesDir: '/nowhere',
  autosaveSessionId: 'session-1',
  grants: [['adopted-token-0000000', '/tmp/earlier.png']]
}

const camera = { yaw: 0, pitch: 0, roll: 0, zoom: 1, panX: 0, panY: 0 }
const preview = (width: number) => ({ expression: {}, camera, width, height: 16, view: 'color' as const })

function recordingHost() {
  const events: { method: string; payload: unknown }[] = []
  const dialogCalls: unknown[] = []
  const sink: EventSink = { emit: (method, payload) => void events.push({ method, payload }) }
  const host: CoreHost = {
    dialogs: {
      openFile: async (options) => (dialogCalls.push(options), '/chosen/portrait.png'),
      saveFile: async () => null
    },
    shell: { showItemInFolder: () => undefined },
    lifecycle: { closeConfirmed: () => undefined },
    events: sink,
    recentProjectsChanged: () => undefined
  }
  return { host, events, dialogCalls }
}

const cores: InProcessCore[] = []
afterEach(() => cores.splice(0).forEach((core) => core.kill()))

function connect(handlers: FakeHandlers) {
  const core = startInProcessCore(handlers)
  cores.push(core)
  const recorded = recordingHost()
  const grants: [string, string][] = []
  const connection = connectCore(
    core.port,
    init,
    recorded.host,
    (token, path) => grants.push([token, path]),
    silentLogger
  )
  return { core, connection, grants, ...recorded }
}

describe('the core process protocol', () => {
  it('sends init first, and the core answers ready with the grants of earlier cores', async () => {
    const { core, connection } = connect(() => ({}))
    await connection.ready
    expect((await core.init).grants).toEqual(init.grants)
  })

  it('matches each reply to its request id, whatever order the core answers in', async () => {
    let release: () => void = () => undefined
    const slow = new Promise<void>((resolve) => (release = resolve))
    const { connection } = connect(() => ({
      async renderPreview(request) {
        await slow
        return { width: request.width, height: 16, rgba: new Uint8Array(4 * 16 * request.width), renderMs: 1 }
      },
      writeLog: async () => undefined
    }))
    const first = connection.invoke(invokeChannels.renderPreview, preview(16))
    const second = connection.invoke(invokeChannels.renderPreview, preview(32))
    const log = await connection.invoke(invokeChannels.writeLog, { level: 'info', message: 'hi' })
    expect(log).toEqual({ ok: true, value: undefined })
    release()
    const [a, b] = (await Promise.all([first, second])) as Extract<InvokeEnvelope, { ok: true }>[]
    expect((a!.value as { width: number }).width).toBe(16)
    expect((b!.value as { width: number }).width).toBe(32)
  })

  it('carries handler errors with their code, and validates payloads again in the core', async () => {
    const { connection } = connect(() => ({
      renderPreview: async () => {
        throw new MimesisError('no-avatar', 'Open a portrait first.')
      }
    }))
    expect(await connection.invoke(invokeChannels.renderPreview, preview(16))).toEqual({
      ok: false,
      error: { code: 'no-avatar', message: 'Open a portrait first.', detail: undefined }
    })
    const invalid = await connection.invoke(invokeChannels.renderPreview, { width: 'wide' })
    expect(invalid.ok === false && invalid.error.code).toBe('invalid-payload')
    const unknown = await connection.invoke('no:such-channel', undefined)
    expect(unknown.ok === false && unknown.error.code).toBe('unknown-channel')
  })

  it('passes the core’s events on to the renderer', async () => {
    const { connection, events } = connect((link) => ({
      async writeLog() {
        link.events.emit('onJobProgress', {
          jobId: 'j1',
          kind: 'export',
          fraction: 0.5,
          message: 'Rendering',
          etaMs: null
        })
        return undefined
      }
    }))
    await connection.invoke(invokeChannels.writeLog, { level: 'info', message: 'go' })
    expect(events).toEqual([
      {
        method: 'onJobProgress',
        payload: { jobId: 'j1', kind: 'export', fraction: 0.5, message: 'Rendering', etaMs: null }
      }
    ])
  })

  it('runs dialogs where the windows are, and mirrors the grants the core makes', async () => {
    const { connection, dialogCalls, grants } = connect((link) => ({
      async openPortraitDialog() {
        const path = await link.dialogs.openFile({ title: 'Open', filters: [] })
        link.onGrant('token-from-core-000000', path ?? '')
        return { token: 'token-from-core-000000', name: 'portrait.png', sizeBytes: 1 }
      }
    }))
    const reply = await connection.invoke(invokeChannels.openPortraitDialog, undefined)
    expect(reply.ok).toBe(true)
    expect(dialogCalls).toEqual([{ title: 'Open', filters: [] }])
    expect(grants).toEqual([['token-from-core-000000', '/chosen/portrait.png']])
  })

  it('transfers a preview frame’s pixels instead of copying them, where the transport can', async () => {
    const sent: Uint8Array[] = []
    const { connection } = connect(() => ({
      async renderPreview() {
        const rgba = new Uint8Array(4 * 16 * 16).fill(7)
        sent.push(rgba)
        return { width: 16, height: 16, rgba, renderMs: 1 }
      }
    }))
    const reply = await connection.invoke(invokeChannels.renderPreview, { ...preview(16), height: 16 })
    const frame = (reply as { value: { rgba: Uint8Array } }).value.rgba
    expect(frame.byteLength).toBe(1024)
    expect(frame[1023]).toBe(7)
    // The core gave its buffer up: it is detached on the core's side.
    expect(sent[0]!.byteLength).toBe(0)
  })

  it('fails every pending and later request with the code it is closed with', async () => {
    const { connection } = connect(() => ({ renderPreview: () => new Promise(() => undefined) }))
    await connection.ready
    const pending = connection.invoke(invokeChannels.renderPreview, preview(16))
    connection.close(coreErrors.restarted)
    expect(await pending).toEqual({ ok: false, error: coreErrors.restarted })
    expect(await connection.invoke(invokeChannels.writeLog, { level: 'info', message: 'x' })).toEqual({
      ok: false,
      error: coreErrors.restarted
    })
  })

  it('lets running requests finish before it answers a shutdown', async () => {
    const finished: string[] = []
    const { connection } = connect(() => ({
      async writeLog({ message }) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        finished.push(message)
        return undefined
      }
    }))
    void connection.invoke(invokeChannels.writeLog, { level: 'info', message: 'autosave' })
    expect(await connection.shutdown(false)).toEqual({ ok: true, value: undefined })
    expect(finished).toEqual(['autosave'])
  })

  it('answers requests that arrive before init with core-not-ready', async () => {
    const { port1, port2 } = new MessageChannel()
    serveCore(workerMessagePort(port2), () => {
      throw new Error('never built')
    })
    const reply = new Promise<unknown>((resolve) => port1.once('message', resolve))
    port1.postMessage({ type: 'invoke', id: 9, channel: invokeChannels.getAppInfo, payload: undefined })
    expect(await reply).toEqual({ type: 'reply', id: 9, envelope: { ok: false, error: coreErrors.notReady } })
    port1.close()
  })

  it('recognises well-formed messages and refuses others', () => {
    expect(isToCoreMessage({ type: 'invoke', id: 1, channel: 'app:get-info', payload: undefined })).toBe(true)
    expect(isToCoreMessage({ type: 'invoke', id: 1.5, channel: 'app:get-info' })).toBe(false)
    expect(isToCoreMessage({ type: 'shutdown', id: 2 })).toBe(false)
    expect(isToCoreMessage('invoke')).toBe(false)
    expect(isFromCoreMessage({ type: 'reply', id: 1, envelope: { ok: true, value: 3 } })).toBe(true)
    expect(isFromCoreMessage({ type: 'reply', id: 1, envelope: { ok: 'yes' } })).toBe(false)
    expect(isFromCoreMessage({ type: 'event', method: 'onJobProgress', payload: {} })).toBe(true)
    expect(isFromCoreMessage({ type: 'event', method: 'onAnythingElse', payload: {} })).toBe(false)
    expect(isFromCoreMessage({ type: 'grant', token: 't', path: 7 })).toBe(false)
  })

  it('transfers only byte arrays that own their whole buffer', () => {
    const whole = new Uint8Array(8)
    const view = new Uint8Array(new ArrayBuffer(16), 4, 8)
    expect(transferablesOf({ ok: true, value: { rgba: whole, other: view } })).toEqual([whole.buffer])
  })
})
