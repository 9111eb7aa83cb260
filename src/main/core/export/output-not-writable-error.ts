import { MimesisError } from '@shared/errors/mimesis-error'
export class OutputNotWritableError extends MimesisError {
  override readonly name = 'OutputNotWritableError'

  constructor(
    readonly outPath: string,
    reason: string
  ) {
    super('output-not-writable', `Cannot export to ${outPath}: ${reason}`)
  }
}
