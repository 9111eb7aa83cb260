export type VideoInputProblem = 'not-found' | 'not-video' | 'corrupt'

export class VideoInputError extends Error {
  override readonly name = 'VideoInputError'
  /** Stable code for the CLI's exit status and the studio: a missing input, or one that cannot be read. */
  readonly code: 'input-not-found' | 'video-unreadable'

  constructor(
    readonly problem: VideoInputProblem,
    readonly path: string,
    detail: string
  ) {
    const lead =
      problem === 'not-found'
        ? `Video file not found: ${path}`
        : problem === 'not-video'
          ? `Not a video file: ${path}. Choose an MP4, MOV, WebM, MKV or AVI file with a picture track.`
          : `The video ${path} is damaged or in a format ffmpeg cannot read. Re-export it as MP4 (H.264) and try again.`
    super(detail ? `${lead}\n${detail}` : lead)
    this.code = problem === 'not-found' ? 'input-not-found' : 'video-unreadable'
  }
}
