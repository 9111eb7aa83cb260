import { type AnimationDocument, type KeyRef } from './animation-document'
import { type KeyId, type TrackId } from './ids'
import { type Seconds } from './units'

export interface KeyRangeQuery {
  /** Inclusive time range in seconds (order does not matter). */
  readonly from: Seconds
  readonly to: Seconds
  /** Only these tracks; all tracks when absent. */
  readonly trackIds?: readonly TrackId[]
}

/** Keys inside a time range (marquee selection, "select keys in work area"), in document order. */
export function keysInRange(doc: AnimationDocument, query: KeyRangeQuery): KeyRef[] {
  const lo = Math.min(query.from, query.to)
  const hi = Math.max(query.from, query.to)
  const only = query.trackIds ? new Set(query.trackIds) : undefined
  const refs: KeyRef[] = []
  for (const track of doc.tracks) {
    if (only && !only.has(track.id)) continue
    for (const key of track.keys)
      if (key.time >= lo && key.time <= hi) refs.push({ trackId: track.id, keyId: key.id })
  }
  return refs
}

/** Every key of the document (select all). */
export function allKeyRefs(doc: AnimationDocument): KeyRef[] {
  return doc.tracks.flatMap((track) => track.keys.map((key) => ({ trackId: track.id, keyId: key.id })))
}

/**
 * Drops refs to keys that no longer exist (after undo, paste-over or a merge). Only the tracks the refs
 * name are looked at, once each: the selection is pruned after every edit, drags included.
 */
export function existingKeyRefs(doc: AnimationDocument, refs: readonly KeyRef[]): KeyRef[] {
  const idsOf = new Map<TrackId, ReadonlySet<KeyId>>()
  const present = (ref: KeyRef): boolean => {
    let ids = idsOf.get(ref.trackId)
    if (!ids) {
      const track = doc.tracks.find((t) => t.id === ref.trackId)
      idsOf.set(ref.trackId, (ids = new Set(track?.keys.map((k) => k.id))))
    }
    return ids.has(ref.keyId)
  }
  return refs.filter(present)
}
