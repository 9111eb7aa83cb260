import { type AnimationDocument, type KeyRef } from './animation-document'
import { groupRefs, updateTracks } from './track-edits'

/** Removes the referenced keys; unknown refs are ignored. Returns `doc` itself if nothing was removed. */
export function removeKeys(doc: AnimationDocument, refs: readonly KeyRef[]): AnimationDocument {
  const byTrack = groupRefs(refs)
  return updateTracks(doc, (track) => {
    const ids = byTrack.get(track.id)
    if (!ids) return track
    const keys = track.keys.filter((k) => !ids.has(k.id))
    return keys.length === track.keys.length ? track : { ...track, keys }
  })
}
