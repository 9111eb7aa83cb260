import { type AnimationDocument, type Keyframe, type Track } from '../timeline/animation-document'
import { type KeyIdFactory, type TrackId, newKeyId, trackIdFor } from '../timeline/ids'
import { MAX_DURATION_SEC } from '../timeline/set-settings'
import { clampTrackValue, sortKeys, updateTracks } from '../timeline/track-edits'
import { type Seconds, framesToSeconds, frames, seconds, secondsToFrame } from '../timeline/units'
import { type Performance, type PerformanceTrack } from './performance'

export interface ApplyPerformanceOptions {
  /** Document time of the performance's time 0 (the playhead), seconds; negative counts as 0. */
  readonly at: Seconds
  readonly newKeyId?: KeyIdFactory
  /**
   * Grow the document (and a work area that ends at the old end) so the whole performance fits,
   * up to `MAX_DURATION_SEC`. Otherwise keys past the document's duration are dropped.
   */
  readonly fitDuration?: boolean
}

export interface ApplyPerformanceResult {
  readonly document: AnimationDocument
  /** Names of performance tracks the document has no track for (e.g. another pack's expressions). */
  readonly skipped: string[]
}

// Times within this many frames of a frame boundary count as on it (float error, e.g. 7 / 30).
const FRAME_EPSILON = 1e-6

/**
 * Bakes a performance into the document at `at`, as a pure edit.
 *
 * For each performance track with keys whose (kind, name) track exists in the document:
 * - the track's keys in [at, at + duration] are removed (inclusive, within float error; the
 *   duration is the performance's, or its last key's time if that is later), keys outside stay;
 * - the performance's keys are inserted shifted by `at`, snapped to the document's frames (two
 *   keys on one frame: the later sample wins), clamped to the track's range, as 'linear' keys
 *   with fresh ids; an inserted key also replaces a kept key on the same frame;
 * - keys past the document's duration are dropped, unless `fitDuration` grows the duration first.
 * Tracks the performance does not name, and performance tracks with no keys, are left as they are,
 * so applying the same performance twice at the same place gives the same curves. When no
 * performance track applies, the document is returned unchanged (same object, duration included).
 * Throws a RangeError when `at` is not finite.
 */
export function applyPerformance(
  doc: AnimationDocument,
  perf: Performance,
  options: ApplyPerformanceOptions
): ApplyPerformanceResult {
  if (!Number.isFinite(options.at)) {
    throw new RangeError(`applyPerformance: at must be finite seconds, got ${options.at}`)
  }
  const at = Math.max(0, options.at)
  const makeId = options.newKeyId ?? newKeyId
  const { fps } = doc.settings

  const byTrack = new Map<TrackId, PerformanceTrack>()
  for (const track of perf.tracks) byTrack.set(trackIdFor(track.kind, track.name), track)
  const present = new Set(doc.tracks.map((track) => track.id))
  const skipped = perf.tracks
    .filter((track) => !present.has(trackIdFor(track.kind, track.name)))
    .map((track) => track.name)
  const applies = perf.tracks.some(
    (track) => track.keys.length > 0 && present.has(trackIdFor(track.kind, track.name))
  )
  if (!applies) return { document: doc, skipped }

  const lastKeyTime = Math.max(0, ...perf.tracks.map((track) => track.keys.at(-1)?.time ?? 0))
  const end = at + Math.max(perf.durationSec, lastKeyTime)
  const withDuration = options.fitDuration ? fitDuration(doc, end) : doc
  const duration = withDuration.settings.durationSec
  // Frame-position bounds, compared in frames so float error in key times does not matter.
  const firstReplaced = at * fps - FRAME_EPSILON
  const lastReplaced = end * fps + FRAME_EPSILON
  const lastFrame = duration * fps + FRAME_EPSILON

  const document = updateTracks(withDuration, (track) => {
    const source = byTrack.get(track.id)
    if (!source || source.keys.length === 0) return track
    const incoming = bakeKeys(track, source, at, fps, lastFrame, makeId)
    const kept = track.keys.filter((key) => {
      const position = key.time * fps
      if (position >= firstReplaced && position <= lastReplaced) return false
      return !incoming.has(secondsToFrame(key.time, fps))
    })
    if (kept.length === track.keys.length && incoming.size === 0) return track
    return { ...track, keys: sortKeys([...kept, ...incoming.values()]) }
  })
  return { document, skipped }
}

/** The performance track's keys on the document's frames, by frame index (later samples win). */
function bakeKeys(
  track: Track,
  source: PerformanceTrack,
  at: number,
  fps: number,
  lastFrame: number,
  makeId: KeyIdFactory
): Map<number, Keyframe> {
  const values = new Map<number, number>()
  for (const key of source.keys) {
    const frame = secondsToFrame(seconds(at + key.time), fps)
    if (frame < 0 || frame > lastFrame) continue
    values.set(frame, clampTrackValue(track, key.value))
  }
  const keys = new Map<number, Keyframe>()
  for (const [frame, value] of values) {
    keys.set(frame, {
      id: makeId(),
      time: framesToSeconds(frames(frame), fps),
      value,
      interpolation: 'linear'
    })
  }
  return keys
}

/** The document with its duration grown to cover `end` (whole frames, capped), work area following. */
function fitDuration(doc: AnimationDocument, end: number): AnimationDocument {
  const { fps, durationSec, workArea } = doc.settings
  const needed = framesToSeconds(frames(Math.ceil(end * fps - FRAME_EPSILON)), fps)
  const next = seconds(Math.min(MAX_DURATION_SEC, needed))
  if (next <= durationSec) return doc
  const outAtEnd = Math.abs(workArea.out - durationSec) * fps < FRAME_EPSILON
  return {
    ...doc,
    settings: {
      ...doc.settings,
      durationSec: next,
      workArea: outAtEnd ? { in: workArea.in, out: next } : workArea
    }
  }
}
