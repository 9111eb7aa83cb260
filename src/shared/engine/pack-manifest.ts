import { z } from 'zod'
import { boundedRecord, validItemsArray } from '../json/valid-items-array'

/**
 * The engine pack manifest (`manifest.json` beside the pack's ONNX files).
 *
 * A pack has up to three stages, each one ONNX file:
 * - `encoder` (optional): run once per portrait; the built-in pack builds its avatar in TypeScript instead;
 * - `generator`: avatar representation + expression code -> expressed representation (per frame);
 * - `renderer`: expressed representation + camera -> RGB, alpha, depth (per frame).
 *
 * Tensor shapes list one entry per axis: a number is a fixed size, a string is a symbolic dimension
 * (any size; the same name within one stage must take the same size at run time).
 */

/**
 * Bounds on a manifest's lists, checked before their items: a hostile manifest of 200,000 broken entries took
 * seconds, or overflowed the stack, to report. Real packs have a few of each.
 */
export const MAX_TENSOR_RANK = 16
export const MAX_STAGE_TENSORS = 64
export const MAX_MANIFEST_ENTRIES = 1000

export const TENSOR_DTYPES = ['float32', 'float16', 'int64', 'int32', 'uint8', 'bool'] as const
export type TensorDType = (typeof TENSOR_DTYPES)[number]

export const tensorSpecSchema = z.strictObject({
  name: z.string().min(1),
  dtype: z.enum(TENSOR_DTYPES),
  shape: validItemsArray(z.union([z.number().int().nonnegative(), z.string().min(1)]), {
    max: MAX_TENSOR_RANK
  })
})
export type TensorSpec = z.infer<typeof tensorSpecSchema>

export const stageSpecSchema = z.strictObject({
  /** ONNX file name, relative to the pack folder; no folders above it. */
  file: z
    .string()
    .min(1)
    .regex(/^[^/\\]+\.onnx$/, 'a plain file name ending in .onnx, inside the pack folder'),
  inputs: validItemsArray(tensorSpecSchema, { min: 1, max: MAX_STAGE_TENSORS }),
  outputs: validItemsArray(tensorSpecSchema, { min: 1, max: MAX_STAGE_TENSORS })
})
export type StageSpec = z.infer<typeof stageSpecSchema>

export const EXPRESSION_REGIONS = ['eyes', 'gaze', 'brows', 'mouth', 'jaw', 'nose'] as const
export type ExpressionRegion = (typeof EXPRESSION_REGIONS)[number]

export const expressionDirectionSpecSchema = z.strictObject({
  /** Track name: lower camel case, unique within the pack. */
  name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'lower camel case, e.g. "jawOpen"'),
  label: z.string().min(1),
  region: z.enum(EXPRESSION_REGIONS),
  /**
   * +1 only: the slider runs from 0 to 1, because the motion has no natural opposite of its own (a blink's is
   * "eyes wide", which is its own direction; a jaw cannot open less than closed). Codes below 0 render as 0.
   */
  oneSided: z.boolean().optional(),
  /**
   * Motions of other directions that come with this one's positive side, each as that direction's code at this
   * one's +1 (setting in quadratically: `expressionCode`): a smile carries the cheek raise of squint (FACS AU6), which its own field, fitted to what a tracker
   * sees of the mouth, lacks. Added to the carried direction's code before the generator (`expressionCode`), so
   * the render, the 3-D exports' morph weights and the driving calibration all see it.
   */
  carries: validItemsArray(
    z.strictObject({
      direction: z.string().min(1),
      atFull: z.number().gt(0).max(1)
    }),
    { max: MAX_MANIFEST_ENTRIES }
  ).optional()
})
export type ExpressionDirectionSpec = z.infer<typeof expressionDirectionSpecSchema>

export const packManifestSchema = z
  .strictObject({
    formatVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower case letters, digits, ".", "_" or "-"'),
    name: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, 'a semantic version such as "1.0.0"'),
    license: z.string().min(1),
    description: z.string().optional(),
    stages: z.strictObject({
      encoder: stageSpecSchema.optional(),
      generator: stageSpecSchema,
      renderer: stageSpecSchema
    }),
    expression: z.strictObject({
      directions: validItemsArray(expressionDirectionSpecSchema, { min: 1, max: MAX_MANIFEST_ENTRIES }),
      /** How the directions were made orthonormal, for people (e.g. "Löwdin, vertex-area weighted"). */
      innerProduct: z.string().optional()
    }),
    /**
     * Extra files of the pack by role, e.g. `expressionBasis`: the directions as canonical-mesh displacement
     * fields (JSON), which the built-in avatar builder maps onto each portrait.
     */
    assets: boundedRecord(
      z.string().regex(/^[a-z][A-Za-z0-9]*$/),
      z.string().regex(/^[^/\\]+$/, 'a plain file name inside the pack folder'),
      MAX_MANIFEST_ENTRIES
    ).optional(),
    /** Free-form, pack-specific build facts (e.g. the source-grid size); never needed to run the pack. */
    metadata: boundedRecord(
      z.string(),
      z.union([z.string(), z.number(), z.boolean()]),
      MAX_MANIFEST_ENTRIES
    ).optional()
  })
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>()
    manifest.expression.directions.forEach((d, i) => {
      if (seen.has(d.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['expression', 'directions', i, 'name'],
          message: `duplicate direction name "${d.name}"`
        })
      }
      seen.add(d.name)
    })
    const names = new Set(manifest.expression.directions.map((d) => d.name))
    manifest.expression.directions.forEach((d, i) => {
      d.carries?.forEach((c, j) => {
        if (c.direction === d.name || !names.has(c.direction)) {
          ctx.addIssue({
            code: 'custom',
            path: ['expression', 'directions', i, 'carries', j, 'direction'],
            message:
              c.direction === d.name
                ? `direction "${d.name}" cannot carry itself`
                : `"${c.direction}" is not a direction of this pack`
          })
        }
      })
    })
    for (const stage of ['encoder', 'generator', 'renderer'] as const) {
      const spec = manifest.stages[stage]
      if (!spec) continue
      for (const side of ['inputs', 'outputs'] as const) {
        const names = new Set<string>()
        spec[side].forEach((t, i) => {
          if (names.has(t.name)) {
            ctx.addIssue({
              code: 'custom',
              path: ['stages', stage, side, i, 'name'],
              message: `duplicate tensor name "${t.name}"`
            })
          }
          names.add(t.name)
        })
      }
    }
  })
export type PackManifest = z.infer<typeof packManifestSchema>

export type StageName = keyof PackManifest['stages']
export const STAGE_NAMES: readonly StageName[] = ['encoder', 'generator', 'renderer']
