// The schemas every part of the contract builds on: documents, granted files, RGBA pictures.
import { z } from 'zod'
import { animationDocumentSchema } from '../project/project-schema'
import type { AnimationDocument } from '../timeline/animation-document'

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
