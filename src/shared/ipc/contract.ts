// Runtime schemas and static types for every IPC message. Main validates each request against
// these before any handler runs; the renderer sees the inferred types through window.mimesis.
import { z } from 'zod'
import type { EventMethod, InvokeMethod } from './channels'
import { animationDocumentSchema } from '../project/project-schema'
import type { AnimationDocument } from '../timeline/animation-document'
import { expressionDirectionSpecSchema } from '../engine/pack-manifest'
import { performanceFileSchema } from '../performance/performance-file'
import { videoFormatSchema } from '../export/video-formats'
import type { Performance } from '../performance/performance'

/**
 * An animation document, checked against the project-file schema (whose checks are what the timeline's
 * branded types promise), with each problem reported at its path inside the document.
 */
const documentSchema = z.custom<AnimationDocument>().superRefine((value, ctx) => {
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

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  runtime: z.enum(['electron', 'test-host', 'cli']),
  paths: z.object({ userData: z.string(), logs: z.string(), projects: z.string() }),
  inference: z.object({
    onnxruntime: z.string(),
    /** Execution providers this onnxruntime-node build has; `bundled: false` ones need extra libraries. */
    executionProviders: z.array(z.object({ name: z.string(), bundled: z.boolean() }))
  }),
  ffmpeg: z.object({ available: z.boolean(), detail: z.string() }),
  development: z.boolean()
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const logEntrySchema = z.object({
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string().max(8192),
  context: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional()
})
export type LogEntry = z.infer<typeof logEntrySchema>

export const jobProgressSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['analysis', 'avatar', 'export', 'drive']),
  fraction: z.number().min(0).max(1),
  message: z.string(),
  etaMs: z.number().nonnegative().nullable()
})
export type JobProgress = z.infer<typeof jobProgressSchema>

export const menuCommandSchema = z.enum([
  'open-portrait',
  'open-project',
  'save-project',
  'save-project-as',
  'export',
  'undo',
  'redo',
  'show-shortcuts',
  'drive-from-video',
  'save-performance',
  'apply-performance'
])
export type MenuCommand = z.infer<typeof menuCommandSchema>

/** An RGBA image, row-major, 4 bytes per pixel. */
export const rgbaFrameSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  rgba: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes')
})
export type RgbaFrame = z.infer<typeof rgbaFrameSchema>

/** One face found on a portrait, in the preview's pixel coordinates. */
export const portraitFaceSchema = z.object({
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  score: z.number(),
  pose: z.object({ yaw: z.number(), pitch: z.number(), roll: z.number() }),
  /** 468 × (x, y), preview px. */
  landmarks: z.array(z.number())
})
export type PortraitFace = z.infer<typeof portraitFaceSchema>

export const loadedPortraitSchema = z.object({
  name: z.string(),
  /** Size of the EXIF-oriented original, px. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  preview: rgbaFrameSchema,
  /** Largest first. Never empty: a portrait without a face is an error. */
  faces: z.array(portraitFaceSchema).min(1),
  /** The face mesh's triangles (indices into the landmarks), for drawing the overlay. */
  meshTriangles: z.array(z.number().int().nonnegative())
})
export type LoadedPortrait = z.infer<typeof loadedPortraitSchema>

export const avatarInfoSchema = z.object({
  /** Size of the avatar's working image, px. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The engine pack's expression directions, in slider order. */
  directions: z.array(expressionDirectionSpecSchema),
  pack: z.object({ id: z.string(), version: z.string() }),
  buildMs: z.number().nonnegative()
})
export type AvatarInfo = z.infer<typeof avatarInfoSchema>

const finite = z.number().finite()

export const previewRequestSchema = z.object({
  /** Signed weights per direction name, -1..1. */
  expression: z.record(z.string().max(64), finite.min(-1).max(1)),
  camera: z.object({
    yaw: finite.min(-90).max(90),
    pitch: finite.min(-90).max(90),
    roll: finite.min(-180).max(180),
    zoom: finite.min(0.1).max(10),
    panX: finite.min(-2).max(2),
    panY: finite.min(-2).max(2)
  }),
  width: z.number().int().min(16).max(2048),
  height: z.number().int().min(16).max(2048),
  /** 'depth' shows the head's depth as grey levels (near = light) instead of colour. */
  view: z.enum(['color', 'depth'])
})
export type PreviewRequest = z.infer<typeof previewRequestSchema>

