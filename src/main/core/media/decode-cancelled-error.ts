export class DecodeCancelledError extends Error {
  override readonly name = 'DecodeCancelledError'

  constructor(readonly path: string) {
    super(`Decoding ${path} was cancelled.`)
  }
}
