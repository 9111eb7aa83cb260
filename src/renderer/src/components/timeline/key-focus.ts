// The keyboard's way through the key lanes (pure): which key has focus after an arrow key, where focus
// starts, and what a screen reader hears about the focused key. A canvas has no elements to focus, so the
// lanes keep one focused key (a KeyRef) and announce it.
import type { Interpolation, KeyRef, Track } from '@shared/timeline'
import { firstKeyAtOrAfter } from './timeline-geometry'

/** Arrow keys, Home and End: along the focused key's track, or to the nearest key of the next track up or down. */
export type FocusMove = 'previous' | 'next' | 'first' | 'last' | 'up' | 'down'

export const FOCUS_MOVE_OF_KEY: Readonly<Record<string, FocusMove>> = {
  ArrowLeft: 'previous',
  ArrowRight: 'next',
  Home: 'first',
  End: 'last',
  ArrowUp: 'up',
  ArrowDown: 'down'
}

/** The key of `track` nearest to `time` (s); the later one on a tie. */
export function nearestKey(track: Track, time: number): KeyRef | null {
  if (track.keys.length === 0) return null
  const after = Math.min(firstKeyAtOrAfter(track.keys, time), track.keys.length - 1)
  const before = Math.max(0, after - 1)
  const pick =
    Math.abs(track.keys[before]!.time - time) < Math.abs(track.keys[after]!.time - time) ? before : after
  return { trackId: track.id, keyId: track.keys[pick]!.id }
}

/** Where focus is: the row, and the key's index and time; a key that has gone is looked for by its time. */
function locate(
  rows: readonly Track[],
  focus: KeyRef,
  time: number
): { row: number; index: number; time: number } | null {
  const row = rows.findIndex((t) => t.id === focus.trackId)
  const track = rows[row]
  if (!track || track.keys.length === 0) return null
  const index = track.keys.findIndex((k) => k.id === focus.keyId)
  if (index >= 0) return { row, index, time: track.keys[index]!.time }
  const near = nearestKey(track, time)!
  return { row, index: track.keys.findIndex((k) => k.id === near.keyId), time }
}

/**
 * The key focus moves to from `focus` (whose time was `time` s, in case it has gone since). Up and down
 * skip tracks without keys; null when there is nowhere to go (focus then stays).
 */
export function moveFocus(
  rows: readonly Track[],
  focus: KeyRef,
  time: number,
  move: FocusMove
): KeyRef | null {
  const at = locate(rows, focus, time)
  if (!at) return null
  const track = rows[at.row]!
  const pick = (index: number) => ({ trackId: track.id, keyId: track.keys[index]!.id })
  if (move === 'first') return pick(0)
  if (move === 'last') return pick(track.keys.length - 1)
  if (move === 'previous') return at.index > 0 ? pick(at.index - 1) : pick(0)
  if (move === 'next') return pick(Math.min(at.index + 1, track.keys.length - 1))
  const step = move === 'up' ? -1 : 1
  for (let row = at.row + step; row >= 0 && row < rows.length; row += step) {
    const near = nearestKey(rows[row]!, at.time)
    if (near) return near
  }
  return null
}

/** Where focus starts: the first selected key that exists, else the key nearest the playhead on the first keyed track. */
export function initialFocus(
  rows: readonly Track[],
  selected: readonly KeyRef[],
  playhead: number
): KeyRef | null {
  for (const ref of selected) {
    const track = rows.find((t) => t.id === ref.trackId)
    if (track?.keys.some((k) => k.id === ref.keyId)) return ref
  }
  for (const track of rows) {
    const near = nearestKey(track, playhead)
    if (near) return near
  }
  return null
}

/** The focused key in words: "Smile, key 2 of 3: 2.00 s, value 0.60, Linear, selected". */
export function describeKey(
  rows: readonly Track[],
  focus: KeyRef,
  labels: {
    readonly track: (track: Track) => string
    readonly interpolation: (interpolation: Interpolation) => string
  },
  selected: boolean
): string {
  const track = rows.find((t) => t.id === focus.trackId)
  const index = track?.keys.findIndex((k) => k.id === focus.keyId) ?? -1
  const key = track?.keys[index]
  if (!track || !key) return 'No key'
  const where = `${labels.track(track)}, key ${index + 1} of ${track.keys.length}`
  const what = `${key.time.toFixed(2)} s, value ${key.value.toFixed(2)}, ${labels.interpolation(key.interpolation)}`
  return `${where}: ${what}${selected ? ', selected' : ''}`
}
