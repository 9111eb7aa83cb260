// Pure dope-sheet commands built from the shared timeline ops, so the UI stays a thin layer and the
// behaviour is unit tested.
import {
  evaluate,
  existingKeyRefs,
  pasteKeys,
  seconds,
  setKey,
  type AnimationDocument,
  type KeyClipboard,
  type KeyRef,
  type TrackId
} from '@shared/timeline'

/**
 * Keys the current value of each track at `time` (K): the tracks given, or every expression and
 * camera track when `trackIds` is empty. Values come from `evaluate`, so keying never changes what
 * is shown at `time`. Returns the document and the keys now at `time`.
 */
export function keyTracksAt(
  doc: AnimationDocument,
  trackIds: readonly TrackId[],
  time: number
): { document: AnimationDocument; keys: KeyRef[] } {
  const at = seconds(Math.max(0, time))
  const params = evaluate(doc, at)
  const only = trackIds.length > 0 ? new Set(trackIds) : null
  let document = doc
  const keys: KeyRef[] = []
  for (const track of doc.tracks) {
    if (only && !only.has(track.id)) continue
    const value =
      track.kind === 'expression'
        ? params.expression[track.name]
        : (params.camera as Record<string, number>)[track.name]
    if (value === undefined) continue
    const result = setKey(document, track.id, at, value)
    document = result.document
    keys.push(result.key)
  }
  return { document, keys }
}

/** Pastes onto the source tracks with the earliest copied key at `time`; returns the new key refs. */
export function pasteAt(
  doc: AnimationDocument,
  clipboard: KeyClipboard,
  time: number
): { document: AnimationDocument; pasted: KeyRef[] } {
  const result = pasteKeys(doc, clipboard, seconds(Math.max(0, time)))
  return { document: result.document, pasted: existingKeyRefs(result.document, result.pasted) }
}
