import { type KeyId, type TrackId, type TrackKind, trackIdFor } from './ids'
import { type BezierHandles, type Interpolation } from './interpolation'
import { CAMERA_PARAMS } from './track-definitions'
import { type Fps, type Seconds, seconds } from './units'

/**
 * One key. `interpolation` (and `handles` when it is 'bezier') shape the segment that LEAVES this key.
 * `handles` may be kept while another interpolation is selected, so switching back restores them.
 */
export interface Keyframe {
  readonly id: KeyId
  readonly time: Seconds
  /** In the track's units (weight, degrees, zoom multiplier, frame fraction). */
  readonly value: number
  readonly interpolation: Interpolation
  readonly handles?: BezierHandles
}

/**
 * Keys are sorted by ascending time and no two keys of a track have the same time. The ops also
 * keep keys on distinct frames at the document's fps; only an fps change (which keeps key times in
 * seconds) can leave two keys on one frame, and the next move or set on that frame merges them.
 * `migrateProject` sorts keys read from files.
 */
export interface Track {
  readonly id: TrackId
  readonly kind: TrackKind
  /** Expression direction name from the engine pack (e.g. 'jawOpen'), or a `CameraParam`. */
  readonly name: string
  readonly keys: readonly Keyframe[]
}

/** The range rendered by preview loops and exported by default; `in` < `out`, both within the duration. */
export interface WorkArea {
  readonly in: Seconds
  readonly out: Seconds
}

export interface DocumentSettings {
  readonly fps: Fps
  readonly durationSec: Seconds
  /** Output size in pixels. */
  readonly width: number
  readonly height: number
  readonly workArea: WorkArea
}

/**
 * The whole animation: plain immutable data (JSON-serialisable as is). Operations return new
 * documents and never mutate their input; an op that changes nothing returns its input unchanged
 * (same reference), so the store can skip an undo entry.
 */
export interface AnimationDocument {
  readonly settings: DocumentSettings
  /** Expression tracks first (pack order), then the six camera tracks. */
  readonly tracks: readonly Track[]
}

/** Points at one key of one track; what selections, clipboards and ops speak in. */
export interface KeyRef {
  readonly trackId: TrackId
  readonly keyId: KeyId
}

export const DEFAULT_SETTINGS: DocumentSettings = {
  fps: 30,
  durationSec: seconds(5),
  width: 1024,
  height: 1024,
  workArea: { in: seconds(0), out: seconds(5) }
}

export interface CreateDocumentOptions {
  /** Expression direction names from the engine pack's manifest, in pack order. */
  readonly expressionNames: readonly string[]
  readonly settings?: Partial<Omit<DocumentSettings, 'workArea'>> & { readonly workArea?: WorkArea }
}

/** A new document with one empty track per expression direction and per camera parameter. */
export function createDocument(options: CreateDocumentOptions): AnimationDocument {
  const base = { ...DEFAULT_SETTINGS, ...options.settings }
  const settings: DocumentSettings = {
    ...base,
    workArea: options.settings?.workArea ?? { in: seconds(0), out: base.durationSec }
  }
  const seen = new Set<string>()
  const tracks: Track[] = []
  for (const name of options.expressionNames) {
    if (seen.has(name)) continue
    seen.add(name)
    tracks.push(emptyTrack('expression', name))
  }
  for (const param of CAMERA_PARAMS) tracks.push(emptyTrack('camera', param))
  return { settings, tracks }
}

export function emptyTrack(kind: TrackKind, name: string): Track {
  return { id: trackIdFor(kind, name), kind, name, keys: [] }
}

export function findTrack(doc: AnimationDocument, trackId: TrackId): Track | undefined {
  return doc.tracks.find((track) => track.id === trackId)
}

export function findKey(doc: AnimationDocument, ref: KeyRef): Keyframe | undefined {
  return findTrack(doc, ref.trackId)?.keys.find((key) => key.id === ref.keyId)
}

/** Names of the expression tracks, in document order. */
export function expressionNames(doc: AnimationDocument): string[] {
  return doc.tracks.filter((track) => track.kind === 'expression').map((track) => track.name)
}
