// moveKeys' snapping, searched in sorted time instead of pair by pair. The rule is moveKeys': a moved key
// that would land within the threshold of an unmoved key of ANOTHER track shifts the whole move onto that
// key; the closest pair wins, and of equally close pairs the first in document order (moved keys by track
// and time, then unmoved keys by track and time). Checking every pair costs moved × unmoved distance tests
// per pointer move (10,000 × 40,000 when dragging a fifth of a dense performance); here each moved key
// looks only at its nearest unmoved neighbours in time, and the sorted index is kept per document and
// selection, since a drag calls moveKeys with the same ones at every pointer move.
import { type AnimationDocument, type KeyRef } from './animation-document'

/** A moved key's time and the row of its track. */
export interface SnapSource {
  readonly time: number
  readonly trackIndex: number
}

/** The unmoved keys sorted by time, then by track: their times and track rows, side by side. */
export interface SnapIndex {
  readonly times: Float64Array
  readonly tracks: Int32Array
}

export function snapIndexOf(stationary: readonly SnapSource[]): SnapIndex {
  const order = stationary.map((_, i) => i)
  order.sort(
    (a, b) =>
      stationary[a]!.time - stationary[b]!.time || stationary[a]!.trackIndex - stationary[b]!.trackIndex
  )
  return {
    times: Float64Array.from(order, (i) => stationary[i]!.time),
    tracks: Int32Array.from(order, (i) => stationary[i]!.trackIndex)
  }
}

/** The nearest entry at or after `time` (`after`) or before it whose track is not `trackIndex`; -1 for none. */
function nearestOther(index: SnapIndex, from: number, step: 1 | -1, trackIndex: number): number {
  for (let i = from; i >= 0 && i < index.times.length; i += step) if (index.tracks[i] !== trackIndex) return i
  return -1
}

/**
 * Index of the first entry at or after `time`. `hint` is the answer for an earlier, smaller time (0 when
 * none): moved keys come in time order within a track, so the answer is usually a few entries past it, and
 * galloping from it (1, 2, 4… entries) costs the log of that distance instead of the log of the whole index.
 */
function lowerBound(times: Float64Array, time: number, hint = 0): number {
  let low = 0
  let high = times.length
  if (hint > 0 && hint <= times.length && times[hint - 1]! < time) {
    low = hint
    let step = 1
    while (low + step < times.length && times[low + step - 1]! < time) {
      low += step
      step *= 2
    }
    high = Math.min(times.length, low + step)
  }
  while (low < high) {
    const mid = (low + high) >>> 1
    if (times[mid]! < time) low = mid + 1
    else high = mid
  }
  return low
}

/**
 * Of the other-track entries with the same time as entry `at`, the lowest track row (the first of them in
 * document order).
 */
function firstTrackAtTime(index: SnapIndex, at: number, trackIndex: number): number {
  const time = index.times[at]!
  let best = Number.MAX_SAFE_INTEGER
  for (let i = at; i >= 0 && index.times[i] === time; i--)
    if (index.tracks[i] !== trackIndex) best = Math.min(best, index.tracks[i]!)
  for (let i = at + 1; i < index.times.length && index.times[i] === time; i++)
    if (index.tracks[i] !== trackIndex) best = Math.min(best, index.tracks[i]!)
  return best
}

/** The nearest unmoved key of another track to `target` (s): its distance and the adjustment onto it. */
function nearestFor(
  index: SnapIndex,
  target: number,
  trackIndex: number,
  at: number
): { distance: number; adjustment: number } | null {
  const right = nearestOther(index, at, 1, trackIndex)
  const left = nearestOther(index, at - 1, -1, trackIndex)
  const dRight = right < 0 ? Infinity : Math.abs(index.times[right]! - target)
  const dLeft = left < 0 ? Infinity : Math.abs(index.times[left]! - target)
  if (left < 0 && right < 0) return null
  let pick = dLeft < dRight ? left : right
  if (dLeft === dRight) {
    // Equally close on both sides: document order puts the lower track row first, then the earlier time.
    pick =
      firstTrackAtTime(index, right, trackIndex) < firstTrackAtTime(index, left, trackIndex) ? right : left
  }
  return { distance: Math.min(dLeft, dRight), adjustment: index.times[pick]! - target }
}

/** The shift that snaps the move (`shift` s) onto the closest key within `threshold` s, or 0. */
export function snapAdjustment(
  moved: readonly SnapSource[],
  index: SnapIndex,
  shift: number,
  threshold: number
): number {
  let best = Infinity
  let adjustment = 0
  let at = 0
  for (const { time, trackIndex } of moved) {
    at = lowerBound(index.times, time + shift, at)
    const near = nearestFor(index, time + shift, trackIndex, at)
    if (near && near.distance <= threshold && near.distance < best) {
      best = near.distance
      adjustment = near.adjustment
    }
  }
  return adjustment
}

const indexCache = new WeakMap<AnimationDocument, WeakMap<readonly KeyRef[], SnapIndex>>()

/** `snapIndexOf(stationary())`, kept while `doc` and `refs` (the same arrays during one drag) live. */
export function cachedSnapIndex(
  doc: AnimationDocument,
  refs: readonly KeyRef[],
  stationary: () => readonly SnapSource[]
): SnapIndex {
  let byRefs = indexCache.get(doc)
  if (!byRefs) indexCache.set(doc, (byRefs = new WeakMap()))
  let index = byRefs.get(refs)
  if (!index) byRefs.set(refs, (index = snapIndexOf(stationary())))
  return index
}
