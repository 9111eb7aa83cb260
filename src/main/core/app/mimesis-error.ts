import { MAX_MESSAGE_CHARS, boundText } from '@shared/text/bound-text'

/** Longest `detail` (lists of valid names, schema problems), in characters. */
const MAX_DETAIL_CHARS = 2000

/**
 * An error meant for people: `code` is stable for programs (IPC, CLI exit handling), `message` says what
 * went wrong and what to do about it.
 */
export class MimesisError extends Error {
  readonly code: string
  readonly detail: string | undefined
  constructor(code: string, message: string, options: { detail?: string; cause?: unknown } = {}) {
    // Bounded here, once for every coded error: messages quote file and request contents.
    super(
      boundText(message, MAX_MESSAGE_CHARS),
      options.cause === undefined ? undefined : { cause: options.cause }
    )
    this.name = 'MimesisError'
    this.code = code
    this.detail = options.detail === undefined ? undefined : boundText(options.detail, MAX_DETAIL_CHARS)
  }
}
