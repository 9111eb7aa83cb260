import { formatSeconds, shiftTimestamps } from '../media/ffmpeg-seconds'
import { ffmpegFilePath } from '../media/ffmpeg-file-path'
import { EXPORT_FORMATS, type ExportFormat } from './export-format'
import { type FrameRate, formatFrameRate } from './frame-rate'

export type EncodeQuality = 'draft' | 'standard' | 'high' | { crf: number }

export interface EncodeArgsOptions {
  width: number
  height: number
  fps: FrameRate
  format: ExportFormat
  outputPath: string
  quality?: EncodeQuality
  inputPixelFormat?: 'rgba' | 'rgb24'
  /** yuv420 needs even sizes: 'pad' adds one transparent/black row or column, 'reject' throws. */
  oddSize?: 'pad' | 'reject'
  /** A sound track to mux with the frames; without it the file has no audio stream. */
  audio?: EncodeAudio
}

/** The sound of an export, placed by time (seconds), never by frame index. */
export interface EncodeAudio {
  /** Absolute path of the audio file (any file ffmpeg reads; the studio's are .m4a). */
  path: string
  /**
   * Seconds: the time in the audio file that plays at the first frame. Positive: the audio before it
   * is cut; negative: that many seconds of silence come first.
   */
  offsetSec: number
  /** Seconds: the length of the video (frames / fps); the audio is cut, or padded with silence, to it. */
  durationSec: number
}

/** Sample rate of exported sound, Hz: the video standard, and the rate Opus encodes at. */
export const EXPORT_SAMPLE_RATE = 48_000

const X264: Record<'draft' | 'standard' | 'high', { preset: string; crf: number }> = {
  draft: { preset: 'veryfast', crf: 23 },
  standard: { preset: 'medium', crf: 18 },
  high: { preset: 'slow', crf: 14 }
}
const VP9: Record<'draft' | 'standard' | 'high', { cpuUsed: number; crf: number }> = {
  draft: { cpuUsed: 8, crf: 40 },
  standard: { cpuUsed: 4, crf: 31 },
  high: { cpuUsed: 1, crf: 20 }
}

/**
 * ffmpeg arguments that read raw frames from stdin and write `format` to `outputPath`.
 * Progress goes to stderr as key=value blocks (`-progress pipe:2`); only errors are logged besides.
 */
export function buildEncodeArgs(options: EncodeArgsOptions): string[] {
  const { width, height, format } = options
  for (const [name, value] of [
    ['width', width],
    ['height', height]
  ] as const) {
    if (!Number.isInteger(value) || value <= 0 || value > 16384) {
      throw new RangeError(`${name} must be an integer in 1..16384, got ${value}`)
    }
  }
  const info = EXPORT_FORMATS[format]
  if (info == null) throw new RangeError(`unknown export format: ${String(format)}`)
  const audio = options.audio
  const audioInput = audio == null ? [] : buildAudioInputArgs(audio)
  const audioOutput = audio == null ? [] : ['-af', buildAudioFilter(audio), ...buildAudioEncodeArgs(format)]
  const quality = options.quality ?? 'standard'
  const maxCrf = format === 'webm-vp9' ? 63 : 51
  if (
    typeof quality === 'object' &&
    (!Number.isFinite(quality.crf) || quality.crf < 0 || quality.crf > maxCrf)
  ) {
    throw new RangeError(`crf for ${format} must be in 0..${maxCrf}, got ${quality.crf}`)
  }

  const filters: string[] = []
  const odd = width % 2 === 1 || height % 2 === 1
  if (info.needsEvenSize && odd) {
    if ((options.oddSize ?? 'pad') === 'reject') {
      throw new RangeError(`${format} needs an even width and height, got ${width}x${height}`)
    }
    const color = info.keepsAlpha ? 'black@0' : 'black'
    filters.push(`pad=${width + (width % 2)}:${height + (height % 2)}:0:0:color=${color}`)
  }

  const input = [
    '-f',
    'rawvideo',
    '-pix_fmt',
    options.inputPixelFormat ?? 'rgba',
    '-s',
    `${width}x${height}`,
    '-framerate',
    formatFrameRate(options.fps),
    '-i',
    'pipe:0'
  ]
  const codec: string[] = []
  switch (format) {
    case 'mp4-h264': {
      const q = typeof quality === 'object' ? { preset: 'medium', crf: quality.crf } : X264[quality]
      // RGB -> YUV with the BT.709 matrix, tagged as such, so players do not shift colours.
      filters.push('scale=out_color_matrix=bt709:out_range=tv', 'format=yuv420p')
      codec.push('-c:v', 'libx264', '-preset', q.preset, '-crf', String(q.crf))
      codec.push(
        '-colorspace',
        'bt709',
        '-color_primaries',
        'bt709',
        '-color_trc',
        'bt709',
        '-color_range',
        'tv'
      )
      codec.push('-movflags', '+faststart')
      break
    }
    case 'mov-prores4444':
      filters.push('format=yuva444p10le')
      codec.push('-c:v', 'prores_ks', '-profile:v', '4444', '-vendor', 'apl0', '-alpha_bits', '16')
      break
    case 'gif':
      // One palette per frame (stats_mode=single, new=1): frames stream through instead of waiting for the
      // whole clip's palette, and each frame gets the 256 colours it needs. Loops forever. The frame's alpha is
      // dropped first (its RGB is already over the background): paletteuse would turn it into transparency.
      filters.push(
        'format=rgb24',
        'split[frames][stats];[stats]palettegen=stats_mode=single[palette];[frames][palette]paletteuse=new=1'
      )
      codec.push('-c:v', 'gif', '-loop', '0')
      break
    case 'webm-vp9': {
      const q = typeof quality === 'object' ? { cpuUsed: 4, crf: quality.crf } : VP9[quality]
      filters.push('format=yuva420p')
      codec.push('-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', String(q.crf), '-cpu-used', String(q.cpuUsed))
      // No look-ahead: with alpha, older libvpx builds (the bundled 2018 ffmpeg) drop the packets whose
      // colour and alpha encoders' look-ahead disagree, up to 7 of 8 frames of noisy pictures.
      codec.push('-row-mt', '1', '-auto-alt-ref', '0', '-lag-in-frames', '0')
      break
    }
  }
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostats',
    '-progress',
    'pipe:2',
    '-y',
    ...input,
    ...audioInput,
    // Input 0 is the piped frames, input 1 the audio file.
    ...(audio == null ? ['-an'] : ['-map', '0:v:0', '-map', '1:a:0']),
    '-vf',
    filters.join(','),
    ...codec,
    ...audioOutput,
    '-f',
    info.muxer,
    options.outputPath
  ]
}

