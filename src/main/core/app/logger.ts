import { appendFile, mkdir, rename, stat } from 'node:fs/promises'
import { join } from 'node:path'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogContext = Record<string, string | number | boolean | null>

export interface Logger {
  log(level: LogLevel, message: string, context?: LogContext): void
  debug(message: string, context?: LogContext): void
  info(message: string, context?: LogContext): void
  warn(message: string, context?: LogContext): void
  error(message: string, context?: LogContext): void
  /** Resolves when every line written so far is on disk. */
  flush(): Promise<void>
}

const MAX_LOG_BYTES = 5 * 1024 * 1024

/**
 * A JSON-lines log file (`main.log`) that rolls over to `main.1.log` past 5 MB. Writes are queued so
 * lines keep their order and logging never blocks the caller.
 */
export function createFileLogger(dir: string, options: { echo?: boolean; fileName?: string } = {}): Logger {
  const file = join(dir, options.fileName ?? 'main.log')
  let queue: Promise<void> = mkdir(dir, { recursive: true }).then(() => undefined)
  let written = 0

  const write = (line: string): void => {
    queue = queue
      .then(async () => {
        if (written === 0) written = (await stat(file).catch(() => null))?.size ?? 0
        if (written > MAX_LOG_BYTES) {
          await rename(file, file.replace(/\.log$/, '.1.log')).catch(() => undefined)
          written = 0
        }
        await appendFile(file, line)
        written += Buffer.byteLength(line)
      })
      .catch(() => undefined)
  }

  const log = (level: LogLevel, message: string, context?: LogContext): void => {
    const entry = { time: new Date().toISOString(), level, message, ...(context ? { context } : {}) }
    write(JSON.stringify(entry) + '\n')
    if (options.echo && level !== 'debug') {
      const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout
      stream.write(`[${level}] ${message}\n`)
    }
  }

  return {
    log,
    debug: (m, c) => log('debug', m, c),
    info: (m, c) => log('info', m, c),
    warn: (m, c) => log('warn', m, c),
    error: (m, c) => log('error', m, c),
    flush: () => queue
  }
}
