export type ExportFormat = 'mp4-h264' | 'mov-prores4444' | 'webm-vp9'

export interface ExportFormatInfo {
  extension: string
  /** ffmpeg muxer name, given with -f because the temporary file name does not end in the real extension. */
  muxer: string
  encoder: string
  keepsAlpha: boolean
  /** yuv420 formats need even width and height. */
  needsEvenSize: boolean
}

export const EXPORT_FORMATS: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  'mp4-h264': { extension: '.mp4', muxer: 'mp4', encoder: 'libx264', keepsAlpha: false, needsEvenSize: true },
  'mov-prores4444': {
    extension: '.mov',
    muxer: 'mov',
    encoder: 'prores_ks',
    keepsAlpha: true,
    needsEvenSize: false
  },
  'webm-vp9': {
    extension: '.webm',
    muxer: 'webm',
    encoder: 'libvpx-vp9',
    keepsAlpha: true,
    needsEvenSize: true
  }
}