/** The audio file as ffmpeg's second input, read only as a local file (see `ffmpegFilePath`). Pure. */
export function buildAudioInputArgs(audio: EncodeAudio): string[] {
  return ['-i', ffmpegFilePath(audio.path)]
}

/**
 * The audio filter chain of an export, all in seconds on the audio's own clock (the video is piped at
 * the export's frame rate and never consulted), so the sound keeps its pace whatever the frame rate:
 * - `asetpts` moves the sound by -offsetSec, so that the time in the file that belongs to the first
 *   frame becomes 0;
 * - `aresample=...:first_pts=0` starts the output at exactly 0: it drops what now lies before 0
 *   (offset > 0) or puts silence in front (offset < 0), at 48 kHz;
 * - `apad` + `atrim=end=...` pad with silence past the end of the file and cut at the video's length,
 *   so the audio stream is exactly as long as the video.
 * Pure; throws on offsets or durations that are not finite seconds.
 */
export function buildAudioFilter(audio: Pick<EncodeAudio, 'offsetSec' | 'durationSec'>): string {
  const { offsetSec, durationSec } = audio
  if (!Number.isFinite(offsetSec)) throw new RangeError(`audio offsetSec must be finite, got ${offsetSec}`)
  if (!Number.isFinite(durationSec) || durationSec <= 0) {
    throw new RangeError(`audio durationSec must be a positive number of seconds, got ${durationSec}`)
  }
  return [
    `asetpts=${shiftTimestamps(-offsetSec)}`,
    `aresample=${EXPORT_SAMPLE_RATE}:async=1:first_pts=0`,
    'aformat=channel_layouts=mono|stereo',
    'apad',
    `atrim=end=${formatSeconds(durationSec)}`
  ].join(',')
}

/**
 * Audio codec arguments per format. Pure.
 * - MP4 (H.264): AAC-LC 192 kb/s, what every player and phone expects.
 * - MOV (ProRes 4444): 16-bit PCM. ProRes files are editing intermediates, and PCM is what editors
 *   expect next to ProRes: lossless (no second lossy generation when the edit is encoded again), and
 *   without an encoder delay, so the sound starts on the first frame's sample exactly; its size
 *   (1.5 Mb/s stereo) is small beside ProRes 4444 video.
 * - WebM (VP9): Opus 128 kb/s, the audio codec of WebM.
 * - GIF has no sound (the export leaves it out).
 */
export function buildAudioEncodeArgs(format: ExportFormat): string[] {
  const encoder = EXPORT_FORMATS[format].audioEncoder
  switch (encoder) {
    case 'aac':
      return ['-c:a', 'aac', '-b:a', '192k', '-ar', String(EXPORT_SAMPLE_RATE)]
    case 'pcm_s16le':
      return ['-c:a', 'pcm_s16le', '-ar', String(EXPORT_SAMPLE_RATE)]
    case 'libopus':
      return ['-c:a', 'libopus', '-b:a', '128k', '-ar', String(EXPORT_SAMPLE_RATE)]
    case null:
      throw new RangeError(`${format} has no sound track`)
  }
}
