// The schemas every part of the contract builds on: documents, granted files, RGBA pictures.
import { z } from 'zod'
import { animationDocumentSchema } from '../project/project-schema'
import type { AnimationDocument } from '../timeline/animation-document'
import { unpackDocument, type PackedDocument, type PackedKeys } from '../timeline/packed-document'

/**
 * An animation document, checked against the project-file schema (whose checks are what the timeline's
 * branded types promise), with each problem reported at its path inside the document.
 */
export const documentSchema = z.custom<AnimationDocument>().superRefine((value, ctx) => {
  const result = animationDocumentSchema.safeParse(value)
  if (result.success) return
  for (const issue of result.error.issues)
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
})

function isPackedKeys(keys: unknown): keys is PackedKeys {
  if (typeof keys !== 'object' || keys === null) return false
  const { ids, times, values, interpolations, handles } = keys as Partial<Record<keyof PackedKeys, unknown>>
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return false
  const n = ids.length
  return (
    times instanceof Float64Array &&
    values instanceof Float64Array &&
    interpolations instanceof Uint8Array &&
    times.length === n &&
    values.length === n &&
    interpolations.length === n &&
    Array.isArray(handles) &&
    handles.every(
      (entry) =>
        Array.isArray(entry) &&
        entry.length === 2 &&
        Number.isInteger(entry[0]) &&
        entry[0] >= 0 &&
        entry[0] < n &&
        typeof entry[1] === 'object' &&
        entry[1] !== null
    )
  )
}

/**
 * The shape of a document with packed keys (`packDocument`): every track's key columns typed and of one length,
 * Bézier handles indexing its keys. What the columns hold is checked once unpacked (packedDocumentRequestSchema).
 */
export function isPackedDocument(value: unknown): value is PackedDocument {
  if (typeof value !== 'object' || value === null) return false
  const { tracks } = value as { tracks?: unknown }
  return (
    Array.isArray(tracks) &&
    tracks.every(
      (t: unknown) => typeof t === 'object' && t !== null && isPackedKeys((t as { keys?: unknown }).keys)
    )
  )
}

/**
 * A document the renderer sends packed (`packDocument`: saves, autosaves, exports): 50,000 keys cross IPC as a few
 * blocks of bytes, where as objects the structured clone walked them on the page's main thread (a hitch at every
 * autosave of a dense driven take). Unpacked here and checked like `documentSchema`, each problem at its path
 * inside the document; handlers get the AnimationDocument.
 */
export const packedDocumentRequestSchema = z
  .custom<PackedDocument>(isPackedDocument, 'expected a document with packed keys (packDocument)')
  .transform((packed, ctx): AnimationDocument => {
    try {
      return unpackDocument(packed)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) })
      return z.NEVER
    }
  })
  .pipe(documentSchema)

/** A file the user chose through a dialog or a drop. The renderer never sees or sends raw paths. */
export const fileRefSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  name: z.string().max(1024),
  sizeBytes: z.number().int().nonnegative()
})
export type FileRef = z.infer<typeof fileRefSchema>

/** An RGBA image, row-major, 4 bytes per pixel. */
export const rgbaFrameSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  rgba: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes')
})
export type RgbaFrame = z.infer<typeof rgbaFrameSchema>

/** A finite number (no NaN, no ±Infinity). */
export const finite = z.number().finite()
