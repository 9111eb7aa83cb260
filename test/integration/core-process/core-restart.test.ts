// The split for real: the core process forked from source (as the renderer test host runs it), the real
// handlers, engine and ffmpeg behind the protocol. A SIGKILL mid-export must fail that request with a
// coded error, the supervisor must start a new core, and the next preview must rebuild the avatar there.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvokeEnvelope } from '@shared/ipc/api'
import { invokeChannels } from '@shared/ipc/channels'
import type { AvatarInfo, FileRef, JobProgress, PreviewFrameResult } from '@shared/ipc/contract'
import { createDocument, packDocument, seconds } from '@shared/timeline'
import { createFileLogger } from '../../../src/main/core/app/logger'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { createCoreProxy, type CoreProxy } from '../../../src/main/core-process/core-proxy'
import { createCoreSupervisor, type CoreSupervisor } from '../../../src/main/core-process/core-supervisor'
import { forkSourceCore } from '../../host/fork-source-core'

const resourcesDir = resolveResourcesDir()
const fixture = resolve(__dirname, '../../fixtures/astronaut.png')
const ready = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

const camera = { yaw: 10, pitch: 0, roll: 0, zoom: 1, panX: 0, panY: 0 }
const preview = { expression: {}, camera, width: 128, height: 128, view: 'color' as const }

function valueOf<T>(envelope: InvokeEnvelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.value as T
}

describe.skipIf(!ready)('the core process, forked, killed and restarted (real engine)', () => {
  let dir: string
  let core: CoreSupervisor
  let proxy: CoreProxy
  const dialogAnswers: (string | null)[] = []
  const events: { method: string; payload: unknown }[] = []

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-core-restart-'))
    const logger = createFileLogger(join(dir, 'logs'))
    core = createCoreSupervisor({
      fork: forkSourceCore(),
      init: {
        runtime: 'test-host',
        appVersion: '0.0.0-test',
        development: true,
        userDataDir: dir,
        resourcesDir,
        autosaveSessionId: 'core-restart-test'
      },
      host: {
        dialogs: {
          openFile: async () => dialogAnswers.shift() ?? null,
          saveFile: async () => dialogAnswers.shift() ?? null
        },
        shell: { showItemInFolder: () => undefined },
        lifecycle: { closeConfirmed: () => undefined },
        events: { emit: (method, payload) => void events.push({ method, payload }) },
        recentProjectsChanged: () => undefined
      },
      logger
    })
    proxy = createCoreProxy(core, logger)
    await core.ready()
  }, 120_000)

  afterAll(async () => {
    await core?.stop(false)
    await rm(dir, { recursive: true, force: true })
  })

  it('fails an export cut short with core-restarted, restarts, and rebuilds the avatar for the next preview', async () => {
    dialogAnswers.push(fixture)
    const portrait = valueOf<FileRef>(await proxy.invoke(invokeChannels.openPortraitDialog, undefined))
    const avatar = valueOf<AvatarInfo>(
      await proxy.invoke(invokeChannels.buildAvatar, { token: portrait.token, faceIndex: 0 })
    )
    expect(valueOf<PreviewFrameResult>(await proxy.invoke(invokeChannels.renderPreview, preview)).width).toBe(
      128
    )

    dialogAnswers.push(join(dir, 'cut-short.mp4'))
    const output = valueOf<FileRef>(
      await proxy.invoke(invokeChannels.chooseExportFile, { defaultName: 'cut-short.mp4' })
    )
    const document = createDocument({
      expressionNames: avatar.directions.map((d) => d.name),
      settings: { fps: 24, durationSec: seconds(20), width: 256, height: 256 }
    })
    const exporting = proxy.invoke(invokeChannels.startExport, {
      outputToken: output.token,
      document: packDocument(document),
      width: 256,
      height: 256,
      fps: 24,
      range: 'all'
    })
    // Kill the core once frames are being rendered, not before the export started.
    await expect
      .poll(
        () => events.some((e) => e.method === 'onJobProgress' && (e.payload as JobProgress).fraction > 0),
        {
          timeout: 60_000,
          interval: 50
        }
      )
      .toBe(true)
    const restarted = new Promise<number>((resolveRestart) => core.onRestart(resolveRestart))
    core.killCore('SIGKILL')

    const cut = await exporting
    expect(cut.ok).toBe(false)
    expect(!cut.ok && cut.error.code).toBe('core-restarted')
    expect(await restarted).toBe(2)
    expect(events.filter((e) => e.method === 'onCoreRestarted')).toHaveLength(1)
    await core.ready()

    // The new core holds no avatar of its own...
    const bare = await core.invoke(invokeChannels.renderPreview, preview)
    expect(!bare.ok && bare.error.code).toBe('no-avatar')
    // ...the renderer's tokens still work there (grants were handed over)...
    expect((await proxy.invoke(invokeChannels.loadPortrait, { token: portrait.token })).ok).toBe(true)
    // ...and the next preview through main rebuilds the avatar before rendering.
    const frame = valueOf<PreviewFrameResult>(await proxy.invoke(invokeChannels.renderPreview, preview))
    expect(frame.width).toBe(128)
    expect(frame.rgba.byteLength).toBe(128 * 128 * 4)
  }, 240_000)

  it('fails a preview pending when the core dies, and serves the next one', async () => {
    const big = { ...preview, width: 1024, height: 1024 }
    const pending = proxy.invoke(invokeChannels.renderPreview, big)
    const restarted = new Promise<number>((resolveRestart) => core.onRestart(resolveRestart))
    core.killCore('SIGKILL')
    const lost = await pending
    expect(!lost.ok && lost.error.code).toBe('core-restarted')
    expect(await restarted).toBe(3)
    const frame = valueOf<PreviewFrameResult>(await proxy.invoke(invokeChannels.renderPreview, preview))
    expect(frame.rgba.byteLength).toBe(128 * 128 * 4)
  }, 240_000)
})
