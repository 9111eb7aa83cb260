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
}

export interface CreateProjectOptions {
  readonly appVersion: string
  readonly portrait: PortraitSource
  readonly enginePack: EnginePackRef
  readonly document: AnimationDocument
  readonly selectedFaceIndex?: number
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
    document: options.document
  }
}

/** The project as it is written to disk: pretty JSON (diffable), ending in a newline. */
export function serializeProject(project: ProjectFile): string {
  return `${JSON.stringify(project, null, 2)}\n`
}
