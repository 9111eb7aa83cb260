// Mute and solo (pure). A muted track plays as if it had no keys (its default: the neutral face, the
// camera's rest), in the preview only: export and the command line render the document as it is. Solo
// wins over everything not soloed: while any track or group is soloed, only the soloed ones play. A
// group's mute or solo counts for each of its tracks.
import type { AnimationDocument } from '@shared/timeline'
import type { TrackGroupId } from './track-groups'

type Track = AnimationDocument['tracks'][number]

/** What is muted and soloed: track ids and group ids, each in its own namespace. */
export interface TrackMix {
  readonly mutedTracks: ReadonlySet<string>
  readonly soloTracks: ReadonlySet<string>
  readonly mutedGroups: ReadonlySet<TrackGroupId>
  readonly soloGroups: ReadonlySet<TrackGroupId>
}

export const EMPTY_MIX: TrackMix = {
  mutedTracks: new Set(),
  soloTracks: new Set(),
  mutedGroups: new Set(),
  soloGroups: new Set()
}

export function isMixEmpty(mix: TrackMix): boolean {
  return (
    mix.mutedTracks.size === 0 &&
    mix.soloTracks.size === 0 &&
    mix.mutedGroups.size === 0 &&
    mix.soloGroups.size === 0
  )
}

/** True when a track in `group` plays in the preview under `mix`. */
export function isAudible(trackId: string, group: TrackGroupId, mix: TrackMix): boolean {
  if (mix.mutedTracks.has(trackId) || mix.mutedGroups.has(group)) return false
  const anySolo = mix.soloTracks.size > 0 || mix.soloGroups.size > 0
  return !anySolo || mix.soloTracks.has(trackId) || mix.soloGroups.has(group)
}

/**
 * The document the preview evaluates: `doc` with the keys of every silenced track left out (so it takes its
 * default value). The same document back when nothing is silenced, so an empty mix costs nothing.
 */
export function audibleDocument(
  doc: AnimationDocument,
  mix: TrackMix,
  groupOf: (track: Track) => TrackGroupId
): AnimationDocument {
  if (isMixEmpty(mix)) return doc
  let changed = false
  const tracks = doc.tracks.map((track) => {
    if (track.keys.length === 0 || isAudible(track.id, groupOf(track), mix)) return track
    changed = true
    return { ...track, keys: [] }
  })
  return changed ? { ...doc, tracks } : doc
}
