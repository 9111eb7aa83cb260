export class OutputNotWritableError extends Error {
  override readonly name = 'OutputNotWritableError'

  constructor(
    readonly outPath: string,
    reason: string
  ) {
    super(`Cannot export to ${outPath}: ${reason}`)
  }
}
