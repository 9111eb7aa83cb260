// The transport between main and the core process, as plain interfaces: Electron's utilityProcess, a
// Node child_process.fork IPC channel and a worker_threads MessagePort all fit behind them, so the
// protocol, the proxy and the supervisor never depend on Electron.

/** One end of a message channel. Messages are structured-cloned (or serialised the same way). */
export interface CorePort {
  /**
   * `transfer` lists buffers the sender gives up (preview frames); a transport that cannot transfer
   * (Electron's parentPort, a child_process channel) copies them instead.
   */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void
  onMessage(listener: (message: unknown) => void): void
}

/** How a core process ended: an exit code, or the signal that killed it. */
export interface CoreExit {
  code: number | null
  signal: string | null
}

/** A running core process, seen from the process that started it. */
export interface CoreChild {
  readonly port: CorePort
  /** Called once, when the process has gone (whatever the reason). */
  onExit(listener: (exit: CoreExit) => void): void
  kill(signal?: NodeJS.Signals): void
}

/** Starts one core process. */
export type ForkCore = () => CoreChild
