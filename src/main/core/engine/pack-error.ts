import { MimesisError } from '@shared/errors/mimesis-error'

/** A pack that cannot be used: `file` is the offending file, the message says what does not match. */
export class PackError extends MimesisError {
  readonly file: string
  constructor(file: string, problem: string, options: { cause?: unknown } = {}) {
    super('ENGINE_PACK_INVALID', `Engine pack file ${file}: ${problem}`, {
      detail: problem,
      cause: options.cause
    })
    this.name = 'PackError'
    this.file = file
  }
}
