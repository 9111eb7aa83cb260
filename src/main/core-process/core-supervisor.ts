// Keeps one core process running. When it exits unexpectedly, its pending requests fail with the coded
// error 'core-restarted', a new core starts with the grants of this run (so the renderer's file tokens
// keep working), and the renderer hears one `onCoreRestarted` event. A core that keeps crashing is given
// up on after a few tries, so a fault that kills it at start cannot loop forever.
import type { InvokeEnvelope } from '@shared/ipc/api'
import type { IpcError } from '@shared/ipc/contract'
import type { Logger } from '../core/app/logger'
import type { CoreChild, CoreExit, ForkCore } from './core-port'
import { connectCore, type CoreConnection, type CoreHost } from './core-connection'
import { coreErrors, type CoreInit } from './core-protocol'

export interface CoreSupervisorOptions {
  fork: ForkCore
  /** Everything a core is told at start except the grants, which the supervisor keeps. */
  init: Omit<CoreInit, 'grants'>
  host: CoreHost
  logger: Logger
  /** Restarts allowed within `crashWindowMs`; one more crash and the core stays down. */
  maxRestarts?: number
  crashWindowMs?: number
  /** How long `stop` waits for the core to finish up before killing it. */
  stopTimeoutMs?: number
  now?: () => number
}

export interface CoreSupervisor {
  invoke(channel: string, payload: unknown): Promise<InvokeEnvelope>
  importDroppedPath(path: string): Promise<InvokeEnvelope>
  /** 1 for the first core process, one more for each restart. */
  readonly generation: number
  /** Resolves once the current core process has built its handlers. */
  ready(): Promise<void>
  /** Called after each restart, with the new generation. */
  onRestart(listener: (generation: number) => void): () => void
  /** Kills the current core process with `signal`, as a crash would (tests). */
  killCore(signal?: NodeJS.Signals): void
  /** Lets the core finish up (autosave marked clean when `cleanExit`), then ends it; no restart. */
  stop(cleanExit: boolean): Promise<void>
}

interface Running {
  child: CoreChild
  connection: CoreConnection
  exited: Promise<CoreExit>
}

export function createCoreSupervisor(options: CoreSupervisorOptions): CoreSupervisor {
  const { logger } = options
  const maxRestarts = options.maxRestarts ?? 3
  const crashWindowMs = options.crashWindowMs ?? 60_000
  const now = options.now ?? (() => Date.now())
  /** token → path of every grant this run: the ledger a new core adopts. */
  const grants = new Map<string, string>()
  const crashes: number[] = []
  const listeners = new Set<(generation: number) => void>()
  let generation = 0
  let running: Running | null = null
  let downWith: IpcError | null = null
  let stopping = false

  const start = (): Running => {
    const child = options.fork()
    generation += 1
    const connection = connectCore(
      child.port,
      { ...options.init, grants: [...grants] },
      options.host,
      (token, path) => grants.set(token, path),
      logger
    )
    const exited = new Promise<CoreExit>((resolve) => child.onExit(resolve))
    const instance: Running = { child, connection, exited }
    void exited.then((exit) => onExit(instance, exit))
    return instance
  }

  /** Whether another restart fits within the crash budget (and records this crash). */
  const mayRestart = (): boolean => {
    const time = now()
    crashes.push(time)
    while (crashes.length > 0 && crashes[0]! < time - crashWindowMs) crashes.shift()
    return crashes.length <= maxRestarts
  }

  const onExit = (instance: Running, exit: CoreExit) => {
    if (stopping || running !== instance) {
      instance.connection.close(coreErrors.stopped)
      return
    }
    instance.connection.close(coreErrors.restarted)
    logger.error('The core process exited unexpectedly', { code: exit.code, signal: exit.signal })
    if (!mayRestart()) {
      logger.error('The core process keeps exiting; not restarting it again')
      running = null
      downWith = coreErrors.unavailable
      return
    }
    running = start()
    logger.info('Core process restarted', { generation })
    options.host.events.emit('onCoreRestarted', undefined)
    for (const listener of listeners) listener(generation)
  }

  const current = (): Running | IpcError => {
    if (stopping) return coreErrors.stopped
    return running ?? downWith ?? coreErrors.unavailable
  }
  const failed = (error: IpcError): Promise<InvokeEnvelope> => Promise.resolve({ ok: false, error })
  const isRunning = (value: Running | IpcError): value is Running => 'connection' in value

  running = start()

  return {
    invoke(channel, payload) {
      const core = current()
      return isRunning(core) ? core.connection.invoke(channel, payload) : failed(core)
    },
    importDroppedPath(path) {
      const core = current()
      return isRunning(core) ? core.connection.importDroppedPath(path) : failed(core)
    },
    get generation() {
      return generation
    },
    async ready() {
      // A core that dies before it is ready is replaced; wait for the replacement instead.
      for (;;) {
        const instance = running
        if (!instance) throw new Error(`${(downWith ?? coreErrors.stopped).code}: the core is not running`)
        try {
          return await instance.connection.ready
        } catch (error) {
          if (running === instance) throw error
        }
      }
    },
    onRestart(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    killCore(signal = 'SIGKILL') {
      running?.child.kill(signal)
    },
    async stop(cleanExit) {
      const instance = running
      stopping = true
      if (!instance) return
      // Room for the core's own drain of running requests (2 s) and the autosave clean-up after it.
      const timeoutMs = options.stopTimeoutMs ?? 10_000
      const finished = await Promise.race([
        instance.connection.shutdown(cleanExit).then(() => true),
        instance.exited.then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())
      ])
      if (!finished) logger.warn('The core process did not finish up in time; ending it')
      instance.child.kill('SIGTERM')
      await Promise.race([
        instance.exited,
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())
      ])
    }
  }
}
