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

/** The keys a move takes, with their track's row (`time` makes each a snapping source as it is). */
interface MovedKeys {
  readonly byTrack: ReadonlyMap<string, ReadonlySet<string>>
  readonly selected: readonly { key: Keyframe; trackIndex: number; time: number }[]
  readonly earliest: number
}

const movedCache = new WeakMap<AnimationDocument, WeakMap<readonly KeyRef[], MovedKeys>>()

/** The keys `refs` name in `doc`, kept while both live: a drag moves the same ones at every pointer move. */
function movedKeysOf(doc: AnimationDocument, refs: readonly KeyRef[]): MovedKeys {
  let byRefs = movedCache.get(doc)
  if (!byRefs) movedCache.set(doc, (byRefs = new WeakMap()))
  const known = byRefs.get(refs)
  if (known) return known
  const byTrack = groupRefs(refs)
  const selected: { key: Keyframe; trackIndex: number; time: number }[] = []
  let earliest = Infinity
  doc.tracks.forEach((track, trackIndex) => {
    const ids = byTrack.get(track.id)
    if (!ids) return
    for (const key of track.keys)
      if (ids.has(key.id)) {
        selected.push({ key, trackIndex, time: key.time })
        earliest = Math.min(earliest, key.time)
      }
  })
  const moved = { byTrack, selected, earliest }
  byRefs.set(refs, moved)
  return moved
}

/**
 * `sortKeys([...a, ...b])` for `a` and `b` each sorted by time (a track's keys stay sorted, and one shift
 * moves its moved keys in order): merged in one pass, `a`'s key first at equal times as the stable sort
 * has it. Sorted again when either is not in order after all.
 */
function mergeByTime(a: readonly Keyframe[], b: readonly Keyframe[]): Keyframe[] {
  const out = mergeSortedKeys(a, b)
  for (let k = 1; k < out.length; k++) if (out[k]!.time < out[k - 1]!.time) return sortKeys([...a, ...b])
  return out
}

/** Two time-sorted key lists as one, in one pass; at equal times `a`'s key comes first. */
export function mergeSortedKeys(a: readonly Keyframe[], b: readonly Keyframe[]): Keyframe[] {
  const out = new Array<Keyframe>(a.length + b.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) out[n++] = b[j]!.time < a[i]!.time ? b[j++]! : a[i++]!
  while (i < a.length) out[n++] = a[i++]!
  while (j < b.length) out[n++] = b[j++]!
  return out
}

/**
 * How far `moveKeys` moves the keys for `delta` (s): snapped onto another track's key when the options
 * ask, and limited so no key goes before 0 s; each key then lands on the frame nearest its time plus this.
 * Null when no ref names a key of `doc`. A drag shows its keys moved by this before it commits the move.
 */
export function moveShift(
  doc: AnimationDocument,
  refs: readonly KeyRef[],
  delta: Seconds,
  options: MoveKeysOptions = {}
): number | null {
  if (!Number.isFinite(delta)) throw new RangeError(`moveKeys: delta must be finite seconds, got ${delta}`)
  const { byTrack, selected, earliest } = movedKeysOf(doc, refs)
  if (selected.length === 0) return null
  let shift: number = delta
  const threshold = options.snapToKeysWithin
  if (threshold !== undefined && threshold > 0) {
    const index = cachedSnapIndex(doc, refs, () => stationaryKeys(doc, byTrack))
    shift += snapAdjustment(selected, index, shift, threshold)
  }
  if (earliest + shift < 0) shift = -earliest
  return shift
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
  const shift = moveShift(doc, refs, delta, options)
  if (shift === null) return doc
  const { byTrack } = movedKeysOf(doc, refs)
  const fps = doc.settings.fps
  return updateTracks(doc, (track) => {
    const ids = byTrack.get(track.id)
    if (!ids) return track
    const keys = movedTrackKeys(track.keys, ids, shift, fps)
    return keys === track.keys ? track : { ...track, keys }
  })
}

function inTimeOrder(keys: readonly Keyframe[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i]!.time < keys[i - 1]!.time) return false
  return true
}

/**
 * One track's keys after `moveKeys`' move of the keys `ids` by `shift` (s): `keys` itself when nothing
 * changes. Taken in time order, the moved keys land on frames in order too, so two of them on one frame
 * are neighbours and a staying key on a moved key's frame is found in one pass over both: no per-frame map
 * nor a record per key (a drag of 10,000 keys made them at every pointer move).
 */
function movedTrackKeys(
  trackKeys: readonly Keyframe[],
  ids: ReadonlySet<string>,
  shift: number,
  fps: number
): readonly Keyframe[] {
  // Keys with one time each are in one order whatever order they came in (the winner of a frame, below,
  // does not depend on it), so an unsorted track is sorted first.
  const keys = inTimeOrder(trackKeys) ? trackKeys : sortKeys(trackKeys)
  const staying: Keyframe[] = []
  const moved: Keyframe[] = []
  /** Per moved key: its frame, how far its unsnapped target was from it (s), and its time before. */
  const frames: number[] = []
  const errors: number[] = []
  const originals: number[] = []
  let changed = false
  for (const key of keys) {
    if (!ids.has(key.id)) {
      staying.push(key)
      continue
    }
    const target = key.time + shift
    const time = snapToFrame(seconds(target), fps)
    if (time !== key.time) changed = true
    const frame = secondsToFrame(time, fps)
    const error = Math.abs(target - time)
    const last = frames.length - 1
    if (last >= 0 && frames[last] === frame) {
      // Two moved keys on one frame: the closer to it survives; on a tie, the one later in time.
      changed = true
      if (error < errors[last]! || (error === errors[last] && key.time > originals[last]!)) {
        moved[last] = { ...key, time }
        errors[last] = error
        originals[last] = key.time
      }
      continue
    }
    moved.push({ ...key, time })
    frames.push(frame)
    errors.push(error)
    originals.push(key.time)
  }
  if (!changed) return trackKeys
  // A staying key on a moved key's frame is replaced by it.
  const survivors: Keyframe[] = []
  let m = 0
  for (const key of staying) {
    const frame = secondsToFrame(key.time, fps)
    while (m < frames.length && frames[m]! < frame) m++
    if (m < frames.length && frames[m] === frame) continue
    survivors.push(key)
  }
  return mergeByTime(survivors, moved)
}
