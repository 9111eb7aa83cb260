import { MimesisError } from '@shared/errors/mimesis-error'
export class DecodeCancelledError extends MimesisError {
  override readonly name = 'DecodeCancelledError'

  constructor(readonly path: string) {
    super('cancelled', `Decoding ${path} was cancelled.`)
  }
}
