import { describe, expect, it } from 'vitest'
import { invokeChannels } from '@shared/ipc/channels'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { CoreHost } from '../../../src/main/core-process/core-connection'
import { createCoreProxy } from '../../../src/main/core-process/core-proxy'
import { coreErrors } from '../../../src/main/core-process/core-protocol'
import { createCoreSupervisor } from '../../../src/main/core-process/core-supervisor'
import type { HandlerMap } from '../../../src/main/core/ipc/create-handlers'
import type { CoreHostLink } from '../../../src/main/core-process/core-server'
import { inProcessFork, silentLogger } from './in-process-core'

const init = {
  runtime: 'test-host' as const,
  appVersion: '0.0.0-test',
  development: true,
  userDataDir: '/nowhere',
  resourcesDir: '/nowhere',
  autosaveSessionId: 'session-1'
}
const camera = { yaw: 0, pitch: 0, roll: 0, zoom: 1, panX: 0, panY: 0 }
const previewRequest = { expression: {}, camera, width: 16, height: 16, view: 'color' as const }
const TOKEN = 'portrait-token-00000001'

function host(events: string[]): CoreHost {
  return {
    dialogs: { openFile: async () => null, saveFile: async () => null },
    shell: { showItemInFolder: () => undefined },
    lifecycle: { closeConfirmed: () => undefined },
    events: { emit: (method) => void events.push(method) },
    recentProjectsChanged: () => undefined
  }
}

/** A core with one avatar slot, like the real avatar session: lost when the process goes. */
const avatarCore = (link: CoreHostLink): Partial<HandlerMap> => {
  let avatar: string | null = null
  return {
    async buildAvatar({ token }) {
      link.onGrant(`granted-${token}`.slice(0, 24), `/photos/${token}.png`)
      avatar = token
      return {
        width: 16,
        height: 16,
        directions: [],
        pack: { id: 'p', version: '1' },
        buildMs: 1,
        motionScale: {}
      }
    },
    async renderPreview() {
      if (!avatar) throw new MimesisError('no-avatar', 'Open a portrait first.')
      return { width: 16, height: 16, rgba: new Uint8Array(1024), renderMs: 1 }
    }
  }
}

describe('the core supervisor', () => {
  it('restarts a core that dies, fails its pending request with core-restarted, and says so once', async () => {
    const events: string[] = []
    // A request the core is still working on when it dies.
    const { fork, started } = inProcessFork(() => ({ getAppInfo: () => new Promise(() => undefined) }))
    const supervisor = createCoreSupervisor({ fork, init, host: host(events), logger: silentLogger })
    await supervisor.ready()
    const pending = supervisor.invoke(invokeChannels.getAppInfo, undefined)
    const restarted = new Promise((resolve) => supervisor.onRestart(resolve))
    started[0]!.kill('SIGKILL')
    expect(await pending).toEqual({ ok: false, error: coreErrors.restarted })
    await restarted
    await supervisor.ready()
    expect(supervisor.generation).toBe(2)
    expect(events).toEqual(['onCoreRestarted'])
    await supervisor.stop(false)
  })

  it('hands a restarted core the grants of this run', async () => {
    const { fork, started } = inProcessFork(avatarCore)
    const supervisor = createCoreSupervisor({ fork, init, host: host([]), logger: silentLogger })
    await supervisor.invoke(invokeChannels.buildAvatar, { token: TOKEN, faceIndex: 0 })
    started[0]!.kill('SIGKILL')
    await new Promise((resolve) => supervisor.onRestart(resolve))
    expect((await started[1]!.init).grants).toEqual([
      [`granted-${TOKEN}`.slice(0, 24), `/photos/${TOKEN}.png`]
    ])
    await supervisor.stop(false)
  })

  it('gives up after too many crashes in a short time', async () => {
    const { fork, started } = inProcessFork(avatarCore)
    const supervisor = createCoreSupervisor({
      fork,
      init,
      host: host([]),
      logger: silentLogger,
      maxRestarts: 1,
      now: () => 1000
    })
    started[0]!.kill('SIGKILL')
    await new Promise((resolve) => supervisor.onRestart(resolve))
    started[1]!.kill('SIGKILL')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(started).toHaveLength(2)
    expect(await supervisor.invoke(invokeChannels.getAppInfo, undefined)).toEqual({
      ok: false,
      error: coreErrors.unavailable
    })
  })

  it('reports a core that cannot start instead of waiting for it forever', async () => {
    const supervisor = createCoreSupervisor({
      fork: () => ({
        port: { postMessage: () => undefined, onMessage: () => undefined },
        onExit: (listener) => setImmediate(() => listener({ code: 1, signal: null })),
        kill: () => undefined
      }),
      init,
      host: host([]),
      logger: silentLogger,
      maxRestarts: 2
    })
    await expect(supervisor.ready()).rejects.toThrow(/core-unavailable/)
    expect(supervisor.generation).toBe(3)
  })

  it('does not restart a core it stopped', async () => {
    const events: string[] = []
    const { fork, started } = inProcessFork(avatarCore)
    const supervisor = createCoreSupervisor({ fork, init, host: host(events), logger: silentLogger })
    await supervisor.stop(true)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(started).toHaveLength(1)
    expect(events).toEqual([])
    expect(await supervisor.invoke(invokeChannels.getAppInfo, undefined)).toEqual({
      ok: false,
      error: coreErrors.stopped
    })
  })
})

describe('the forwarding proxy', () => {
  it('rebuilds the avatar in a restarted core before the next preview', async () => {
    const { fork, started } = inProcessFork(avatarCore)
    const supervisor = createCoreSupervisor({ fork, init, host: host([]), logger: silentLogger })
    const proxy = createCoreProxy(supervisor, silentLogger)
    expect((await proxy.invoke(invokeChannels.buildAvatar, { token: TOKEN, faceIndex: 0 })).ok).toBe(true)
    expect((await proxy.invoke(invokeChannels.renderPreview, previewRequest)).ok).toBe(true)
    started[0]!.kill('SIGKILL')
    await new Promise((resolve) => supervisor.onRestart(resolve))
    // The new core has no avatar of its own...
    const bare = await supervisor.invoke(invokeChannels.renderPreview, previewRequest)
    expect(bare.ok === false && bare.error.code).toBe('no-avatar')
    // ...and the proxy builds it again before forwarding the preview.
    expect((await proxy.invoke(invokeChannels.renderPreview, previewRequest)).ok).toBe(true)
    await supervisor.stop(false)
  })

  it('refuses invalid payloads in main, before they reach the core', async () => {
    const forwarded: string[] = []
    const { fork } = inProcessFork((link) => ({
      ...avatarCore(link),
      renderPreview: async () => {
        forwarded.push('renderPreview')
        return null
      }
    }))
    const supervisor = createCoreSupervisor({ fork, init, host: host([]), logger: silentLogger })
    const proxy = createCoreProxy(supervisor, silentLogger)
    const reply = await proxy.invoke(invokeChannels.renderPreview, { ...previewRequest, width: 99999 })
    expect(reply.ok === false && reply.error.code).toBe('invalid-payload')
    const drop = await proxy.privileged('file:import-dropped-path', { path: '' })
    expect(drop.ok === false && drop.error.code).toBe('invalid-payload')
    expect(forwarded).toEqual([])
    await supervisor.stop(false)
  })
})