export const previewFrameSchema = rgbaFrameSchema.extend({ renderMs: z.number().nonnegative() })
export type PreviewFrameResult = z.infer<typeof previewFrameSchema>

/**
 * The project's audio track as the renderer holds it: a granted audio file (.m4a) and where it plays.
 * Requests leave it out (or send null) for a project without sound.
 */
export const audioTrackSchema = z.object({
  token: fileRefSchema.shape.token,
  /** Document time, in seconds, at which the audio's time 0 plays (negative: its start is cut). */
  startSec: finite.min(-3600).max(3600),
  /** Kept in the project, but neither played nor exported. */
  muted: z.boolean()
})
export type AudioTrackRequest = z.infer<typeof audioTrackSchema>

/** The audio track main hands back (opened or recovered project): the file granted, and where it plays. */
export const openedAudioSchema = z.object({
  file: fileRefSchema,
  startSec: z.number(),
  muted: z.boolean()
})
export type OpenedAudio = z.infer<typeof openedAudioSchema>

export const saveProjectRequestSchema = z.object({
  /** The project being saved over; null for a project never saved (the save dialog opens). */
  projectToken: fileRefSchema.shape.token.nullable(),
  saveAs: z.boolean(),
  portraitToken: fileRefSchema.shape.token,
  faceIndex: z.number().int().nonnegative(),
  document: documentSchema,
  audio: audioTrackSchema.nullable().optional()
})
export type SaveProjectRequest = z.output<typeof saveProjectRequestSchema>

export const savedProjectSchema = z.object({ project: fileRefSchema })
export type SavedProject = z.infer<typeof savedProjectSchema>

export const openedProjectSchema = z.object({
  project: fileRefSchema,
  portrait: fileRefSchema,
  faceIndex: z.number().int().nonnegative(),
  document: documentSchema,
  /** The file's format version when it was older than this app's and got migrated; else null. */
  migratedFromVersion: z.number().int().nullable(),
  /** The project's audio track, unpacked and granted; null when it has none. */
  audio: openedAudioSchema.nullable()
})
export type OpenedProject = z.infer<typeof openedProjectSchema>

/** The renderer's unsaved work, sent every 30 s while it is dirty and when the window closes. */
export const autosaveRequestSchema = z.object({
  /** The saved project this work belongs to, or null for work never saved as a project. */
  projectToken: fileRefSchema.shape.token.nullable(),
  portraitToken: fileRefSchema.shape.token,
  faceIndex: z.number().int().nonnegative(),
  document: documentSchema,
  audio: audioTrackSchema.nullable().optional()
})
export type AutosaveRequest = z.output<typeof autosaveRequestSchema>

/** Autosaves are named by an id the core made; never by a path. */
const autosaveIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

/** Unsaved work left by a run of the studio that did not exit cleanly. */
export const recoverableWorkSchema = z.object({
  id: autosaveIdSchema,
  /** ISO time of the autosave. */
  savedAt: z.string(),
  /** The project file's name when the work belonged to a saved project; else null. */
  projectName: z.string().nullable(),
  portraitName: z.string()
})
export type RecoverableWork = z.infer<typeof recoverableWorkSchema>

export const recoveredWorkSchema = z.object({
  /** The saved project it belonged to, when that file still exists; else null. */
  project: fileRefSchema.nullable(),
  portrait: fileRefSchema,
  faceIndex: z.number().int().nonnegative(),
  document: documentSchema,
  savedAt: z.string(),
  audio: openedAudioSchema.nullable()
})
export type RecoveredWork = z.infer<typeof recoveredWorkSchema>

/** One entry of the Open Recent list. `id` is derived from the path in main; the path stays there. */
export const recentProjectSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  name: z.string(),
  /** The folder, for people to read (home shortened to ~). */
  folder: z.string(),
  openedAt: z.string()
})
export type RecentProject = z.infer<typeof recentProjectSchema>

