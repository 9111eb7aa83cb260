// The takes' edits on the document, as pure functions: each is applied in one `commit` (one undo step).
import { removeKeys, trackIdFor, type AnimationDocument, type KeyRef } from '@shared/timeline'
import { bakePerformance, clipEnd, type BakeOutcome } from '../bake-plan'
import type { LiveTakeEntry } from '../../store/live-store'

/** The document without the keys a take put there: its tracks' keys in its range (inclusive). */
export function removeTakeKeys(document: AnimationDocument, take: LiveTakeEntry): AnimationDocument {
  const { fps } = document.settings
  const from = take.at * fps - 1e-6
  const to = clipEnd(take.performance, take.at) * fps + 1e-6
  const refs: KeyRef[] = []
  for (const source of take.performance.tracks) {
    if (source.keys.length === 0) continue
    const trackId = trackIdFor(source.kind, source.name)
    const track = document.tracks.find((t) => t.id === trackId)
    for (const key of track?.keys ?? []) {
      if (key.time * fps >= from && key.time * fps <= to) refs.push({ trackId, keyId: key.id })
    }
  }
  return refs.length > 0 ? removeKeys(document, refs) : document
}

/**
 * Puts `take` on the timeline at its place instead of `replacing` (the take there now, or null): the
 * replaced take's keys go, then the take is baked, lengthening the animation when it runs past the end.
 */
export function swapTake(
  document: AnimationDocument,
  take: LiveTakeEntry,
  replacing: LiveTakeEntry | null
): BakeOutcome {
  const cleared = replacing ? removeTakeKeys(document, replacing) : document
  return bakePerformance(cleared, take.performance, take.at, true)
}
