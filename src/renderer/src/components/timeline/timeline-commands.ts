// Pure dope-sheet commands built from the shared timeline ops, so the UI stays a thin layer and the
// behaviour is unit tested.
import {
  evaluate,
  existingKeyRefs,
  findTrack,
  keyIndexAtOrBefore,
  pasteKeys,
  secondsToFrame,
  removeKeys,
  seconds,
  setKey,
  type AnimationDocument,
  type KeyClipboard,
  type KeyRef,
  type Seconds,
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

/** How a slider's track relates to the playhead: no keys, keys elsewhere, or a key on this frame. */
export type TrackKeyState = 'none' | 'animated' | 'keyed'

export function trackKeyState(doc: AnimationDocument, trackId: TrackId, time: number): TrackKeyState {
  const track = findTrack(doc, trackId)
  if (!track || track.keys.length === 0) return 'none'
  return keyIndexOnFrame(track.keys, seconds(Math.max(0, time)), doc.settings.fps) >= 0 ? 'keyed' : 'animated'
}

/**
 * The index of a key of `keys` (sorted by time) on the frame of `at`, or -1. Keys on one frame are
 * neighbours in time, so a binary search and a look at the neighbours on that frame find it: the inspector
 * asks this for every track on every playhead move.
 */
function keyIndexOnFrame(
  keys: AnimationDocument['tracks'][number]['keys'],
  at: Seconds,
  fps: AnimationDocument['settings']['fps']
): number {
  const frame = secondsToFrame(at, fps)
  const before = keyIndexAtOrBefore(keys, at)
  for (let i = before; i >= 0 && secondsToFrame(keys[i]!.time, fps) >= frame; i--)
    if (secondsToFrame(keys[i]!.time, fps) === frame) return i
  for (let i = before + 1; i < keys.length && secondsToFrame(keys[i]!.time, fps) <= frame; i++)
    if (secondsToFrame(keys[i]!.time, fps) === frame) return i
  return -1
}

/**
 * The inspector's key button: removes the track's key on the playhead's frame, or keys the track's
 * current value there (which changes nothing that is shown).
 */
export function toggleKeyAt(doc: AnimationDocument, trackId: TrackId, time: number): AnimationDocument {
  const track = findTrack(doc, trackId)
  if (!track) return doc
  const onFrame = track.keys[keyIndexOnFrame(track.keys, seconds(Math.max(0, time)), doc.settings.fps)]
  if (onFrame) return removeKeys(doc, [{ trackId, keyId: onFrame.id }])
  return keyTracksAt(doc, [trackId], time).document
}
