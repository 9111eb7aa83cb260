import { MimesisError } from '@shared/errors/mimesis-error'
export interface FfmpegCandidateFailure {
  source: 'configured' | 'bundled' | 'system'
  path: string
  reason: string
}

export class FfmpegNotFoundError extends MimesisError {
  override readonly name = 'FfmpegNotFoundError'
  readonly tool: 'ffmpeg' | 'ffprobe'
  readonly tried: readonly FfmpegCandidateFailure[]

  constructor(tool: 'ffmpeg' | 'ffprobe', tried: readonly FfmpegCandidateFailure[]) {
    const lines = tried.map((t) => `  - ${t.source} ${t.path}: ${t.reason}`)
    const advice =
      tool === 'ffmpeg'
        ? 'Install ffmpeg with libx264 (Debian/Ubuntu: apt install ffmpeg; macOS: brew install ffmpeg; ' +
          'Windows: winget install ffmpeg), or set the MIMESIS_FFMPEG environment variable to its path.'
        : 'Install ffprobe (it ships with ffmpeg: apt install ffmpeg / brew install ffmpeg), or put it next to ffmpeg.'
    super('ffmpeg-missing', `No usable ${tool} was found. ${advice}`, {
      detail: `Tried:\n${lines.join('\n') || '  (nothing)'}`
    })
    this.tool = tool
    this.tried = tried
  }
}
