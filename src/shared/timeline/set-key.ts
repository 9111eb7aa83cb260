import { type AnimationDocument, type Keyframe, type KeyRef } from './animation-document'
import { type KeyIdFactory, type TrackId, newKeyId } from './ids'
import { type Interpolation } from './interpolation'
import { clampTrackValue, sortKeys, updateTracks } from './track-edits'
import { type Seconds, isSameFrame, seconds, snapToFrame } from './units'

export interface SetKeyOptions {
  /** Interpolation of a NEW key (default 'linear'); for an existing key, replaces its interpolation. */
  readonly interpolation?: Interpolation
  readonly newKeyId?: KeyIdFactory
}

export interface SetKeyResult {
  readonly document: AnimationDocument
  /** The key that now holds the value (an existing key keeps its id). */
  readonly key: KeyRef
}

/**
 * Sets `value` on track `trackId` at `time`. The time snaps to the nearest frame (and to >= 0);
 * the value is clamped to the track's range. If the track already has a key on that frame, that
 * key gets the new value (it keeps its id, handles and, unless given, its interpolation); otherwise
 * a new key is inserted. Throws if the track does not exist.
 */
export function setKey(
  doc: AnimationDocument,
  trackId: TrackId,
  time: Seconds,
  value: number,
  options: SetKeyOptions = {}
): SetKeyResult {
  if (!Number.isFinite(time)) throw new RangeError(`setKey: time must be finite seconds, got ${time}`)
  const fps = doc.settings.fps
  const snapped = snapToFrame(seconds(Math.max(0, time)), fps)
  let key: KeyRef | undefined
  const document = updateTracks(doc, (track) => {
    if (track.id !== trackId) return track
    const clamped = clampTrackValue(track, value)
    const existing = track.keys.findIndex((k) => isSameFrame(k.time, snapped, fps))
    if (existing >= 0) {
      const old = track.keys[existing]!
      key = { trackId, keyId: old.id }
      const interpolation = options.interpolation ?? old.interpolation
      if (old.value === clamped && old.time === snapped && old.interpolation === interpolation) return track
      const keys = [...track.keys]
      keys[existing] = { ...old, time: snapped, value: clamped, interpolation }
      return { ...track, keys }
    }
    const created: Keyframe = {
      id: (options.newKeyId ?? newKeyId)(),
      time: snapped,
      value: clamped,
      interpolation: options.interpolation ?? 'linear'
    }
    key = { trackId, keyId: created.id }
    return { ...track, keys: sortKeys([...track.keys, created]) }
  })
  if (!key) throw new RangeError(`setKey: no track '${trackId}' in the document`)
  return { document, key }
}

/** Same as `setKey`: adding a key on a frame that already has one replaces that key's value. */
export const addKey = setKey

/**
 * Sets the values of existing keys (e.g. dragging keys vertically in a graph editor), clamped to
 * each track's range. Times do not change. Unknown refs are ignored.
 */
export function setKeyValues(
  doc: AnimationDocument,
  changes: readonly { readonly ref: KeyRef; readonly value: number }[]
): AnimationDocument {
  return updateTracks(doc, (track) => {
    const mine = changes.filter((c) => c.ref.trackId === track.id)
    if (mine.length === 0) return track
    let changed = false
    const keys = track.keys.map((k) => {
      const change = mine.find((c) => c.ref.keyId === k.id)
      if (!change) return k
      const value = clampTrackValue(track, change.value)
      if (value === k.value) return k
      changed = true
      return { ...k, value }
    })
    return changed ? { ...track, keys } : track
  })
}
