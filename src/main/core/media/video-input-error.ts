export type VideoInputProblem = 'not-found' | 'not-video' | 'corrupt'

export class VideoInputError extends Error {
  override readonly name = 'VideoInputError'

  constructor(
    readonly problem: VideoInputProblem,
    readonly path: string,
    detail: string
  ) {
    const lead =
      problem === 'not-found'
        ? `Video file not found: ${path}`
        : problem === 'not-video'
          ? `Not a video file: ${path}`
          : `The video ${path} is damaged or in a format ffmpeg cannot read`
    super(detail ? `${lead}\n${detail}` : lead)
  }
}
