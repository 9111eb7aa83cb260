// Runtime schemas and static types for every IPC message. Main validates each request against
// these before any handler runs; the renderer sees the inferred types through window.mimesis.
import { z } from 'zod'
import type { EventMethod, InvokeMethod } from './channels'
import { expressionDirectionSpecSchema } from '../engine/pack-manifest'
import { exportChoicesSchema } from '../export/export-presets'
import { outputFormatSchema } from '../export/output-formats'
import { finite, fileRefSchema, rgbaFrameSchema } from './base-schemas'
import {
  driveRequestSchema,
  driveResultSchema,
  driverAudioSchema,
  driverFrameRequestSchema,
  driverFrameSchema,
  driverSummarySchema,
  openedPerformanceSchema,
  performanceSchema
} from './drive-schemas'
import { exportRequestSchema, exportResultSchema } from './export-schemas'
import {
  liveFrameRequestSchema,
  liveFrameResultSchema,
  liveOpenResultSchema,
  liveRecordRequestSchema,
  liveTakeSchema
} from './live-schemas'
import {
  autosaveIdSchema,
  autosaveRequestSchema,
  openedProjectSchema,
  recentProjectSchema,
  recoverableWorkSchema,
  recoveredWorkSchema,
  saveProjectRequestSchema,
  savedProjectSchema
} from './project-schemas'
import {
  addedSoundSchema,
  audioWaveformRequestSchema,
  audioWaveformSchema,
  speechFeaturesRequestSchema,
  speechFeaturesSchema
} from './audio-schemas'

// The schemas by domain live beside this file; the contract is their one entry point.
export * from './base-schemas'
export * from './drive-schemas'
export * from './export-schemas'
export * from './live-schemas'
export * from './project-schemas'
export * from './audio-schemas'

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
  'live-mode',
  'save-performance',
  'apply-performance',
  'import-curves',
  'generate-motion',
  'add-sound'
])
export type MenuCommand = z.infer<typeof menuCommandSchema>

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
  buildMs: z.number().nonnegative(),
  /**
   * Multipliers of generated motion for this face, by direction (a small mouth takes less jaw), 0..1; directions
   * not listed take 1.
   */
  motionScale: z.record(z.string().max(64), finite.min(0).max(1))
})
export type AvatarInfo = z.infer<typeof avatarInfoSchema>

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
  /** Opens the save dialog for the video (or the PNG sequence's folder); null when the user cancelled it. */
  chooseExportFile: {
    request: z.object({
      defaultName: z.string().min(1).max(255),
      /** The format the file is for: its extension and the dialog's filter (a folder name for a sequence). */
      format: outputFormatSchema.default('mp4-h264')
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
  /** A granted sound file's waveform peaks and a low-rate copy for scrubbing (the timeline's sound lane). */
  audioWaveform: { request: audioWaveformRequestSchema, response: audioWaveformSchema },
  /** A picture of the tracked driver near a time, with its tracked mesh. */
  driverFrame: { request: driverFrameRequestSchema, response: driverFrameSchema },
  /**
   * *Add sound…*: the file dialog for a recording or a video with sound, copied as .m4a for the project's
   * audio track; null when the user cancelled it. Rejects with 'unsupported-format' when it has no sound.
   */
  openSoundDialog: { request: noPayload, response: addedSoundSchema.nullable() },
  /** The speech features of a granted sound on the document's frames (the Generate dialog's *Speech*). */
  speechFeatures: { request: speechFeaturesRequestSchema, response: speechFeaturesSchema },
  /** Writes a performance file chosen in the save dialog; null when the user cancelled it. */
  savePerformance: {
    request: z.object({ performance: performanceSchema, defaultName: z.string().min(1).max(255) }),
    response: fileRefSchema.nullable()
  },
  /** Reads a performance file chosen in the open dialog; null when the user cancelled it. */
  openPerformance: { request: noPayload, response: openedPerformanceSchema.nullable() },
  /**
   * Reads rig curves chosen in the open dialog (a Live Link Face CSV, or a rig-curves JSON) as a reduced performance
   * (`importRigCurves`); null when the user cancelled it. Rejects with 'curves-invalid' naming the row and column.
   */
  importCurves: { request: noPayload, response: openedPerformanceSchema.nullable() },
  /** The export dialog's last choices for the saved project `projectToken`; null when none are remembered. */
  loadExportChoices: {
    request: z.object({ projectToken: fileRefSchema.shape.token }),
    response: exportChoicesSchema.nullable()
  },
  /** Remembers the export dialog's choices for the saved project, outside the project file. */
  saveExportChoices: {
    request: z.object({ projectToken: fileRefSchema.shape.token, choices: exportChoicesSchema }),
    response: z.undefined()
  },
  /**
   * Opens Live mode on the current avatar: loads the face models and calibrates the avatar (once per
   * avatar, about 1.5 s). Rejects with 'no-avatar' before a portrait is built.
   */
  liveOpen: { request: noPayload, response: liveOpenResultSchema },
  /**
   * One camera frame: tracks the face, solves expression and head against the reference, renders the
   * avatar and records the frame into the running take. Rejects with 'live-not-open' outside Live mode.
   */
  liveFrame: { request: liveFrameRequestSchema, response: liveFrameResultSchema },
  /** Takes the performer's reference face over the next half second of frames. */
  liveSetNeutral: { request: noPayload, response: z.undefined() },
  /** Starts a take at the next frame; 'live-busy' while one is recording. */
  liveRecord: { request: liveRecordRequestSchema, response: z.undefined() },
  /** Ends the take: its frames reduced to keys; null when no frame reached it (or none was recording). */
  liveStop: { request: noPayload, response: liveTakeSchema.nullable() },
  /** Leaves Live mode; a take still recording is dropped. */
  liveClose: { request: noPayload, response: z.undefined() }
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
