// Baking a performance into the document: where the clip ends on the document clock, whether the
// document is too short for it, and the one pure edit that bakes it.
import type { Performance } from '@shared/performance/performance'
import { applyPerformance } from '@shared/performance/apply-performance'
import { MAX_DURATION_SEC, seconds, type AnimationDocument } from '@shared/timeline'

/** Document time where a performance baked at `at` ends (its length, or its last key if later). */
export function clipEnd(performance: Performance, at: number): number {
  const lastKey = Math.max(0, ...performance.tracks.map((track) => track.keys.at(-1)?.time ?? 0))
  return Math.max(0, at) + Math.max(performance.durationSec, lastKey)
}

/** The document's length in seconds if it were lengthened to fit the clip (capped at the maximum). */
export function lengthenedDuration(
  document: AnimationDocument,
  performance: Performance,
  at: number
): number {
  const { fps } = document.settings
  return Math.min(MAX_DURATION_SEC, Math.ceil(clipEnd(performance, at) * fps - 1e-6) / fps)
}

/** True when the clip baked at `at` runs past the document's end and lengthening would help. */
export function needsLengthen(document: AnimationDocument, performance: Performance, at: number): boolean {
  return lengthenedDuration(document, performance, at) > document.settings.durationSec + 1e-9
}

export interface BakeOutcome {
  document: AnimationDocument
  /** Performance tracks the document has no track for. */
  skipped: string[]
  /** Keys the bake put into the document. */
  keys: number
}

/** The bake as one pure edit: keys in the clip's range replaced, at `at`, optionally lengthening. */
export function bakePerformance(
  document: AnimationDocument,
  performance: Performance,
  at: number,
  lengthen: boolean
): BakeOutcome {
  const result = applyPerformance(document, performance, {
    at: seconds(Math.max(0, at)),
    fitDuration: lengthen
  })
  const end = clipEnd(performance, at)
  const fps = result.document.settings.fps
  let keys = 0
  for (const track of result.document.tracks) {
    if (!performance.tracks.some((p) => p.kind === track.kind && p.name === track.name && p.keys.length > 0))
      continue
    keys += track.keys.filter(
      (key) => key.time * fps >= at * fps - 1e-6 && key.time * fps <= end * fps + 1e-6
    ).length
  }
  return { document: result.document, skipped: result.skipped, keys }
}
