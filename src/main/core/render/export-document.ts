import { type ViewFraming } from '@shared/engine/frame-on-head'
import {
  isImageSequence,
  isRigCurves,
  type FaceMeshFormat,
  type OutputFormat,
  type PngBitDepth
} from '@shared/export/output-formats'
import { type AnimationDocument } from '@shared/timeline'
import { frameCount as framesCovering, seconds, type Seconds } from '@shared/timeline/units'
import { type Avatar } from '../engine/engine'
import type { EncodeQuality } from '../export/build-encode-args'
import { exportRigCurves } from '../export/export-rig-curves'
import { exportVideo, type ExportProgress, type ExportResult } from '../export/export-video'
import type { LocatedFfmpeg } from '../media/locate-ffmpeg'
import { documentFrameRenderer } from './document-frame-renderer'
import { exportDocumentSequence } from './export-document-sequence'

/** The part of the timeline to export, on the document clock. */
export interface ExportRange {
  readonly start: Seconds
  readonly end: Seconds
}

export interface ExportDocumentOptions {
  avatar: Avatar
  document: AnimationDocument
  width: number
  height: number
  fps: number
  /** Defaults to the whole document. */
  range?: ExportRange
  /** The video file, or with `format: 'png-seq'` the sequence's folder. */
  outPath: string
  /** Anything but the 3D face, which is made from the analysed face without an avatar (`exportFaceGlb`). */
  format?: Exclude<OutputFormat, FaceMeshFormat>
  /** PNG sequences only (see `exportImageSequence`). */
  sequence?: SequenceExportOptions
  /**
   * Formats with alpha (EXPORT_FORMATS' keepsAlpha): true (default) writes the moving person layer's alpha, a
   * transparent background; false writes every pixel opaque, the background plate included.
   */
  transparent?: boolean
  quality?: EncodeQuality
  signal?: AbortSignal
  onProgress?: (progress: ExportProgress) => void
  ffmpeg?: LocatedFfmpeg
  /** The project's audio track (`LoadedProject.audio` fits as is); none, or muted: a silent file. */
  audio?: DocumentAudio | null
  /** The base view the document's camera composes on (`headFramingFor`); default the source framing. */
  framing?: ViewFraming
}

/** How an image sequence is written. */
export interface SequenceExportOptions {
  /** Bits a sample of the colour frames (default 8). */
  readonly bitDepth?: PngBitDepth
  /** Write the depth pass beside the colour frames (`sequenceDepthRange`, `encodeSequenceDepth`). */
  readonly depth?: boolean
  /** Replace a folder holding an earlier sequence (the user agreed). */
  readonly replace?: boolean
  /** What to do when the folder already holds files, as the caller can offer it. */
  readonly overwriteHint?: string
}

/** What an export wrote: a video file, or a sequence's folder with its file count. */
export interface DocumentExportResult extends ExportResult {
  /** PNG sequences: the files in the folder (colour and depth frames, the depth sidecar). */
  readonly files?: number
}

/** An audio file placed on the document clock. */
export interface DocumentAudio {
  /** An audio file ffmpeg reads (the project's unpacked .m4a). */
  readonly path: string
  /** Document time, in seconds, at which the audio's time 0 plays (negative: its start is cut off). */
  readonly startSec: number
  /** A muted track is left out of the export. */
  readonly muted?: boolean
}

/** Frames an export of `range` at `fps` holds: the range's length in whole frames, at least one. */
export function exportFrameCount(range: ExportRange, fps: number): number {
  return Math.max(1, framesCovering(seconds(range.end - range.start), fps))
}

/**
 * Seconds into the audio file that play at the range's first frame: the audio's 0 plays at document
 * time `audioStartSec`, so at `range.start` the audio is at range.start - audioStartSec (negative: the
 * audio begins that many seconds after the first frame).
 */
export function audioOffsetForRange(range: ExportRange, audioStartSec: number): number {
  return range.start - audioStartSec
}

/** The range an export covers: the work area, or the whole document. */
export function exportRange(document: AnimationDocument, which: 'all' | 'work-area'): ExportRange {
  if (which === 'work-area')
    return { start: document.settings.workArea.in, end: document.settings.workArea.out }
  return { start: seconds(0), end: document.settings.durationSec }
}

/**
 * Renders `document` with `avatar` frame by frame (frame i at range.start + i / fps, evaluated with the
 * same pure `evaluate` the preview uses, `documentFrameRenderer`) and encodes it with ffmpeg, or with
 * `format: 'png-seq'` writes it as a folder of PNG frames (`exportDocumentSequence`), or with `arkit-csv` /
 * `arkit-json` writes its rig curves (`exportRigCurves`, no frame rendered). The audio track,
 * unless muted, plays in time with the document: the range's first frame hears the audio at
 * `audioOffsetForRange`, and the sound is cut to the range's length (a sequence has no sound). The output
 * appears under `outPath` only when complete: a cancelled or failed export leaves nothing there.
 */
export async function exportDocument(options: ExportDocumentOptions): Promise<DocumentExportResult> {
  const { avatar, document, width, height, fps } = options
  const range = options.range ?? exportRange(document, 'all')
  const transparent = options.transparent ?? true
  if (!(range.end > range.start)) {
    throw new RangeError(
      `The export range is empty: it starts at ${range.start} s and ends at ${range.end} s.`
    )
  }
  const format = options.format ?? 'mp4-h264'
  if (isImageSequence(format)) return exportDocumentSequence(options, range)
  // Rig curves need no frame rendered: the avatar is not used.
  if (isRigCurves(format)) {
    return exportRigCurves({
      document,
      startSec: range.start,
      fps,
      frameCount: exportFrameCount(range, fps),
      format,
      outPath: options.outPath,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {})
    })
  }
  const render = documentFrameRenderer({
    avatar,
    document,
    rangeStart: range.start,
    fps,
    width,
    height,
    framing: options.framing
  })
  return exportVideo({
    width,
    height,
    fps,
    frameCount: exportFrameCount(range, fps),
    outPath: options.outPath,
    format,
    quality: options.quality,
    signal: options.signal,
    onProgress: options.onProgress,
    ffmpeg: options.ffmpeg,
    audio:
      options.audio == null || options.audio.muted === true
        ? undefined
        : { path: options.audio.path, offsetSec: audioOffsetForRange(range, options.audio.startSec) },
    renderFrame: async (index) => {
      const frame = await render(index)
      if (!transparent) for (let i = 3; i < frame.rgba.length; i += 4) frame.rgba[i] = 255
      return frame.rgba
    }
  })
}
