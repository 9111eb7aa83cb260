// The renderer test host: serves the built renderer (out/renderer) to a real browser and implements the
// preload API over a WebSocket by forwarding to the very same core process Electron's main process
// starts (here with child_process.fork instead of utilityProcess.fork), through the same proxy and
// supervisor. Nothing here is a mock: dialogs are the only scripted part, because no native dialog
// exists here.
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { type AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { eventChannels } from '@shared/ipc/channels'
import type { InvokeEnvelope } from '@shared/ipc/api'
import type { MenuCommand } from '@shared/ipc/contract'
import { privilegedChannels } from '@shared/ipc/channels'
import { resolveAppPaths } from '../../src/main/core/app/app-paths'
import { createFileLogger } from '../../src/main/core/app/logger'
import type { DialogPort, EventSink } from '../../src/main/core/ipc/ports'
import { APP_VERSION } from '../../src/main/core/app/app-version'
import type { ForkCore } from '../../src/main/core-process/core-port'
import { createCoreProxy } from '../../src/main/core-process/core-proxy'
import { createCoreSupervisor } from '../../src/main/core-process/core-supervisor'
import { buildBridge } from './build-bridge'
import { forkSourceCore } from './fork-source-core'
import { decodeMessage, encodeMessage } from './wire-codec'

const ROOT = resolve(__dirname, '..', '..')
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}
const BRIDGE_PATH = '/__mimesis/bridge.js'
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024

export interface TestHost {
  url: string
  userDataDir: string
  /** Queues the path the next open/save dialog returns (null = the user cancelled). */
  queueDialogResult(path: string | null): void
  /** Does what choosing an item of the native menu does (the test host has no menu bar). */
  sendMenuCommand(command: MenuCommand): void
  /** Paths the studio asked the desktop shell to show in their folder, oldest first. */
  readonly shownInFolder: readonly string[]
  /**
   * Does what closing the app window does: asks the renderer (`onCloseRequested`), which flushes its
   * autosave and may ask about unsaved work. Resolves once the renderer agreed to close.
   */
  requestClose(): Promise<void>
  /**
   * Kills the core process (SIGKILL), as a crash would. The supervisor starts a new one and the renderer
   * hears `onCoreRestarted`; resolves once the new core is ready.
   */
  crashCore(): Promise<void>
  /** How many times the core process has been restarted after a crash. */
  readonly coreRestarts: number
  /**
   * Stops the host. As in the app, the run counts as a clean exit (its autosave removed) only when the
   * renderer agreed to close first; without that it is a crash, and a new host over the same
   * `userDataDir` offers the autosave for recovery.
   */
  close(): Promise<void>
}

export interface TestHostOptions {
  rendererDir?: string
  userDataDir?: string
  port?: number
  /** How the core process starts; by default from source, in a Node child process. */
  forkCore?: ForkCore
}

