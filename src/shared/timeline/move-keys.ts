import { type AnimationDocument, type KeyRef, type Keyframe } from './animation-document'
import { cachedSnapIndex, snapAdjustment, type SnapSource } from './snap-to-keys'
import { groupRefs, sortKeys, updateTracks } from './track-edits'
import { type Seconds, secondsToFrame, seconds, snapToFrame } from './units'

export interface MoveKeysOptions {
  /**
   * Snap to other keys: if a moved key would land within this many seconds of an UNSELECTED key on
   * ANOTHER track, the whole move is adjusted so it lands exactly on that key's time (the closest
   * such pair wins). Keys of the key's own track are not snap targets: snapping onto them would
   * merge them away. The UI converts its pixel threshold to seconds. Off when absent.
   */
  readonly snapToKeysWithin?: Seconds
}

/** The keys that stay put, with their track's row: what a move can snap onto. */
function stationaryKeys(
  doc: AnimationDocument,
  byTrack: ReadonlyMap<string, ReadonlySet<string>>
): SnapSource[] {
  const stationary: SnapSource[] = []
  doc.tracks.forEach((track, trackIndex) => {
    const ids = byTrack.get(track.id)
    for (const key of track.keys) if (!ids?.has(key.id)) stationary.push({ time: key.time, trackIndex })
  })
  return stationary
}

/**
 * Moves the referenced keys by `delta` seconds, all by the same amount.
 *
 * - The move is limited so no key goes before 0 s.
 * - Every moved key then snaps to its nearest frame.
 * - Merge rule, so that a track never has two keys on one frame: a moved key that lands on the
 *   frame of a key that is NOT being moved replaces it (the moved key keeps its id; the stationary
 *   key is deleted). If two moved keys land on the same frame (only possible when they were not
 *   on whole frames, e.g. after an fps change), the one whose unsnapped target is closer to that
 *   frame survives; on a tie, the one that was later in time.
 *
 * Returns `doc` itself when nothing moves.
 */
export function moveKeys(
  doc: AnimationDocument,
  refs: readonly KeyRef[],
  delta: Seconds,
  options: MoveKeysOptions = {}
): AnimationDocument {
  if (!Number.isFinite(delta)) throw new RangeError(`moveKeys: delta must be finite seconds, got ${delta}`)
  const byTrack = groupRefs(refs)
  // Moved keys with their track's row; `time` makes each a snapping source as it is.
  const selected: { key: Keyframe; trackIndex: number; time: number }[] = []
  doc.tracks.forEach((track, trackIndex) => {
    const ids = byTrack.get(track.id)
    if (ids)
      for (const key of track.keys) if (ids.has(key.id)) selected.push({ key, trackIndex, time: key.time })
  })
  if (selected.length === 0) return doc

  let shift: number = delta
  const threshold = options.snapToKeysWithin
  if (threshold !== undefined && threshold > 0) {
    const index = cachedSnapIndex(doc, refs, () => stationaryKeys(doc, byTrack))
    shift += snapAdjustment(selected, index, shift, threshold)
  }
  let earliest = Infinity
  for (const { key } of selected) earliest = Math.min(earliest, key.time)
  if (earliest + shift < 0) shift = -earliest

  const fps = doc.settings.fps
  return updateTracks(doc, (track) => {
    const ids = byTrack.get(track.id)
    if (!ids) return track
    const moved = new Map<number, { key: Keyframe; error: number; originalTime: number }>()
    const staying: Keyframe[] = []
    let changed = false
    for (const key of track.keys) {
      if (!ids.has(key.id)) {
        staying.push(key)
        continue
      }
      const target = key.time + shift
      const time = snapToFrame(seconds(target), fps)
      if (time !== key.time) changed = true
      const frame = secondsToFrame(time, fps)
      const candidate = { key: { ...key, time }, error: Math.abs(target - time), originalTime: key.time }
      const rival = moved.get(frame)
      if (
        !rival ||
        candidate.error < rival.error ||
        (candidate.error === rival.error && candidate.originalTime > rival.originalTime)
      ) {
        if (rival) changed = true
        moved.set(frame, candidate)
      } else {
        changed = true
      }
    }
    if (!changed) return track
    const survivors = staying.filter((k) => !moved.has(secondsToFrame(k.time, fps)))
    const keys = sortKeys([...survivors, ...[...moved.values()].map((m) => m.key)])
    return { ...track, keys }
  })
}
