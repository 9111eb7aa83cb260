import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ffmpegFilePath } from './ffmpeg-file-path'
import { classifyVideoInputFailure } from './classify-video-input-failure'
import { defaultFfmpeg } from './default-ffmpeg'
import { type LocatedFfmpeg } from './locate-ffmpeg'
import { type LocatedFfprobe, locateFfprobe } from './locate-ffprobe'
import { parseFfmpegInputInfo } from './parse-ffmpeg-input-info'
import { parseProbeJson } from './parse-probe-json'
import { runCaptured } from './run-captured'
import { type VideoInfo } from './video-info'
import { VideoInputError } from './video-input-error'

export interface ProbeVideoOptions {
  /** null: do not use ffprobe, read `ffmpeg -i` instead. Default: locate one, falling back to ffmpeg. */
  ffprobe?: LocatedFfprobe | null
  ffmpeg?: LocatedFfmpeg
  signal?: AbortSignal
  /**
   * Also count the video packets by reading the whole file (`VideoInfo.packetCount`), which shows a
   * truncated file whose header still claims its full length. Only with ffprobe; `ffmpeg -i` cannot.
   */
  countPackets?: boolean
  /** How long ffprobe or ffmpeg may take, ms (default 30 s); counting packets reads the whole file. */
  timeoutMs?: number
}

/** Describes the first video stream of `path`; throws VideoInputError when it is missing, not a video or damaged. */
export async function probeVideo(path: string, options: ProbeVideoOptions = {}): Promise<VideoInfo> {
  try {
    if (!(await stat(path)).isFile()) throw new VideoInputError('not-video', path, 'It is a folder.')
  } catch (error) {
    if (error instanceof VideoInputError) throw error
    throw new VideoInputError('not-found', path, '')
  }
  let ffprobe = options.ffprobe
  if (ffprobe === undefined) {
    const ffmpegPath = options.ffmpeg?.path
    ffprobe = await locateFfprobe({ ffmpegPath }).catch(() => null)
  }
  if (ffprobe != null) {
    const run = await runCaptured(
      ffprobe.path,
      [
        '-v',
        'warning',
        '-print_format',
        'json',
        '-show_format',
        '-show_streams',
        ...(options.countPackets === true ? ['-count_packets'] : []),
        ffmpegFilePath(resolve(path))
      ],
      { signal: options.signal, timeoutMs: options.timeoutMs ?? 30_000 }
    )
    if (run.code !== 0) {
      throw new VideoInputError(
        classifyVideoInputFailure(run.stderr),
        path,
        `ffprobe said:\n${run.stderr.trim()}`
      )
    }
    const info = parseProbeJson(run.stdout)
    if (info == null) throw new VideoInputError('not-video', path, 'It has no video stream.')
    return info
  }
  const ffmpeg = options.ffmpeg ?? (await defaultFfmpeg())
  const run = await runCaptured(
    ffmpeg.path,
    ['-hide_banner', '-nostdin', '-i', ffmpegFilePath(resolve(path))],
    {
      signal: options.signal,
      timeoutMs: options.timeoutMs ?? 30_000
    }
  )
  // Without an output ffmpeg always exits 1; only the banner matters.
  const info = parseFfmpegInputInfo(run.stderr)
  if (info == null) {
    const errors = run.stderr
      .split('\n')
      .filter((l) => !/At least one output file must be specified/.test(l))
      .join('\n')
      .trim()
    const problem = /Input #0/.test(run.stderr) ? 'not-video' : classifyVideoInputFailure(run.stderr)
    throw new VideoInputError(problem, path, errors ? `ffmpeg said:\n${errors}` : 'It has no video stream.')
  }
  return info
}
