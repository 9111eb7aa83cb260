import { MimesisError } from '@shared/errors/mimesis-error'
export class ExportCancelledError extends MimesisError {
  override readonly name = 'ExportCancelledError'

  constructor(readonly outPath: string) {
    super('export-cancelled', `Export of ${outPath} was cancelled; no file was written.`)
  }
}