export async function startTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  const rendererDir = options.rendererDir ?? join(ROOT, 'out', 'renderer')
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'mimesis-host-')))
  const uploadsDir = join(userDataDir, 'dropped-files')
  await mkdir(uploadsDir, { recursive: true })
  const bridgeCode = await buildBridge()
  const indexHtml = await readFile(join(rendererDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`No built renderer at ${rendererDir}. Run "npm run build" first.`)
  })
  const page = indexHtml.replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`)

  const dialogQueue: (string | null)[] = []
  const sockets = new Set<WebSocket>()
  const takeDialogResult = async (): Promise<string | null> =>
    dialogQueue.length > 0 ? dialogQueue.shift()! : null
  const dialogs: DialogPort = { openFile: takeDialogResult, saveFile: takeDialogResult }
  const events: EventSink = {
    emit(method, payload) {
      const frame = encodeMessage({ kind: 'event', channel: eventChannels[method], payload })
      for (const socket of sockets) socket.send(frame)
    }
  }
  const shownInFolder: string[] = []
  let closeConfirmed = false
  const closeWaiters: (() => void)[] = []
  const paths = resolveAppPaths(userDataDir, join(ROOT, 'resources'))
  // The host's own log, as Electron's main writes main.log; the core writes core.log.
  const logger = createFileLogger(paths.logs)
  const core = createCoreSupervisor({
    fork: options.forkCore ?? forkSourceCore(),
    init: {
      runtime: 'test-host',
      appVersion: APP_VERSION,
      development: true,
      userDataDir,
      resourcesDir: paths.resources,
      autosaveSessionId: randomUUID()
    },
    host: {
      dialogs,
      events,
      shell: { showItemInFolder: (path) => shownInFolder.push(path) },
      lifecycle: {
        closeConfirmed() {
          closeConfirmed = true
          for (const resolveWaiter of closeWaiters.splice(0)) resolveWaiter()
        }
      },
      recentProjectsChanged: () => undefined
    },
    logger
  })
  const proxy = createCoreProxy(core, logger)
  await core.ready()

  const serveStatic = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://host')
    if (url.pathname === BRIDGE_PATH) return send(response, 200, MIME['.js']!, bridgeCode)
    if (url.pathname === '/' || url.pathname === '/index.html')
      return send(response, 200, MIME['.html']!, page)
    const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)))
    if (!file.startsWith(rendererDir + sep)) return send(response, 403, 'text/plain', 'Forbidden')
    try {
      const body = await readFile(file)
      return send(response, 200, MIME[extname(file)] ?? 'application/octet-stream', body)
    } catch {
      return send(response, 404, 'text/plain', 'Not found')
    }
  }

  const server = createServer((request, response) => {
    void serveStatic(request, response)
  })
  const wss = new WebSocketServer({ server, path: '/__mimesis/ipc', maxPayload: MAX_UPLOAD_BYTES })
  wss.on('connection', (socket, request) => {
    // Same-origin only, as Electron accepts IPC only from its own windows.
    const origin = request.headers.origin
    if (origin !== `http://${request.headers.host}`) {
      socket.close(1008, 'origin not allowed')
      return
    }
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('message', (data: Buffer) => {
      void (async () => {
        const message = decodeMessage(new Uint8Array(data)) as {
          id: number
          kind: 'invoke' | 'upload'
          channel?: string
          payload?: unknown
          name?: string
          bytes?: Uint8Array
        }
        let envelope: InvokeEnvelope
        if (message.kind === 'invoke') {
          envelope = await proxy.invoke(message.channel, message.payload)
        } else {
          const name = (message.name ?? 'dropped').replace(/[^\w.-]+/g, '_').slice(-120)
          const path = join(uploadsDir, `${randomBytes(6).toString('hex')}-${name}`)
          await writeFile(path, message.bytes ?? new Uint8Array())
          envelope = await proxy.privileged(privilegedChannels.importDroppedPath, { path })
          if (envelope.ok) (envelope.value as { name: string }).name = message.name ?? name
        }
        socket.send(encodeMessage({ kind: 'reply', id: message.id, envelope }))
      })()
    })
  })

  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    userDataDir,
    queueDialogResult: (path) => dialogQueue.push(path),
    sendMenuCommand: (command) => events.emit('onMenuCommand', command),
    shownInFolder,
    requestClose: () =>
      new Promise<void>((resolveClose) => {
        closeWaiters.push(resolveClose)
        events.emit('onCloseRequested', undefined)
      }),
    crashCore: async () => {
      const restarted = new Promise<void>((resolveRestart) => {
        const stopListening = core.onRestart(() => {
          stopListening()
          resolveRestart()
        })
      })
      core.killCore('SIGKILL')
      await restarted
      await core.ready()
    },
    get coreRestarts() {
      return core.generation - 1
    },
    close: async () => {
      for (const socket of sockets) socket.terminate()
      await new Promise<void>((r) => wss.close(() => r()))
      await new Promise<void>((r) => server.close(() => r()))
      // As Electron's will-quit: the core marks the autosave clean only when the renderer agreed to close.
      await core.stop(closeConfirmed)
      await logger.flush()
    }
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  })
  response.end(body)
}