/** Output sizes and frame rates the export dialog offers; the core accepts any even size in range. */
export const EXPORT_SIZES = [512, 768, 1024] as const
export const EXPORT_FRAME_RATES = [24, 25, 30, 60] as const

export const exportRequestSchema = z.object({
  /** The output file, granted by `chooseExportFile`. */
  outputToken: fileRefSchema.shape.token,
  document: documentSchema,
  width: z.number().int().min(16).max(4096).multipleOf(2),
  height: z.number().int().min(16).max(4096).multipleOf(2),
  fps: z.number().int().min(1).max(120),
  range: z.enum(['all', 'work-area']),
  /** The video format; the output file's extension was chosen for it (chooseExportFile). */
  format: videoFormatSchema.default('mp4-h264'),
  /** For formats with alpha: the background left transparent (the person layer's alpha), else opaque. */
  transparent: z.boolean().default(false),
  /** The project's audio track; a muted one (or none) makes a silent file. */
  audio: audioTrackSchema.nullable().optional()
})
export type ExportRequest = z.output<typeof exportRequestSchema>
/** An export request before the schema's defaults (format MP4, opaque background) are applied. */
export type ExportRequestInput = z.input<typeof exportRequestSchema>

export const exportResultSchema = z.object({
  file: fileRefSchema,
  frameCount: z.number().int().positive(),
  bytes: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative()
})
export type ExportResult = z.infer<typeof exportResultSchema>

/**
 * A performance (motion from a driving video, reduced to keys), checked against the performance-file
 * schema, with each problem reported at its path.
 */
