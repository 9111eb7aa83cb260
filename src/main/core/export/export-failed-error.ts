import { MimesisError } from '@shared/errors/mimesis-error'
export class ExportFailedError extends MimesisError {
  override readonly name = 'ExportFailedError'

  constructor(
    message: string,
    readonly outPath: string,
    /** Last lines ffmpeg wrote to stderr, empty when the failure was not ffmpeg's. */
    readonly ffmpegStderrTail: string,
    options?: { cause?: unknown }
  ) {
    // The message is the reason; ffmpeg's last words are the detail (the CLI prints both, the studio shows
    // the reason and keeps the detail for the log).
    super('export-failed', message, { detail: ffmpegStderrTail || undefined, cause: options?.cause })
  }
}
