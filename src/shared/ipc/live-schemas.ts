// The contract's live-capture schemas: camera frames in, solved codes and the avatar's frame out, takes.
import { z } from 'zod'
import { finite, rgbaFrameSchema } from './base-schemas'
import { DRIVE_REGIONS, performanceSchema } from './drive-schemas'

/**
 * Longest side of a camera frame the core accepts, px. The renderer downscales to `LIVE_FRAME_SIDE`
 * before a frame crosses; the landmark model reads a 192² crop of the face, so more is wasted bytes.
 */
export const MAX_LIVE_FRAME_SIDE = 640
/** Longest side the renderer downscales camera frames to, px. */
export const LIVE_FRAME_SIDE = 320

/** A camera frame: RGBA, downscaled (and mirrored, when the mirror is on) by the renderer. */
export const liveCameraFrameSchema = rgbaFrameSchema
  .extend({
    width: z.number().int().min(16).max(MAX_LIVE_FRAME_SIDE),
    height: z.number().int().min(16).max(MAX_LIVE_FRAME_SIDE)
  })
  .refine((frame) => frame.rgba.byteLength === frame.width * frame.height * 4, {
    message: 'rgba must hold width × height × 4 bytes',
    path: ['rgba']
  })

export const liveDriveOptionsSchema = z.object({
  mode: z.enum(['both', 'expression', 'pose']),
  intensity: finite.min(0).max(2),
  regions: z.object(
    Object.fromEntries(DRIVE_REGIONS.map((r) => [r, z.boolean()])) as Record<
      (typeof DRIVE_REGIONS)[number],
      z.ZodBoolean
    >
  )
})
export type LiveDriveOptions = z.infer<typeof liveDriveOptionsSchema>

export const liveFrameRequestSchema = z.object({
  frame: liveCameraFrameSchema,
  /** When the renderer grabbed the frame from the camera, ms on its monotonic clock (performance.now()). */
  capturedAtMs: finite.min(0),
  /** Size of the avatar frame to render, px. */
  preview: z.object({
    width: z.number().int().min(16).max(1024),
    height: z.number().int().min(16).max(1024)
  }),
  options: liveDriveOptionsSchema
})
export type LiveFrameRequest = z.infer<typeof liveFrameRequestSchema>

export const NEUTRAL_HINTS = ['not-frontal', 'mouth-open'] as const

export const liveFrameResultSchema = z.object({
  /** The tracked face: 468 × (x, y) in the camera frame's px (as sent); null when no face was found. */
  face: z.object({ landmarks: z.array(z.number()) }).nullable(),
  /** Slider weights the avatar was rendered with. */
  expression: z.record(z.string(), z.number()),
  /** Head rotation relative to the reference, degrees. */
  camera: z.object({ yaw: z.number(), pitch: z.number(), roll: z.number() }),
  preview: rgbaFrameSchema,
  /** Time spent in the core per stage, ms. */
  timing: z.object({
    analysisMs: z.number().nonnegative(),
    solveMs: z.number().nonnegative(),
    renderMs: z.number().nonnegative(),
    totalMs: z.number().nonnegative()
  }),
  /**
   * The reference face: 'collecting' over the Set neutral window (first taken automatically when the
   * face appears), then 'set' with what may be wrong with it.
   */
  neutral: z.object({
    state: z.enum(['collecting', 'set']),
    progress: z.number().min(0).max(1),
    /** True while the reference is the one taken automatically, not by Set neutral. */
    auto: z.boolean(),
    /** How many references have been set since Live mode opened (the automatic one counts). */
    count: z.number().int().nonnegative(),
    hints: z.array(z.enum(NEUTRAL_HINTS))
  }),
  /** The picture is too dark for a reliable face reading. */
  dark: z.boolean(),
  /** The take being recorded; null when none is. `full`: a punch-in reached its length. */
  take: z
    .object({ frames: z.number().int().nonnegative(), seconds: z.number().nonnegative(), full: z.boolean() })
    .nullable()
})
export type LiveFrameResult = z.infer<typeof liveFrameResultSchema>

export const liveOpenResultSchema = z.object({
  /** Time spent calibrating the avatar, ms (0 when it was calibrated before). */
  calibrateMs: z.number().nonnegative()
})

export const liveRecordRequestSchema = z.object({
  /** What the take records: expression and head, expression only, or head only (the drive options' mode). */
  mode: liveDriveOptionsSchema.shape.mode,
  /** A punch-in's length, seconds: frames past it are not recorded. Null: until Stop. */
  maxSec: finite.positive().max(3600).nullable()
})

export const liveTakeSchema = z.object({
  performance: performanceSchema,
  /** Analysed frames the take holds, keys before reduction (frames × channels) and after. */
  frames: z.number().int().nonnegative(),
  denseKeys: z.number().int().nonnegative(),
  keys: z.number().int().nonnegative()
})
export type LiveTake = z.infer<typeof liveTakeSchema>
