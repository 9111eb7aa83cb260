// The contract's export schemas.
import { z } from 'zod'
import { outputFormatSchema, pngBitDepthSchema } from '../export/output-formats'
import { fileRefSchema, packedDocumentRequestSchema } from './base-schemas'
import { audioTrackSchema } from './project-schemas'
import type { AnimationDocument } from '../timeline/animation-document'

/** Output sizes and frame rates the export dialog offers; the core accepts any even size in range. */
export const EXPORT_SIZES = [512, 768, 1024] as const
export const EXPORT_FRAME_RATES = [24, 25, 30, 60] as const

export const exportRequestSchema = z.object({
  /** The output file (a PNG sequence: its folder), granted by `chooseExportFile`. */
  outputToken: fileRefSchema.shape.token,
  /** Packed (`packDocument`). */
  document: packedDocumentRequestSchema,
  width: z.number().int().min(16).max(4096).multipleOf(2),
  height: z.number().int().min(16).max(4096).multipleOf(2),
  fps: z.number().int().min(1).max(120),
  range: z.enum(['all', 'work-area']),
  /** The format; the output file's extension (or a sequence's folder) was chosen for it (chooseExportFile). */
  format: outputFormatSchema.default('mp4-h264'),
  /** For formats with alpha: the background left transparent (the person layer's alpha), else opaque. */
  transparent: z.boolean().default(false),
  /** PNG sequences: bits a sample of the colour frames. */
  pngBitDepth: pngBitDepthSchema.default(8),
  /** PNG sequences: also write the 16-bit depth pass and its sidecar. */
  depthPass: z.boolean().default(false),
  /**
   * PNG and OBJ sequences: the user agreed to replace the folder's earlier sequence; without it such a folder is refused
   * with the code 'output-exists' (and the studio asks).
   */
  replaceExisting: z.boolean().default(false),
  /** The project's audio track; a muted one (or none) makes a silent file. */
  audio: audioTrackSchema.nullable().optional()
})
export type ExportRequest = z.output<typeof exportRequestSchema>
/**
 * An export request before the schema's defaults (format MP4, opaque background) are applied, its document
 * unpacked: what the core's export session takes.
 */
export type ExportRequestInput = Omit<z.input<typeof exportRequestSchema>, 'document'> & {
  document: AnimationDocument
}

export const exportResultSchema = z.object({
  file: fileRefSchema,
  frameCount: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  /** PNG sequences: the files written into the folder (`file`). */
  files: z.number().int().positive().optional()
})
export type ExportResult = z.infer<typeof exportResultSchema>
