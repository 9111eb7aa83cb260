import { VIDEO_FORMATS, type VideoFormat, type VideoFormatInfo } from '@shared/export/video-formats'

/** The formats an export writes (the shared VideoFormat, named as the core's export code names it). */
export type ExportFormat = VideoFormat

/** How a format is encoded, with what the studio shows of it (VideoFormatInfo: extension, alpha). */
export interface ExportFormatInfo extends VideoFormatInfo {
  /** ffmpeg muxer name, given with -f because the temporary file name does not end in the real extension. */
  muxer: string
  encoder: string
  /** ffmpeg encoder of the audio track, when the export has one (see `buildAudioEncodeArgs`); null: no sound. */
  audioEncoder: 'aac' | 'pcm_s16le' | 'libopus' | null
  /** yuv420 formats need even width and height. */
  needsEvenSize: boolean
}

export const EXPORT_FORMATS: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  'mp4-h264': {
    ...VIDEO_FORMATS['mp4-h264'],
    muxer: 'mp4',
    encoder: 'libx264',
    audioEncoder: 'aac',
    needsEvenSize: true
  },
  'mov-prores4444': {
    ...VIDEO_FORMATS['mov-prores4444'],
    muxer: 'mov',
    encoder: 'prores_ks',
    audioEncoder: 'pcm_s16le',
    needsEvenSize: false
  },
  'webm-vp9': {
    ...VIDEO_FORMATS['webm-vp9'],
    muxer: 'webm',
    encoder: 'libvpx-vp9',
    audioEncoder: 'libopus',
    needsEvenSize: true
  },
  gif: {
    ...VIDEO_FORMATS.gif,
    muxer: 'gif',
    encoder: 'gif',
    audioEncoder: null,
    needsEvenSize: false
  }
}
