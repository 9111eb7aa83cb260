import { type AnimationDocument, type KeyRef, type Keyframe } from './animation-document'
import { type KeyIdFactory, type TrackId, type TrackKind, newKeyId } from './ids'
import { type BezierHandles, type Interpolation } from './interpolation'
import { clampTrackValue, groupRefs, sortKeys, updateTracks } from './track-edits'
import { type Seconds, isSameFrame, seconds, snapToFrame } from './units'

export interface ClipboardKey {
  /** Seconds after the earliest copied key (over all copied tracks); >= 0. */
  readonly offset: Seconds
  readonly value: number
  readonly interpolation: Interpolation
  readonly handles?: BezierHandles
}

export interface ClipboardTrack {
  /** Source track; pasting onto the same tracks looks this id up in the target document. */
  readonly trackId: TrackId
  readonly kind: TrackKind
  readonly name: string
  readonly keys: readonly ClipboardKey[]
}

/** Plain JSON, so the renderer may also put it on the system clipboard. */
export interface KeyClipboard {
  readonly format: 'mimesis-keys'
  readonly tracks: readonly ClipboardTrack[]
}

/** Copies the referenced keys; `null` when none of them exist. Key ids are not copied. */
export function copyKeys(doc: AnimationDocument, refs: readonly KeyRef[]): KeyClipboard | null {
  const byTrack = groupRefs(refs)
  const picked: { track: ClipboardTrack; keys: Keyframe[] }[] = []
  let earliest = Infinity
  for (const track of doc.tracks) {
    const ids = byTrack.get(track.id)
    if (!ids) continue
    const keys = track.keys.filter((k) => ids.has(k.id))
    if (keys.length === 0) continue
    earliest = Math.min(earliest, keys[0]!.time)
    picked.push({ track: { trackId: track.id, kind: track.kind, name: track.name, keys: [] }, keys })
  }
  if (picked.length === 0) return null
  return {
    format: 'mimesis-keys',
    tracks: picked.map(({ track, keys }) => ({
      ...track,
      keys: keys.map((k) => ({
        offset: seconds(k.time - earliest),
        value: k.value,
        interpolation: k.interpolation,
        ...(k.handles ? { handles: k.handles } : {})
      }))
    }))
  }
}

export interface PasteKeysOptions {
  /**
   * Paste a single-track clipboard onto this track instead of its source track (e.g. copy 'smile'
   * keys onto 'jawOpen'). Values are clamped to the target track's range. Throws if the clipboard
   * holds more than one track.
   */
  readonly targetTrackId?: TrackId
  readonly newKeyId?: KeyIdFactory
}

export interface PasteKeysResult {
  readonly document: AnimationDocument
  /** The new keys, e.g. to select them. */
  readonly pasted: readonly KeyRef[]
  /** Source tracks that the document does not have (e.g. another engine pack's expressions). */
  readonly skippedTracks: readonly TrackId[]
}

/**
 * Pastes keys with the earliest copied key at `at` (the playhead). Times snap to frames. A pasted
 * key replaces an existing key on the same frame of its track (paste wins). New keys get new ids.
 */
export function pasteKeys(
  doc: AnimationDocument,
  clipboard: KeyClipboard,
  at: Seconds,
  options: PasteKeysOptions = {}
): PasteKeysResult {
  if (!Number.isFinite(at)) throw new RangeError(`pasteKeys: at must be finite seconds, got ${at}`)
  const { targetTrackId } = options
  if (targetTrackId !== undefined && clipboard.tracks.length !== 1) {
    throw new RangeError(
      `pasteKeys: targetTrackId needs a clipboard with exactly one track, this one has ${clipboard.tracks.length}`
    )
  }
  const makeId = options.newKeyId ?? newKeyId
  const fps = doc.settings.fps
  const origin = Math.max(0, at)
  const pasted: KeyRef[] = []
  const sources = new Map<TrackId, ClipboardTrack>()
  for (const source of clipboard.tracks) sources.set(targetTrackId ?? source.trackId, source)
  const present = new Set(doc.tracks.map((t) => t.id))
  const skippedTracks = clipboard.tracks
    .map((s) => targetTrackId ?? s.trackId)
    .filter((id) => !present.has(id))

  const document = updateTracks(doc, (track) => {
    const source = sources.get(track.id)
    if (!source || source.keys.length === 0) return track
    const incoming: Keyframe[] = []
    for (const copied of source.keys) {
      const time = snapToFrame(seconds(origin + copied.offset), fps)
      if (incoming.some((k) => isSameFrame(k.time, time, fps))) continue
      const key: Keyframe = {
        id: makeId(),
        time,
        value: clampTrackValue(track, copied.value),
        interpolation: copied.interpolation,
        ...(copied.handles ? { handles: copied.handles } : {})
      }
      incoming.push(key)
      pasted.push({ trackId: track.id, keyId: key.id })
    }
    const kept = track.keys.filter((k) => !incoming.some((n) => isSameFrame(n.time, k.time, fps)))
    return { ...track, keys: sortKeys([...kept, ...incoming]) }
  })
  return { document, pasted, skippedTracks }
}
