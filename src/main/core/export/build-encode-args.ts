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
}

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
    case 'webm-vp9': {
      const q = typeof quality === 'object' ? { cpuUsed: 4, crf: quality.crf } : VP9[quality]
      filters.push('format=yuva420p')
      codec.push('-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', String(q.crf), '-cpu-used', String(q.cpuUsed))
      codec.push('-row-mt', '1', '-auto-alt-ref', '0')
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
    '-an',
    '-vf',
    filters.join(','),
    ...codec,
    '-f',
    info.muxer,
    options.outputPath
  ]
}
