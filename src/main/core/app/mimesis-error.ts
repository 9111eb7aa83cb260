/**
 * An error meant for people: `code` is stable for programs (IPC, CLI exit handling), `message` says what
 * went wrong and what to do about it.
 */
export class MimesisError extends Error {
  readonly code: string
  readonly detail: string | undefined
  constructor(code: string, message: string, options: { detail?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'MimesisError'
    this.code = code
    this.detail = options.detail
  }
}
