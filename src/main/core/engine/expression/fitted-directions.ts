import { z } from 'zod'
import fittedJson from './fitted-directions.json'

/**
 * The expression directions fitted to real motion by `npm run fit:expressions`
 * (`scripts/fit-expression-directions.ts`), as committed in `fitted-directions.json`: derived numbers only
 * (no frames, no landmarks), with the clips they came from.
 */

export const FITTED_DIRECTIONS_FORMAT = 'mimesis.fitted-expression-directions/1'

const VALUES = 468 * 3

const clipSchema = z.object({
  /** File name in ../shared/data/driving. */
  file: z.string().min(1),
  /** Decoded frames, frames with a tracked face, frames used (tracked, not turned too far, not failed). */
  frames: z.number().int().nonnegative(),
  tracked: z.number().int().nonnegative(),
  used: z.number().int().nonnegative(),
  /** The neutral frame (`pickReferenceFrame`); residuals are taken against its `referenceShape`. */
  referenceFrame: z.number().int().nonnegative()
})

const directionSchema = z
  .object({
    name: z.string().min(1),
    /** 'fitted': `field` is the authored field projected onto the real motion of its region. */
    shape: z.enum(['fitted', 'authored']),
    /** Why the authored shape is kept (only for 'authored'). */
    reason: z.string().min(1).optional(),
    /** Principal components of the region's real motion the authored field was projected onto. */
    components: z.number().int().positive().optional(),
    /** Cosine between the authored field and the fitted one (area-weighted inner product). */
    cosAuthored: z.number().min(-1).max(1),
    /**
     * 95th percentile of the real residuals' projection coefficient on the final (orthonormal, unit)
     * direction, over the used frames where it is positive (plus) / negative (minus), cm.
     */
    p95: z.object({ plus: z.number().nonnegative(), minus: z.number().nonnegative() }),
    /**
     * What the project's analysis reads back of the direction on renders: the coefficient read on the
     * render's landmarks ÷ the coefficient commanded (median over the read-back portraits).
     */
    readback: z.number().nullable(),
    /**
     * The +1 coefficient on the final unit direction that real motion asks for: p95.plus ÷ readback (cm),
     * before the basis's caps; null where the basis keeps the authored amplitude.
     */
    amplitude: z.number().positive().nullable(),
    /** The fitted shape, 468 × (dx, dy, dz) canonical cm, scaled to the authored field's norm. */
    field: z.array(z.number()).length(VALUES).optional()
  })
  .refine((d) => (d.shape === 'fitted') === (d.field != null), {
    message: 'a fitted direction has a field and an authored one has none'
  })
  .refine((d) => d.shape === 'fitted' || d.reason != null, {
    message: 'an authored direction says why it was not fitted'
  })

export const fittedDirectionsSchema = z.object({
  format: z.literal(FITTED_DIRECTIONS_FORMAT),
  units: z.string(),
  innerProduct: z.string(),
  method: z.string().min(1),
  neutral: z.string().min(1),
  parameters: z.record(z.string(), z.union([z.number(), z.string()])),
  clips: z.array(clipSchema).min(1),
  framesUsed: z.number().int().positive(),
  readbackPortraits: z.array(z.string().min(1)),
  directions: z.array(directionSchema)
})

export type FittedDirections = z.infer<typeof fittedDirectionsSchema>
export type FittedDirection = FittedDirections['directions'][number]

/** Validates fitted directions (throws a ZodError naming the offending path). */
export function parseFittedDirections(json: unknown): FittedDirections {
  return fittedDirectionsSchema.parse(json)
}

/** The committed fit, validated once. */
export const FITTED_DIRECTIONS: FittedDirections = parseFittedDirections(fittedJson)
