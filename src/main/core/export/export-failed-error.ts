export class ExportFailedError extends Error {
  override readonly name = 'ExportFailedError'

  constructor(
    message: string,
    readonly outPath: string,
    /** Last lines ffmpeg wrote to stderr, empty when the failure was not ffmpeg's. */
    readonly ffmpegStderrTail: string,
    options?: { cause?: unknown }
  ) {
    super(ffmpegStderrTail ? `${message}\nffmpeg said:\n${ffmpegStderrTail}` : message, options)
  }
}
