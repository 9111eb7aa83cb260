import { resolve } from 'node:path'
import { ffmpegFilePath } from './ffmpeg-file-path'
export type DecodeSize =
  { width: number; height: number } | { width: number } | { height: number } | { maxSide: number }

export interface DecodeArgsOptions {
  inputPath: string
  /** Omit for the video's own (display-oriented) size. Downscale-only for maxSide. */
  size?: DecodeSize
  /** `-fps_mode` on ffmpeg >= 5.1, `-vsync` before it; both with `passthrough`. */
  fpsModeFlag: '-fps_mode' | '-vsync'
}

/**
 * ffmpeg arguments that decode the first video stream of `inputPath` to packed RGB24 frames on stdout.
 *
 * Timestamps: `passthrough` hands every decoded frame over exactly once (no duplicates or drops to
 * fake a constant rate), and the `showinfo` filter, last in the chain, logs each frame's real
 * presentation time and final size to stderr; the decoder pairs the n-th log line with the n-th frame.
 * This needs no ffprobe and no second pass. ffmpeg's default autorotation applies the rotation
 * metadata before our filters, so frames come out upright.
 */
export function buildDecodeArgs(options: DecodeArgsOptions): string[] {
  const filters: string[] = []
  const size = options.size
  if (size != null) {
    if ('maxSide' in size) {
      const m = positiveInt('maxSide', size.maxSide)
      filters.push(`scale=w=min(iw\\,${m}):h=min(ih\\,${m}):force_original_aspect_ratio=decrease`)
    } else {
      const w = 'width' in size ? positiveInt('width', size.width) : -1
      const h = 'height' in size ? positiveInt('height', size.height) : -1
      filters.push(`scale=w=${w}:h=${h}`)
    }
  }
  filters.push('format=rgb24', 'showinfo')
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'info',
    '-i',
    ffmpegFilePath(resolve(options.inputPath)),
    '-map',
    '0:v:0',
    '-an',
    '-sn',
    '-dn',
    '-vf',
    filters.join(','),
    options.fpsModeFlag,
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1'
  ]
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0 || value > 16384) {
    throw new RangeError(`${name} must be an integer in 1..16384, got ${value}`)
  }
  return value
}
