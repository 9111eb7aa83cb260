// A document's keys as columns of typed arrays, for crossing a process boundary. Structured clone (Electron's
// IPC, the core's message port) copies a typed array as one block of bytes, where 50,000 key objects are 50,000
// objects to walk and rebuild; the test host's socket carries the arrays as raw bytes, not JSON.
import { type KeyId, type TrackId, type TrackKind } from './ids'
import { type BezierHandles, INTERPOLATIONS } from './interpolation'
import {
  type AnimationDocument,
  type DocumentSettings,
  type Keyframe,
  type Track
} from './animation-document'
import { seconds } from './units'

/** One track's keys, column by column (key i is the i-th entry of each). */
export interface PackedKeys {
  readonly ids: readonly string[]
  /** Seconds. */
  readonly times: Float64Array
  /** In the track's units. */
  readonly values: Float64Array
  /** Index into INTERPOLATIONS. */
  readonly interpolations: Uint8Array
  /** The keys that carry Bézier handles: [key index, handles], by ascending index. */
  readonly handles: readonly (readonly [number, BezierHandles])[]
}

export interface PackedTrack {
  readonly id: TrackId
  readonly kind: TrackKind
  readonly name: string
  readonly keys: PackedKeys
}

/** An AnimationDocument whose tracks hold packed keys. */
export interface PackedDocument {
  readonly settings: DocumentSettings
  readonly tracks: readonly PackedTrack[]
}

const INTERPOLATION_CODE = new Map(INTERPOLATIONS.map((name, code) => [name, code]))

export function packKeys(keys: readonly Keyframe[]): PackedKeys {
  const n = keys.length
  const times = new Float64Array(n)
  const values = new Float64Array(n)
  const interpolations = new Uint8Array(n)
  const handles: [number, BezierHandles][] = []
  keys.forEach((key, i) => {
    times[i] = key.time
    values[i] = key.value
    interpolations[i] = INTERPOLATION_CODE.get(key.interpolation)!
    if (key.handles) handles.push([i, key.handles])
  })
  return { ids: keys.map((key) => key.id), times, values, interpolations, handles }
}

/**
 * The keys as objects again. Throws on columns of different lengths or an unknown interpolation code (the
 * packed form comes from the app's own core, so either is a bug, not bad input).
 */
export function unpackKeys(packed: PackedKeys): Keyframe[] {
  const n = packed.ids.length
  if (packed.times.length !== n || packed.values.length !== n || packed.interpolations.length !== n)
    throw new RangeError(`packed keys have columns of different lengths (${n} ids)`)
  const handles = new Map(packed.handles)
  return packed.ids.map((id, i) => {
    const interpolation = INTERPOLATIONS[packed.interpolations[i]!]
    if (!interpolation) throw new RangeError(`unknown interpolation code ${packed.interpolations[i]}`)
    const keyHandles = handles.get(i)
    const key: Keyframe = {
      id: id as KeyId,
      time: seconds(packed.times[i]!),
      value: packed.values[i]!,
      interpolation
    }
    return keyHandles ? { ...key, handles: keyHandles } : key
  })
}

export function packDocument(document: AnimationDocument): PackedDocument {
  return {
    settings: document.settings,
    tracks: document.tracks.map((track) => ({ ...track, keys: packKeys(track.keys) }))
  }
}

export function unpackDocument(packed: PackedDocument): AnimationDocument {
  return {
    settings: packed.settings,
    tracks: packed.tracks.map((track): Track => ({ ...track, keys: unpackKeys(track.keys) }))
  }
}
