import { composeCamera, type ViewFraming } from '@shared/engine/frame-on-head'
import { evaluate, type AnimationDocument } from '@shared/timeline'
import { frameCount as framesCovering, seconds, type Seconds } from '@shared/timeline/units'
import { renderFrame, type Avatar } from '../engine/engine'
import type { EncodeQuality } from '../export/build-encode-args'
import type { ExportFormat } from '../export/export-format'
import { exportVideo, type ExportProgress, type ExportResult } from '../export/export-video'
import type { LocatedFfmpeg } from '../media/locate-ffmpeg'
import { knownExpression } from './known-expression'

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
  outPath: string
  format?: ExportFormat
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
 * same pure `evaluate` the preview uses) and encodes it with ffmpeg. Tracks for directions the
 * avatar's pack does not have are left out (see `knownExpression`). The audio track, unless muted,
 * plays in time with the document: the range's first frame hears the audio at
 * `audioOffsetForRange`, and the sound is cut to the range's length. The file appears under `outPath`
 * only when complete: a cancelled or failed export leaves nothing there.
 */
export async function exportDocument(options: ExportDocumentOptions): Promise<ExportResult> {
  const { avatar, document, width, height, fps } = options
  const range = options.range ?? exportRange(document, 'all')
  const transparent = options.transparent ?? true
  if (!(range.end > range.start)) {
    throw new RangeError(
      `The export range is empty: it starts at ${range.start} s and ends at ${range.end} s.`
    )
  }
  return exportVideo({
    width,
    height,
    fps,
    frameCount: exportFrameCount(range, fps),
    outPath: options.outPath,
    format: options.format,
    quality: options.quality,
    signal: options.signal,
    onProgress: options.onProgress,
    ffmpeg: options.ffmpeg,
    audio:
      options.audio == null || options.audio.muted === true
        ? undefined
        : { path: options.audio.path, offsetSec: audioOffsetForRange(range, options.audio.startSec) },
    renderFrame: async (index) => {
      const params = evaluate(document, seconds(range.start + index / fps))
      const frame = await renderFrame(avatar, {
        expression: knownExpression(avatar, params.expression).expression,
        camera: options.framing ? composeCamera(options.framing, params.camera) : params.camera,
        width,
        height
      })
      if (!transparent) for (let i = 3; i < frame.rgba.length; i += 4) frame.rgba[i] = 255
      return frame.rgba
    }
  })
}
