// A core "process" inside the test's own process: the real server end of the protocol over a
// worker_threads MessageChannel, with handlers the test supplies. Stands in for a forked child where a
// test checks the protocol or the supervisor rather than the studio's handlers.
import { MessageChannel } from 'node:worker_threads'
import type { Logger } from '../../../src/main/core/app/logger'
import type { HandlerMap, PrivilegedHandlers } from '../../../src/main/core/ipc/create-handlers'
import type { CoreChild, CoreExit, ForkCore } from '../../../src/main/core-process/core-port'
import type { CoreInit } from '../../../src/main/core-process/core-protocol'
import { serveCore, type CoreHostLink } from '../../../src/main/core-process/core-server'
import { workerMessagePort } from '../../../src/main/core-process/node-core-ports'

export const silentLogger: Logger = {
  log: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  flush: async () => undefined
}

/** The handlers a test gives its core; the link lets them call dialogs or emit events. */
export type FakeHandlers = (link: CoreHostLink, init: CoreInit) => Partial<HandlerMap>

export interface InProcessCore extends CoreChild {
  /** The init message this core received. */
  readonly init: Promise<CoreInit>
  /** The core's end of the channel, for tests that check what it gave up. */
  readonly link: Promise<CoreHostLink>
}

export function startInProcessCore(
  handlers: FakeHandlers,
  privileged: Partial<PrivilegedHandlers> = {}
): InProcessCore {
  const { port1, port2 } = new MessageChannel()
  const exitListeners: ((exit: CoreExit) => void)[] = []
  let exited = false
  let resolveInit: (init: CoreInit) => void = () => undefined
  let resolveLink: (link: CoreHostLink) => void = () => undefined
  const init = new Promise<CoreInit>((resolve) => (resolveInit = resolve))
  const link = new Promise<CoreHostLink>((resolve) => (resolveLink = resolve))
  serveCore(workerMessagePort(port2), (received, hostLink) => {
    resolveInit(received)
    resolveLink(hostLink)
    return {
      handlers: handlers(hostLink, received) as HandlerMap,
      privileged: privileged as PrivilegedHandlers,
      logger: silentLogger,
      shutdown: async () => undefined
    }
  })
  return {
    port: workerMessagePort(port1),
    init,
    link,
    onExit(listener) {
      exitListeners.push(listener)
    },
    kill(signal = 'SIGTERM') {
      if (exited) return
      exited = true
      port1.close()
      port2.close()
      // A real process reports its exit a moment after the signal, not synchronously.
      setImmediate(() => exitListeners.forEach((listener) => listener({ code: null, signal })))
    }
  }
}

/** A ForkCore that starts in-process cores and keeps each one for the test to inspect or kill. */
export function inProcessFork(handlers: FakeHandlers): { fork: ForkCore; started: InProcessCore[] } {
  const started: InProcessCore[] = []
  return {
    started,
    fork: () => {
      const core = startInProcessCore(handlers)
      started.push(core)
      return core
    }
  }
}
