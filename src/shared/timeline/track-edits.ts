// Small immutable helpers shared by the document ops.
import { type AnimationDocument, type KeyRef, type Keyframe, type Track } from './animation-document'
import { type KeyId, type TrackId } from './ids'
import { trackDefinition, clampToRange } from './track-definitions'

export function sortKeys(keys: readonly Keyframe[]): Keyframe[] {
  return [...keys].sort((a, b) => a.time - b.time)
}

/**
 * New document with `update` applied to the tracks it names. `update` returns the same track to
 * mean "unchanged"; if no track changes, the input document is returned (same reference).
 */
export function updateTracks(doc: AnimationDocument, update: (track: Track) => Track): AnimationDocument {
  let changed = false
  const tracks = doc.tracks.map((track) => {
    const next = update(track)
    if (next !== track) changed = true
    return next
  })
  return changed ? { ...doc, tracks } : doc
}

/** Selected key ids grouped by track id; unknown refs are harmless (ops ignore them). */
export function groupRefs(refs: readonly KeyRef[]): Map<TrackId, Set<KeyId>> {
  const byTrack = new Map<TrackId, Set<KeyId>>()
  for (const ref of refs) {
    let ids = byTrack.get(ref.trackId)
    if (!ids) {
      ids = new Set()
      byTrack.set(ref.trackId, ids)
    }
    ids.add(ref.keyId)
  }
  return byTrack
}

export function clampTrackValue(track: Pick<Track, 'kind' | 'name'>, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`value must be a finite number, got ${value}`)
  return clampToRange(value, trackDefinition(track.kind, track.name).range)
}

/** All key ids in use in `doc`. */
export function usedKeyIds(doc: AnimationDocument): Set<KeyId> {
  const ids = new Set<KeyId>()
  for (const track of doc.tracks) for (const key of track.keys) ids.add(key.id)
  return ids
}
