// An emotion arc on the frames: the mixture × intensity × an envelope that rises from the onset to the
// apex, holds, and releases back to neutral by the offset, with a slight living wobble while it is on.
import { type EmotionArc } from './generate-settings'
import { EMOTION_MIXTURES } from './emotion-mixtures'
import { streamRandom } from './seeded-random'
import { smoothNoise } from './smooth-noise'
import { type ChannelValues } from './idle-life'

/** Smootherstep (Perlin): 0 → 1 with zero slope and curvature at both ends. */
const smootherstep = (u: number): number => {
  const x = Math.max(0, Math.min(1, u))
  return x * x * x * (x * (6 * x - 15) + 10)
}

/** The arc's envelope (0 … 1) at document time `t`, seconds. */
export function emotionEnvelope(arc: EmotionArc, t: number): number {
  const rise = arc.apexSec - arc.onsetSec
  const release = Math.min(rise, arc.offsetSec - arc.apexSec)
  const releaseStart = arc.offsetSec - release
  if (t <= arc.onsetSec || t >= arc.offsetSec) return 0
  if (t < arc.apexSec) return smootherstep((t - arc.onsetSec) / rise)
  if (t <= releaseStart) return 1
  return 1 - smootherstep((t - releaseStart) / release)
}

export interface EmotionInput {
  readonly seed: number
  /** The arc's place among the request's arcs (its PRNG stream). */
  readonly index: number
  readonly arc: EmotionArc
  /** Document time of frame 0, seconds. */
  readonly startSec: number
  readonly frames: number
  readonly fps: number
}

/** Adds the arc's channels (by track id) into `out`, creating the channels it needs. */
export function addEmotionArc(input: EmotionInput, out: ChannelValues): void {
  const { arc, frames, fps, startSec } = input
  const mixture = EMOTION_MIXTURES[arc.emotion]
  // ±6 % of the intensity, 0.1–0.5 Hz: a held expression is never perfectly still.
  const wobble = smoothNoise(streamRandom(input.seed, `emotion:${input.index}:${arc.emotion}`), {
    minHz: 0.1,
    maxHz: 0.5,
    amplitude: 0.06
  })
  const gains = new Float32Array(frames)
  for (let frame = 0; frame < frames; frame++) {
    const t = startSec + frame / fps
    gains[frame] = arc.intensity * emotionEnvelope(arc, t) * (1 + wobble.at(t))
  }
  const add = (trackId: string, weight: number) => {
    let values = out.get(trackId)
    if (!values) {
      values = new Float32Array(frames)
      out.set(trackId, values)
    }
    for (let frame = 0; frame < frames; frame++) values[frame] = values[frame]! + weight * gains[frame]!
  }
  for (const [name, weight] of Object.entries(mixture.expression)) add(`expression:${name}`, weight)
  for (const [name, degrees] of Object.entries(mixture.head)) add(`camera:${name}`, degrees)
}
