import { utilityProcess } from 'electron'
import type { ForkCore } from '../core-process/core-port'

/**
 * Starts the core entry (out/main/core-process.js) as an Electron utility process: a Node process of
 * Electron's own, with its own event loop, so analysis, avatar builds and exports never block the
 * window-owning main process.
 */
export function forkUtilityCore(entry: string): ForkCore {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Mimesis Studio core', stdio: 'inherit' })
    return {
      port: {
        // utilityProcess transfers only MessagePorts: buffers are copied.
        postMessage: (message) => child.postMessage(message),
        onMessage: (listener) => void child.on('message', listener)
      },
      onExit: (listener) => void child.once('exit', (code) => listener({ code, signal: null })),
      kill: () => void child.kill()
    }
  }
}
