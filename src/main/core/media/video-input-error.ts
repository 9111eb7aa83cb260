import { MimesisError } from '@shared/errors/mimesis-error'
export type VideoInputProblem = 'not-found' | 'not-video' | 'corrupt'

export class VideoInputError extends MimesisError {
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
          ? `Not a video file: ${path}. Choose an MP4, MOV, WebM, MKV or AVI file with a picture track.`
          : `The video ${path} is damaged or in a format ffmpeg cannot read. Re-export it as MP4 (H.264) and try again.`
    // The code: a missing input, or one that cannot be read (the CLI's exit status, the studio's message).
    super(
      problem === 'not-found' ? 'input-not-found' : 'video-unreadable',
      detail ? `${lead}\n${detail}` : lead
    )
  }
}
