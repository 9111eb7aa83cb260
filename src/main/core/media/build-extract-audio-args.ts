import { ffmpegFilePath } from './ffmpeg-file-path'
import { shiftTimestamps } from './ffmpeg-seconds'

/** Sample rate of extracted audio, Hz: the rate of video production and the one Opus works at. */
export const EXTRACTED_SAMPLE_RATE = 48_000
/** Bit rate of extracted AAC-LC, bits per second: transparent for speech and music at 48 kHz stereo. */
export const EXTRACTED_BIT_RATE = 160_000

/**
 * ffmpeg arguments that open `inputPath` (absolute) and decode one frame of its first video stream
 * (ignoring cover art) and one of its first audio stream, writing nothing. The banner on stderr lists
 * the streams; `showinfo` logs the presentation time of the first video frame, which is the time the
 * frame decoder (`decodeVideoFrames`) gives that frame. Pure.
 */
export function buildAudioProbeArgs(inputPath: string): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'info',
    '-i',
    ffmpegFilePath(inputPath),
    // `?`: a file without video (or without audio) is no error; `V` skips attached pictures.
    '-map',
    '0:V:0?',
    '-map',
    '0:a:0?',
    '-frames:v',
    '1',
    '-frames:a',
    '1',
    '-vf',
    'showinfo',
    '-f',
    'null',
    '-'
  ]
}

export interface ExtractAudioArgsOptions {
  /** Absolute path of the video (or audio) file. */
  inputPath: string
  /** Absolute path to write; the container is MP4 whatever the name ends in. */
  outputPath: string
  /**
   * Presentation time of the video's first frame, seconds, on the timeline ffmpeg gives the input
   * (the one `buildAudioProbeArgs` reports); 0 for a file without video.
   */
  videoStartSec: number
}

/**
 * ffmpeg arguments that write the first audio stream of `inputPath` as AAC-LC in MP4 (.m4a), 48 kHz,
 * mono kept mono and anything wider mixed down to stereo, such that time 0 of the output is the
 * instant of the video's first frame:
 * - `asetpts` moves the audio's timestamps so that the first frame's time becomes 0;
 * - `aresample=...:async=1:first_pts=0` then starts the output exactly at 0, adding silence when the
 *   audio starts after the first frame and dropping the samples before it when it starts earlier (and
 *   fills gaps in the audio's timestamps, so sync holds to the end).
 * Progress goes to stderr (`-progress pipe:2`) for the written duration; otherwise only errors. Pure.
 */
export function buildExtractAudioArgs(options: ExtractAudioArgsOptions): string[] {
  const { videoStartSec } = options
  if (!Number.isFinite(videoStartSec)) {
    throw new RangeError(`videoStartSec must be a finite number of seconds, got ${videoStartSec}`)
  }
  const filters = [
    `asetpts=${shiftTimestamps(-videoStartSec)}`,
    `aresample=${EXTRACTED_SAMPLE_RATE}:async=1:first_pts=0`,
    // Format negotiation keeps mono as mono and mixes wider layouts (5.1, 7.1, ...) down to stereo.
    'aformat=channel_layouts=mono|stereo'
  ]
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'error',
    '-progress',
    'pipe:2',
    '-y',
    '-i',
    ffmpegFilePath(options.inputPath),
    '-map',
    '0:a:0',
    '-vn',
    '-sn',
    '-dn',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-af',
    filters.join(','),
    '-c:a',
    'aac',
    '-profile:a',
    'aac_low',
    '-b:a',
    String(EXTRACTED_BIT_RATE),
    '-ar',
    String(EXTRACTED_SAMPLE_RATE),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    ffmpegFilePath(options.outputPath)
  ]
}
