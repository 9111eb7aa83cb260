// The contract's driving schemas: tracked clips, drive requests and results, performances.
import { z } from 'zod'
import type { Performance } from '../performance/performance'
import { performanceFileSchema } from '../performance/performance-file'
import { finite, fileRefSchema, rgbaFrameSchema } from './base-schemas'

/**
 * A performance (motion from a driving video, reduced to keys), checked against the performance-file
 * schema, with each problem reported at its path.
 */
export const performanceSchema = z.custom<Performance>().superRefine((value, ctx) => {
  const result = performanceFileSchema.shape.performance.safeParse(value)
  if (result.success) return
  for (const issue of result.error.issues)
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path })
})

/** Video files the studio accepts as a driving clip (dialog filter and drops). */
export const DRIVER_VIDEO_EXTENSIONS = ['mp4', 'mov', 'webm', 'mkv', 'avi', 'm4v'] as const

/** The extension of saved performances. */
export const PERFORMANCE_FILE_EXTENSION = 'mimesis-performance'

/** Face regions a drive can leave out, in the order the dialog shows them. */
export const DRIVE_REGIONS = ['eyes', 'gaze', 'brows', 'mouth', 'jaw', 'nose'] as const
export type DriveRegion = (typeof DRIVE_REGIONS)[number]

const gapSchema = z.object({ start: z.number(), end: z.number() })

/** A tracked driving clip, as the drive dialog shows it. Times in seconds from the clip's first frame. */
export const driverSummarySchema = z.object({
  name: z.string(),
  frames: z.number().int().nonnegative(),
  framesWithFace: z.number().int().nonnegative(),
  fps: z.number().positive(),
  durationSec: z.number().nonnegative(),
  /** Display size of the video, px. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Stretches with no face, where the motion eases back to the reference. */
  gaps: z.array(gapSchema),
  /** Time of the most neutral frame, picked automatically. */
  referenceSec: z.number().nonnegative(),
  hasAudio: z.boolean(),
  /** Faces in the first frame where any was found; more than one offers a choice. */
  facesAtStart: z.number().int().nonnegative(),
  /** The face followed, 0 = the largest. */
  faceIndex: z.number().int().nonnegative(),
  /** Set when the clip decoded fewer frames than it declares (cut short or damaged): what to tell the user. */
  warning: z.string().max(500).nullable()
})
export type DriverSummary = z.infer<typeof driverSummarySchema>

const maxClipSec = 24 * 3600

export const driveRequestSchema = z.object({
  /** What carries over: expression and head, expression only, or head only. */
  mode: z.enum(['both', 'expression', 'pose']),
  /** Multiplies every expression weight. */
  intensity: finite.min(0).max(2),
  /** Extra gain per direction name. */
  gains: z.record(z.string().max(64), finite.min(0).max(4)),
  /** Regions set to false are not driven. */
  regions: z.object({
    eyes: z.boolean(),
    gaze: z.boolean(),
    brows: z.boolean(),
    mouth: z.boolean(),
    jaw: z.boolean(),
    nose: z.boolean()
  }),
  /** The driver's reference (neutral) frame: the tracked frame nearest this time. */
  referenceSec: finite.min(0).max(maxClipSec),
  /** Smooth the tracked motion (zero-phase) or keep it raw. */
  smoothing: z.boolean(),
  /** One key per driver frame instead of the fewest within tolerance. */
  dense: z.boolean()
})
export type DriveRequest = z.output<typeof driveRequestSchema>

export const driveResultSchema = z.object({
  performance: performanceSchema,
  /** Keys after reduction, and before (one per frame and channel), over all tracks. */
  keys: z.number().int().nonnegative(),
  denseKeys: z.number().int().nonnegative(),
  /** Time of the reference frame actually used. */
  referenceSec: z.number().nonnegative()
})
export type DriveResult = z.infer<typeof driveResultSchema>

export const driverFrameRequestSchema = z.object({
  timeSec: finite.min(0).max(maxClipSec),
  /** Longest side of the returned picture, px (never upscaled). */
  maxSide: z.number().int().min(16).max(1024)
})

/** One picture of the driving clip, with the face mesh tracked on that frame. */
export const driverFrameSchema = rgbaFrameSchema.extend({
  /** Time of the frame shown (the tracked frame nearest the request), seconds. */
  timeSec: z.number().nonnegative(),
  /** 468 × (x, y) in this picture's px; null when no face was tracked on that frame. */
  landmarks: z.array(z.number()).nullable()
})
export type DriverFrame = z.infer<typeof driverFrameSchema>

export const driverAudioSchema = z.object({ file: fileRefSchema, durationSec: z.number().nonnegative() })
export type DriverAudio = z.infer<typeof driverAudioSchema>

export const openedPerformanceSchema = z.object({ file: fileRefSchema, performance: performanceSchema })
export type OpenedPerformance = z.infer<typeof openedPerformanceSchema>
