// Stage 2 of generating: the dense channels reduced to keys within an error bound and baked into the
// document over the range, as one pure edit (the studio commits it as one undo step; the CLI saves it).
import { MimesisError } from '../errors/mimesis-error'
import { applyPerformance } from '../performance/apply-performance'
import type { Performance } from '../performance/performance'
import { reducePerformance, type ReductionTolerance } from '../performance/reduce-performance'
import { type AnimationDocument } from '../timeline/animation-document'
import { type KeyIdFactory, trackIdFor } from '../timeline/ids'
import { evaluateTrack } from '../timeline/evaluate-track'
import { seconds } from '../timeline/units'
import { rangeProblem, settingsProblem, type GenerateRange, type GenerateSettings } from './generate-settings'
import {
  generateSeries,
  rangeFrames,
  type EdgeValues,
  type GenerateDirection,
  type SpeechLayer
} from './generate-series'

/**
 * Largest error of the reduced keys against the generated samples, per track kind, in the track's units:
 * expression weights to 0.01 (as driving), head angles to 0.05° (finer than driving's 0.2°, so a 0.4°
 * breathing nod survives). Key values are then rounded to 4 decimals (at most 0.00005 more).
 */
export const GENERATE_TOLERANCE: ReductionTolerance = { expression: 0.01, camera: 0.05 }

export interface GenerateRequest {
  readonly settings: GenerateSettings
  /** Document seconds; snapped to the document's frames. */
  readonly range: GenerateRange
  /** The head's expression directions (for one-sided ranges); tracks of other names are not written. */
  readonly directions: readonly GenerateDirection[]
  /** A voice recording's speech-like motion, layered over idle life and under the emotions. */
  readonly speech?: SpeechLayer
  /** Multipliers of the generated motion by direction (see GenerateSeriesInput.amplitudes). */
  readonly amplitudes?: Readonly<Record<string, number>>
  readonly newKeyId?: KeyIdFactory
}

export interface GenerateOutcome {
  readonly document: AnimationDocument
  /** The reduced keys, on the range's clock (0 = `range.from`). */
  readonly performance: Performance
  /** Keys put into the document. */
  readonly keys: number
  /** Samples before reduction (frames × tracks). */
  readonly samples: number
}

/** Thrown for settings or a range the generator cannot use; the message names the parameter. */
export class GenerateRequestError extends MimesisError {
  constructor(message: string) {
    super('usage', message)
    this.name = 'GenerateRequestError'
  }
}

/**
 * Generates the request's motion and bakes it into `doc` over the range: for every generated track the
 * keys inside the range are replaced (keys outside it, and every other track, stay as they are); the new
 * keys are ordinary linear keys. A track that had keys keeps its values at the range's two ends: the
 * generated motion eases out of them and back (see `GenerateSeriesInput.edgeValues`). Pure: the same document and request give the same key times and values.
 * Throws a GenerateRequestError when `settingsProblem` or `rangeProblem` finds one.
 */
export function generateIntoDocument(doc: AnimationDocument, request: GenerateRequest): GenerateOutcome {
  const { fps, durationSec } = doc.settings
  const problem =
    settingsProblem(request.settings, request.speech !== undefined) ??
    rangeProblem(request.range, durationSec, fps)
  if (problem) throw new GenerateRequestError(problem)
  const present = new Set(doc.tracks.map((track) => track.id))
  const directions = request.directions.filter((d) => present.has(trackIdFor('expression', d.name)))
  const { first, frames } = rangeFrames(request.range, fps)
  const edgeValues = new Map<string, EdgeValues>()
  for (const track of doc.tracks) {
    if (track.keys.length === 0) continue
    edgeValues.set(track.id, {
      start: evaluateTrack(track, seconds(first / fps)),
      end: evaluateTrack(track, seconds((first + frames - 1) / fps))
    })
  }
  const series = generateSeries({
    settings: request.settings,
    range: request.range,
    fps,
    directions,
    edgeValues,
    ...(request.speech ? { speech: request.speech } : {}),
    ...(request.amplitudes ? { amplitudes: request.amplitudes } : {})
  })
  const performance = reducePerformance(series, { tolerance: GENERATE_TOLERANCE })
  const result = applyPerformance(doc, performance, {
    at: seconds(first / fps),
    ...(request.newKeyId ? { newKeyId: request.newKeyId } : {})
  })
  const keys = performance.tracks.reduce((sum, track) => sum + track.keys.length, 0)
  return {
    document: result.document,
    performance,
    keys,
    samples: series.times.length * series.channels.length
  }
}
