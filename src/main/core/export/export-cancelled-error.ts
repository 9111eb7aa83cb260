export class ExportCancelledError extends Error {
  override readonly name = 'ExportCancelledError'

  constructor(readonly outPath: string) {
    super(`Export of ${outPath} was cancelled; no file was written.`)
  }
}
