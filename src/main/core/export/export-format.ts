export type ExportFormat = 'mp4-h264' | 'mov-prores4444' | 'webm-vp9'

export interface ExportFormatInfo {
  extension: string
  /** ffmpeg muxer name, given with -f because the temporary file name does not end in the real extension. */
  muxer: string
  encoder: string
  /** ffmpeg encoder of the audio track, when the export has one (see `buildAudioEncodeArgs`). */
  audioEncoder: 'aac' | 'pcm_s16le' | 'libopus'
  keepsAlpha: boolean
  /** yuv420 formats need even width and height. */
  needsEvenSize: boolean
}

export const EXPORT_FORMATS: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  'mp4-h264': {
    extension: '.mp4',
    muxer: 'mp4',
    encoder: 'libx264',
    audioEncoder: 'aac',
    keepsAlpha: false,
    needsEvenSize: true
  },
  'mov-prores4444': {
    extension: '.mov',
    muxer: 'mov',
    encoder: 'prores_ks',
    audioEncoder: 'pcm_s16le',
    keepsAlpha: true,
    needsEvenSize: false
  },
  'webm-vp9': {
    extension: '.webm',
    muxer: 'webm',
    encoder: 'libvpx-vp9',
    audioEncoder: 'libopus',
    keepsAlpha: true,
    needsEvenSize: true
  }
}
