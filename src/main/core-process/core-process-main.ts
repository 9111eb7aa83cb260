// Entry of the core process: the studio's handlers (analysis, avatar build, rendering, export, project
// files, autosave) run here, away from the process that owns the windows, so a long synchronous step
// never freezes menus and dialogs, and a crash here costs a restart, not the app.
//
// Electron starts it with utilityProcess.fork (messages through `process.parentPort`); the renderer test
// host and the crash tests start it with child_process.fork (messages through the IPC channel).
import type { CorePort } from './core-port'
import { buildCoreRuntime } from './build-core-runtime'
import { serveCore } from './core-server'
import { parentProcessPort } from './node-core-ports'

/** Electron's utility-process port, typed here so this entry never imports electron. */
interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

function utilityPort(parentPort: UtilityParentPort): CorePort {
  return {
    // Electron's parentPort transfers only MessagePorts, so buffers are copied.
    postMessage: (message) => parentPort.postMessage(message),
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data))
  }
}

function parentPortOfThisProcess(): CorePort {
  const { parentPort } = process as NodeJS.Process & { parentPort?: UtilityParentPort }
  if (parentPort) return utilityPort(parentPort)
  if (!process.send) throw new Error('The core process must be started by the studio (no IPC channel).')
  // The core has no reason to outlive the process that forked it.
  process.on('disconnect', () => process.exit(0))
  return parentProcessPort()
}

serveCore(parentPortOfThisProcess(), buildCoreRuntime)
