// Node's transports behind the CorePort interface: a child_process.fork IPC channel (the renderer test
// host and the crash tests run the core this way) and worker_threads MessagePorts (unit tests; the only
// one of them that really transfers buffers).
import { fork, type ChildProcess } from 'node:child_process'
import type { MessagePort } from 'node:worker_threads'
import type { CoreChild, CorePort, ForkCore } from './core-port'

/** The parent's end of a forked child's IPC channel. */
export function childProcessPort(child: ChildProcess): CorePort {
  return {
    postMessage(message) {
      // A child that has just died has no channel; its exit is reported through `onExit`.
      if (child.connected) child.send(message as object)
    },
    onMessage(listener) {
      child.on('message', listener)
    }
  }
}

/** The forked child's end of its IPC channel. */
export function parentProcessPort(processRef: NodeJS.Process = process): CorePort {
  return {
    postMessage(message) {
      if (processRef.connected) processRef.send?.(message)
    },
    onMessage(listener) {
      processRef.on('message', listener)
    }
  }
}

/** A worker_threads MessagePort, which can transfer ArrayBuffers instead of copying them. */
export function workerMessagePort(port: MessagePort): CorePort {
  return {
    postMessage(message, transfer) {
      port.postMessage(message, transfer)
    },
    onMessage(listener) {
      port.on('message', listener)
    }
  }
}

export interface ForkNodeCoreOptions {
  /** Node flags for the child, e.g. `['--import', 'tsx']` to run the TypeScript entry directly. */
  execArgv?: string[]
  env?: NodeJS.ProcessEnv
  cwd?: string
}

/**
 * Starts the core entry in a Node child process. 'advanced' serialisation is the structured clone the
 * Electron transport uses, so byte arrays cross as bytes, not as JSON arrays of numbers.
 */
export function forkNodeCore(entry: string, options: ForkNodeCoreOptions = {}): ForkCore {
  return () => {
    const child = fork(entry, [], {
      execArgv: options.execArgv ?? [],
      env: options.env ?? process.env,
      cwd: options.cwd,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    })
    return nodeCoreChild(child)
  }
}

function nodeCoreChild(child: ChildProcess): CoreChild {
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
    // A child that could not be started at all never emits 'exit'.
    child.once('error', () => {
      if (child.pid === undefined) resolve({ code: null, signal: null })
    })
  })
  return {
    port: childProcessPort(child),
    onExit(listener) {
      void exited.then(listener)
    },
    kill(signal) {
      child.kill(signal)
    }
  }
}