const performanceSchema = z.custom<Performance>().superRefine((value, ctx) => {
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
  faceIndex: z.number().int().nonnegative()
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

const noPayload = z.undefined()

export const invokeContract = {
  getAppInfo: { request: noPayload, response: appInfoSchema },
  openPortraitDialog: { request: noPayload, response: fileRefSchema.nullable() },
  loadPortrait: { request: z.object({ token: fileRefSchema.shape.token }), response: loadedPortraitSchema },
  buildAvatar: {
    request: z.object({ token: fileRefSchema.shape.token, faceIndex: z.number().int().nonnegative() }),
    response: avatarInfoSchema
  },
  /** Null when a newer preview request superseded this one before it started. */
  renderPreview: { request: previewRequestSchema, response: previewFrameSchema.nullable() },
  saveProject: { request: saveProjectRequestSchema, response: savedProjectSchema.nullable() },
  openProject: { request: noPayload, response: openedProjectSchema.nullable() },
  writeLog: { request: logEntrySchema, response: z.undefined() },
  /** Opens the save dialog for the video; null when the user cancelled it. */
  chooseExportFile: {
    request: z.object({
      defaultName: z.string().min(1).max(255),
      /** The format the file is for: its extension and the dialog's filter. */
      format: videoFormatSchema.default('mp4-h264')
    }),
    response: fileRefSchema.nullable()
  },
  /**
   * Renders and encodes the document with the current avatar. Resolves when the file is complete;
   * progress arrives as `onJobProgress` events of kind 'export'. Rejects with code 'export-cancelled'
   * after `cancelExport`, and with the reason (disk full, ffmpeg missing, …) on failure.
   */
  startExport: { request: exportRequestSchema, response: exportResultSchema },
  /** Cancels the running export; false when none was running. */
  cancelExport: { request: noPayload, response: z.boolean() },
  /** Shows a granted file in the system's file manager. */
  showInFolder: { request: z.object({ token: fileRefSchema.shape.token }), response: z.undefined() },
  writeAutosave: { request: autosaveRequestSchema, response: z.object({ savedAt: z.string() }) },
  /** Removes this run's autosave (the work was saved or deliberately discarded). */
  clearAutosave: { request: noPayload, response: z.undefined() },
  /** Unsaved work from runs that did not exit cleanly, newest first. */
  listRecoverable: { request: noPayload, response: z.array(recoverableWorkSchema) },
  recoverAutosave: { request: z.object({ id: autosaveIdSchema }), response: recoveredWorkSchema },
  discardRecoverable: { request: z.object({ id: autosaveIdSchema }), response: z.undefined() },
  listRecentProjects: { request: noPayload, response: z.array(recentProjectSchema) },
  /** Opens a project from the recent list; a file that has gone is removed from the list and reported. */
  openRecentProject: {
    request: z.object({ id: recentProjectSchema.shape.id }),
    response: openedProjectSchema
  },
  /** The renderer agrees to close after an `onCloseRequested` (its work is saved or discarded). */
  confirmClose: { request: noPayload, response: z.undefined() },
  /** Opens the file dialog for a driving video; null when the user cancelled it. */
  openDriverDialog: { request: noPayload, response: fileRefSchema.nullable() },
  /**
   * Tracks the face through a granted video, replacing the studio's driver once done. Progress arrives
   * as `onJobProgress` events of kind 'drive'. Rejects with 'drive-cancelled' after `cancelDrive`,
   * 'driver-no-face', 'driver-not-video', 'driver-damaged' or 'drive-busy'.
   */
  /** Tracks a driving clip; `faceIndex` picks which of several faces to follow (0 = the largest). */
  trackDriver: {
    request: z.object({
      token: fileRefSchema.shape.token,
      faceIndex: z.number().int().min(0).max(31).optional()
    }),
    response: driverSummarySchema
  },
  /** Cancels the running tracking or drive; false when none was running. */
  cancelDrive: { request: noPayload, response: z.boolean() },
  /** Retargets the tracked driver onto the current avatar: the performance to bake. */
  driveAvatar: { request: driveRequestSchema, response: driveResultSchema },
  /**
   * The tracked driver's sound as an audio file (.m4a, time 0 = the clip's first frame), extracted once
   * per driver; null when the clip has no sound.
   */
  driverAudio: { request: noPayload, response: driverAudioSchema.nullable() },
  /** A picture of the tracked driver near a time, with its tracked mesh. */
  driverFrame: { request: driverFrameRequestSchema, response: driverFrameSchema },
  /** Writes a performance file chosen in the save dialog; null when the user cancelled it. */
  savePerformance: {
    request: z.object({ performance: performanceSchema, defaultName: z.string().min(1).max(255) }),
    response: fileRefSchema.nullable()
  },
  /** Reads a performance file chosen in the open dialog; null when the user cancelled it. */
  openPerformance: { request: noPayload, response: openedPerformanceSchema.nullable() }
} satisfies Record<InvokeMethod, { request: z.ZodType; response: z.ZodType }>

export const privilegedContract = {
  importDroppedPath: {
    request: z.object({ path: z.string().min(1).max(4096) }),
    response: fileRefSchema
  }
}

export const eventContract = {
  onJobProgress: jobProgressSchema,
  onMenuCommand: menuCommandSchema,
  /** A project chosen in the native menu's Open Recent submenu. */
  onOpenRecent: z.object({ id: recentProjectSchema.shape.id }),
  /** The window is about to close: flush the autosave, ask about unsaved work, then `confirmClose`. */
  onCloseRequested: z.undefined(),
  /**
   * The engine's process stopped unexpectedly and was started again. Requests pending at the time
   * failed with 'core-restarted'; the renderer keeps its document, and the avatar is rebuilt on the next
   * request that needs it.
   */
  onCoreRestarted: z.undefined()
} satisfies Record<EventMethod, z.ZodType>

/** What the renderer sends. */
export type InvokeRequest<M extends InvokeMethod> = z.input<(typeof invokeContract)[M]['request']>
/** What a handler in main receives: the request after validation (and any schema transforms). */
export type ValidatedRequest<M extends InvokeMethod> = z.output<(typeof invokeContract)[M]['request']>
export type InvokeResponse<M extends InvokeMethod> = z.output<(typeof invokeContract)[M]['response']>
export type EventPayload<M extends EventMethod> = z.output<(typeof eventContract)[M]>

/** Errors cross the boundary as plain data: a stable code the UI can branch on, and a message for people. */
export const ipcErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  detail: z.string().optional()
})
export type IpcError = z.infer<typeof ipcErrorSchema>
