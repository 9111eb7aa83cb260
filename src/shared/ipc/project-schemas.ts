// The contract's project, autosave, recovery and recent-files schemas.
import { z } from 'zod'
import type { PackedDocument } from '@shared/timeline'
import {
  documentSchema,
  finite,
  fileRefSchema,
  isPackedDocument,
  packedDocumentRequestSchema
} from './base-schemas'

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
  /** Packed (`packDocument`). */
  document: packedDocumentRequestSchema,
  audio: audioTrackSchema.nullable().optional()
})
export type SaveProjectRequest = z.output<typeof saveProjectRequestSchema>

export const savedProjectSchema = z.object({ project: fileRefSchema })
export type SavedProject = z.infer<typeof savedProjectSchema>

/**
 * A document with its keys as typed columns (`packDocument`): an opened project's 50,000 keys cross the process
 * boundaries as a few blocks of bytes instead of 50,000 objects. Main validated the file before packing it.
 */
export const packedDocumentSchema = z.custom<PackedDocument>(
  isPackedDocument,
  'expected a document with packed keys'
)

export const openedProjectSchema = z.object({
  project: fileRefSchema,
  portrait: fileRefSchema,
  faceIndex: z.number().int().nonnegative(),
  /** Packed (`unpackDocument` gives the document back). */
  document: packedDocumentSchema,
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
  /** Packed (`packDocument`). */
  document: packedDocumentRequestSchema,
  audio: audioTrackSchema.nullable().optional()
})
export type AutosaveRequest = z.output<typeof autosaveRequestSchema>

/** Autosaves are named by an id the core made; never by a path. */
export const autosaveIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)

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
