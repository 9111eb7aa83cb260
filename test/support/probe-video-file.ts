import { execFileSync } from 'node:child_process'

export interface ProbedVideo {
  codec: string
  pixFmt: string
  /** Frames actually decoded (ffprobe -count_frames), not the container's claim. */
  frames: number
  width: number
  height: number
}

/** What ffprobe reports for a video file's first video stream, counting its frames by decoding them. */
export function probeVideoFile(path: string): ProbedVideo {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-count_frames',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,pix_fmt,nb_read_frames,width,height',
    '-of',
    'json',
    path
  ]).toString()
  const [stream] = (
    JSON.parse(out) as {
      streams: {
        codec_name: string
        pix_fmt: string
        nb_read_frames: string
        width: number
        height: number
      }[]
    }
  ).streams
  if (!stream) throw new Error(`${path} has no video stream`)
  return {
    codec: stream.codec_name,
    pixFmt: stream.pix_fmt,
    frames: Number(stream.nb_read_frames),
    width: stream.width,
    height: stream.height
  }
}

/** Stream types of a media file, as ffprobe lists them (e.g. ['video', 'audio']). */
export function streamTypes(path: string): string[] {
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type',
    '-of',
    'csv=p=0',
    path
  ])
  return out
    .toString()
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}
