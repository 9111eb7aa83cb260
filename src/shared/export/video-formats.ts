// The video formats an export can write, as the studio and the CLI name them. How each is encoded (ffmpeg
// encoders, muxers) lives in the core's export-format.ts.
import { z } from 'zod'

export const VIDEO_FORMAT_IDS = ['mp4-h264', 'mov-prores4444', 'webm-vp9', 'gif'] as const
export const videoFormatSchema = z.enum(VIDEO_FORMAT_IDS)
export type VideoFormat = (typeof VIDEO_FORMAT_IDS)[number]

export interface VideoFormatInfo {
  /** What the studio's format picker shows. */
  readonly label: string
  /** The file name's extension, with its dot. */
  readonly extension: string
  /** What a save dialog's filter calls it. */
  readonly fileKind: string
  /** The format can carry the person layer's alpha (a transparent background). */
  readonly keepsAlpha: boolean
  /** The format can carry the project's sound. */
  readonly hasSound: boolean
  /** Largest side (px) and frame rate (fps) it is written at, where it has limits (GIF: size and players). */
  readonly maxSide?: number
  readonly maxFps?: number
}

export const VIDEO_FORMATS: Readonly<Record<VideoFormat, VideoFormatInfo>> = {
  'mp4-h264': {
    label: 'MP4 · H.264',
    extension: '.mp4',
    fileKind: 'MP4 video',
    keepsAlpha: false,
    hasSound: true
  },
  'mov-prores4444': {
    label: 'MOV · ProRes 4444',
    extension: '.mov',
    fileKind: 'QuickTime ProRes video',
    keepsAlpha: true,
    hasSound: true
  },
  'webm-vp9': {
    label: 'WebM · VP9',
    extension: '.webm',
    fileKind: 'WebM video',
    keepsAlpha: true,
    hasSound: true
  },
  // A looping GIF for a post or a chat: one 256-colour palette per frame (no banding from a palette shared by
  // the whole clip, and frames stream through ffmpeg instead of waiting for the palette of all of them); at
  // most 640 px and 30 fps, past which files grow to tens of MB and players drop frames.
  gif: {
    label: 'GIF',
    extension: '.gif',
    fileKind: 'GIF animation',
    keepsAlpha: false,
    hasSound: false,
    maxSide: 640,
    maxFps: 30
  }
}

/** The format a file name's extension asks for, or undefined. */
export function videoFormatOfName(name: string): VideoFormat | undefined {
  const dot = name.lastIndexOf('.')
  const ext = dot < 0 ? '' : name.slice(dot).toLowerCase()
  return VIDEO_FORMAT_IDS.find((id) => VIDEO_FORMATS[id].extension === ext)
}
