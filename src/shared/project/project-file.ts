import { type AnimationDocument } from '../timeline/animation-document'
import { PROJECT_FORMAT_NAME, PROJECT_FORMAT_VERSION } from './project-format'

export type PortraitMime = 'image/png' | 'image/jpeg' | 'image/webp'

/** The portrait image stored inside the project file (portable, larger file). */
export interface EmbeddedPortrait {
  readonly kind: 'embedded'
  readonly mime: PortraitMime
  readonly dataBase64: string
  /** Lower-case hex SHA-256 of the decoded image bytes. */
  readonly sha256: string
  /** Original file name, for display and for "export portrait". */
  readonly fileName: string
}

/** The portrait image left on disk next to (or anywhere near) the project. */
export interface ReferencedPortrait {
  readonly kind: 'reference'
  /** Absolute, or relative to the directory of the project file (resolved by `loadProject`). */
  readonly path: string
  /** Lower-case hex SHA-256 of the image bytes; `loadProject` checks it. */
  readonly sha256: string
  readonly fileName: string
}

export type PortraitSource = EmbeddedPortrait | ReferencedPortrait

/** Largest audio file a project (or another Mimesis file) may embed: 200 MiB, about 2.9 h of 160 kb/s AAC. */
export const MAX_EMBEDDED_AUDIO_BYTES = 200 * 1024 * 1024

/**
 * An audio file stored inside a Mimesis file: AAC in an MP4 (.m4a) container, as `extractAudio` writes
 * it. Only the media; where it plays is up to the file that holds it.
 */
export interface EmbeddedAudio {
  readonly kind: 'embedded'
  readonly mime: 'audio/mp4'
  readonly dataBase64: string
  /** Lower-case hex SHA-256 of the decoded audio bytes. */
  readonly sha256: string
  /** Name shown to people (e.g. the driving video's name with .m4a); never used as a path as is. */
  readonly fileName: string
}

/** `ProjectAudio.startSec` lies in -AUDIO_START_LIMIT_SEC..AUDIO_START_LIMIT_SEC seconds (one hour). */
export const AUDIO_START_LIMIT_SEC = 3600

/** The project's one audio track (the driving video's sound, later a voice file). */
export interface ProjectAudio extends EmbeddedAudio {
  /** Document time, in seconds, at which the audio's time 0 plays; -3600..3600 (negative: starts cut). */
  readonly startSec: number
  /** Muted tracks are kept in the project but neither played nor exported. */
  readonly muted: boolean
}

export interface EnginePackRef {
  /** Pack id from its manifest (the built-in pack's id is fixed). */
  readonly id: string
  readonly version: string
}

/** A `.mimesis` project file at the current format version, as parsed and validated. */
export interface ProjectFile {
  readonly format: typeof PROJECT_FORMAT_NAME
  readonly version: typeof PROJECT_FORMAT_VERSION
  /** Version of the app that last wrote the file (informational). */
  readonly appVersion: string
  /** ISO 8601 timestamps (UTC). */
  readonly createdAt: string
  readonly modifiedAt: string
  readonly portrait: PortraitSource
  /** Which detected face of the portrait is animated (index into the analysis' faces, largest first). */
  readonly selectedFaceIndex: number
  readonly enginePack: EnginePackRef
  readonly document: AnimationDocument
  /** The audio track, or null when the project has none. */
  readonly audio: ProjectAudio | null
}

export interface CreateProjectOptions {
  readonly appVersion: string
  readonly portrait: PortraitSource
  readonly enginePack: EnginePackRef
  readonly document: AnimationDocument
  readonly selectedFaceIndex?: number
  /** Defaults to no audio. */
  readonly audio?: ProjectAudio | null
  /** Creation time; pass `new Date()` (shared code takes no clock of its own). */
  readonly now: Date
}

export function createProjectFile(options: CreateProjectOptions): ProjectFile {
  const stamp = options.now.toISOString()
  return {
    format: PROJECT_FORMAT_NAME,
    version: PROJECT_FORMAT_VERSION,
    appVersion: options.appVersion,
    createdAt: stamp,
    modifiedAt: stamp,
    portrait: options.portrait,
    selectedFaceIndex: options.selectedFaceIndex ?? 0,
    enginePack: options.enginePack,
    document: options.document,
    audio: options.audio ?? null
  }
}

/** The project as it is written to disk: pretty JSON (diffable), ending in a newline. */
export function serializeProject(project: ProjectFile): string {
  return `${JSON.stringify(project, null, 2)}\n`
}
