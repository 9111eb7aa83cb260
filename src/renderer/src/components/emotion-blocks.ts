// The Generate dialog's emotion timeline: each emotion arc is a block over the range (onset to offset, its apex
// inside), placed by dropping an emotion on the strip, moved and resized by dragging or from the keyboard.
// Pure: document seconds in, arcs out.
import type { EmotionArc, EmotionName, GenerateRange } from '@shared/generate'

/** Where the apex sits in a new block, as a share of its length: a quick rise, a hold, a slower release. */
export const APEX_SHARE = 0.3
/** Shortest block, seconds: an emotion needs time to rise and fall. */
export const MIN_BLOCK_SEC = 0.3
/** Share of the range a dropped block covers, and its shortest length (seconds). */
const DROPPED_SHARE = 0.4
const DROPPED_MIN_SEC = 1

const round = (t: number): number => Math.round(t * 100) / 100

/** An arc from `from` to `to` with its apex APEX_SHARE of the way in. */
export function blockArc(emotion: EmotionName, span: GenerateRange, intensity: number): EmotionArc {
  return {
    emotion,
    onsetSec: round(span.from),
    apexSec: round(span.from + APEX_SHARE * (span.to - span.from)),
    offsetSec: round(span.to),
    intensity
  }
}

/** The block proposed for a whole range: 15 % in from its start to 15 % before its end. */
export function rangeBlock(emotion: EmotionName, range: GenerateRange, intensity: number): EmotionArc {
  const length = range.to - range.from
  return blockArc(emotion, { from: range.from + 0.15 * length, to: range.to - 0.15 * length }, intensity)
}

/** A block dropped at `time`: DROPPED_SHARE of the range (at least a second), centred there, inside the range. */
export function droppedBlock(
  emotion: EmotionName,
  time: number,
  range: GenerateRange,
  intensity: number
): EmotionArc {
  const length = range.to - range.from
  const size = Math.min(length, Math.max(DROPPED_MIN_SEC, DROPPED_SHARE * length))
  const from = Math.min(range.to - size, Math.max(range.from, time - size / 2))
  return blockArc(emotion, { from, to: from + size }, intensity)
}

/** The block moved by `delta` seconds, kept inside the range whole. */
export function movedBlock(arc: EmotionArc, delta: number, range: GenerateRange): EmotionArc {
  const shift = Math.min(range.to - arc.offsetSec, Math.max(range.from - arc.onsetSec, delta))
  return {
    ...arc,
    onsetSec: round(arc.onsetSec + shift),
    apexSec: round(arc.apexSec + shift),
    offsetSec: round(arc.offsetSec + shift)
  }
}

/**
 * The block with its start or end edge at `time` (inside the range, at least MIN_BLOCK_SEC long); the apex keeps
 * its share of the block.
 */
export function resizedBlock(
  arc: EmotionArc,
  edge: 'start' | 'end',
  time: number,
  range: GenerateRange
): EmotionArc {
  const length = arc.offsetSec - arc.onsetSec
  const share = length > 0 ? (arc.apexSec - arc.onsetSec) / length : APEX_SHARE
  const from =
    edge === 'start' ? Math.min(arc.offsetSec - MIN_BLOCK_SEC, Math.max(range.from, time)) : arc.onsetSec
  const to = edge === 'end' ? Math.max(arc.onsetSec + MIN_BLOCK_SEC, Math.min(range.to, time)) : arc.offsetSec
  return { ...arc, onsetSec: round(from), apexSec: round(from + share * (to - from)), offsetSec: round(to) }
}

/**
 * The blocks for a new range: kept where they all fit inside it, else one block over the range with the first
 * block's emotion and intensity (so a dialog opened on another range starts from a sensible block).
 */
export function fitBlocks(arcs: readonly EmotionArc[], range: GenerateRange): EmotionArc[] {
  const fits = (a: EmotionArc) =>
    a.onsetSec >= range.from && a.offsetSec <= range.to && a.onsetSec < a.apexSec && a.apexSec < a.offsetSec
  if (arcs.length > 0 && arcs.every(fits)) return [...arcs]
  const first = arcs[0]
  return [rangeBlock(first?.emotion ?? 'joy', range, first?.intensity ?? 0.8)]
}
