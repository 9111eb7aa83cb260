import { MAX_MESSAGE_CHARS, boundText } from '../text/bound-text'
import type { ErrorCode } from './error-codes'

/** Longest `detail` (lists of valid names, schema problems), in characters. */
const MAX_DETAIL_CHARS = 2000

/**
 * The project's one error type: every domain error extends it. `code` (ErrorCode) is stable for programs (IPC,
 * CLI exit handling), `message` says what went wrong and what to do about it, `detail` what a person may want
 * to read further (a list of valid names, ffmpeg's last words).
 */
export class MimesisError extends Error {
  readonly code: ErrorCode
  readonly detail: string | undefined
  constructor(code: ErrorCode, message: string, options: { detail?: string; cause?: unknown } = {}) {
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
