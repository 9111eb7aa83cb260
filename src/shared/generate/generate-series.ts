// Stage 1 of generating: the request's dense per-frame channels (idle life and emotion arcs layered
// additively), clamped to each track's range, as a PerformanceSeries on the range's own clock.
import { directionMin } from '../engine/expression-directions'
import type { ExpressionDirectionSpec } from '../engine/pack-manifest'
import type { PerformanceChannel, PerformanceSeries } from '../performance/performance'
import { CAMERA_TRACK_DEFINITIONS, isCameraParam } from '../timeline/track-definitions'
import { addEmotionArc } from './emotion-arc'
import { type GenerateRange, type GenerateSettings } from './generate-settings'
import { idleLifeChannels, type ChannelValues } from './idle-life'
import type { SpeechFeatures } from './speech-features'
import { speechMotionChannels } from './speech-motion'

/** The directions a generator may write: the head's (name, one-sided or not). */
export type GenerateDirection = Pick<ExpressionDirectionSpec, 'name' | 'oneSided'>

export interface GenerateSeriesInput {
  readonly settings: GenerateSettings
  /** Document seconds; both ends snapped to the document's frames. */
  readonly range: GenerateRange
  /** The document's frame rate. */
  readonly fps: number
  /** Expression directions of the head: channels for other names are left out. */
  readonly directions: readonly GenerateDirection[]
  /**
   * The document's values at the range's first and last frame, by track id ('camera:yaw'). A channel
   * with edge values eases from them and back (over the same fade as idle life's motions), so the
   * generated stretch joins the curve on either side of it without a jump.
   */
  readonly edgeValues?: ReadonlyMap<string, EdgeValues>
  /** Speech-like motion from a voice recording, layered over idle life and under the emotion arcs. */
  readonly speech?: SpeechLayer
  /**
   * Multipliers of the generated motion by direction name (this face's reach: a small mouth takes less jaw);
   * 1 where absent. Applied before the stretch joins the keyed values on either side.
   */
  readonly amplitudes?: Readonly<Record<string, number>>
}

/** A voice recording's features, placed on the document clock. */
export interface SpeechLayer {
  /** Sampled at the document's frame rate. */
  readonly features: SpeechFeatures
  /** Document time at which the recording's time 0 plays, seconds. */
  readonly startSec: number
}

/** A track's values at the first and last frame of the range, in its units. */
export interface EdgeValues {
  readonly start: number
  readonly end: number
}

/** Longest fade of the continuous motions at each end of the range, seconds. */
const FADE_SEC = 0.5

/** First frame index and frame count of a range at `fps` (both ends included). */
export function rangeFrames(range: GenerateRange, fps: number): { first: number; frames: number } {
  const first = Math.round(range.from * fps)
  const last = Math.round(range.to * fps)
  return { first, frames: Math.max(0, last - first + 1) }
}

function fadeFor(frames: number, fps: number): (frame: number) => number {
  const lengthSec = (frames - 1) / fps
  const ramp = Math.min(FADE_SEC, lengthSec / 4)
  return (frame) => {
    if (!(ramp > 0)) return 1
    const edge = Math.min(frame, frames - 1 - frame) / fps
    const u = Math.max(0, Math.min(1, edge / ramp))
    return u * u * (3 - 2 * u)
  }
}

/** Adds the speech channels on the frames of the range that the recording covers. */
function addSpeech(
  speech: SpeechLayer,
  first: number,
  frames: number,
  fps: number,
  out: ChannelValues
): void {
  if (Math.abs(speech.features.fps - fps) > 1e-9) {
    throw new RangeError(
      `generateSeries: speech features at ${speech.features.fps} fps for a ${fps} fps document`
    )
  }
  const offset = first - Math.round(speech.startSec * fps)
  for (const [trackId, values] of speechMotionChannels(speech.features)) {
    let target = out.get(trackId)
    if (!target) {
      target = new Float32Array(frames)
      out.set(trackId, target)
    }
    for (let f = 0; f < frames; f++) {
      const a = f + offset
      if (a >= 0 && a < values.length) target[f] = target[f]! + values[a]!
    }
  }
}

/** Adds the edge values, weighted by how far the fade still has to go (1 at the ends, 0 inside). */
function joinEdges(values: Float32Array, edges: EdgeValues, fade: (frame: number) => number): void {
  const half = (values.length - 1) / 2
  for (let frame = 0; frame < values.length; frame++) {
    const weight = 1 - fade(frame)
    if (weight > 0) values[frame] = values[frame]! + weight * (frame <= half ? edges.start : edges.end)
  }
}

function clampChannel(trackId: string, values: Float32Array, oneSided: ReadonlySet<string>): void {
  const [kind, name = ''] = trackId.split(':') as [string, string | undefined]
  const range =
    kind === 'camera' && isCameraParam(name)
      ? CAMERA_TRACK_DEFINITIONS[name].range
      : { min: directionMin({ oneSided: oneSided.has(name) }), max: 1 }
  // `+ 0` turns -0 (a faded-out negative) into 0.
  for (let i = 0; i < values.length; i++) values[i] = Math.max(range.min, Math.min(range.max, values[i]!)) + 0
}

/**
 * The dense channels of a request, one sample per document frame of the range (both ends included),
 * times from 0 at `range.from`. Pure and deterministic: the same input gives the same numbers.
 */
export function generateSeries(input: GenerateSeriesInput): PerformanceSeries {
  const { settings, fps } = input
  const { first, frames } = rangeFrames(input.range, fps)
  const startSec = first / fps
  const fade = fadeFor(frames, fps)
  const channels: ChannelValues = settings.idle
    ? idleLifeChannels({ seed: settings.seed, params: settings.idle, frames, fps, fade })
    : new Map()
  if (input.speech) addSpeech(input.speech, first, frames, fps, channels)
  settings.emotions.forEach((arc, index) =>
    addEmotionArc({ seed: settings.seed, index, arc, startSec, frames, fps }, channels)
  )
  for (const [trackId, values] of channels) {
    const amplitude = input.amplitudes?.[trackId.slice('expression:'.length)]
    if (trackId.startsWith('expression:') && amplitude !== undefined) {
      for (let i = 0; i < values.length; i++) values[i] = values[i]! * amplitude
    }
    const edges = input.edgeValues?.get(trackId)
    if (edges) joinEdges(values, edges, fade)
  }
  const known = new Set(input.directions.map((d) => d.name))
  const oneSided = new Set(input.directions.filter((d) => d.oneSided === true).map((d) => d.name))
  const out: PerformanceChannel[] = []
  for (const [trackId, values] of channels) {
    const [kind, name = ''] = trackId.split(':') as [string, string | undefined]
    if (kind === 'expression' && !known.has(name)) continue
    clampChannel(trackId, values, oneSided)
    out.push({ kind: kind === 'camera' ? 'camera' : 'expression', name, values })
  }
  const times = new Float64Array(frames)
  for (let i = 0; i < frames; i++) times[i] = i / fps
  return {
    sourceName: 'generated',
    fps,
    durationSec: (frames - 1) / fps,
    referenceTimeSec: 0,
    times,
    channels: out,
    gaps: []
  }
}
