// What a generator is asked for: the seed, idle life's parameters, the emotion arcs and the range. Plain
// data, shared by the studio's Generate dialog and `mimesis generate`.
import { EMOTION_NAMES, type EmotionName } from './emotion-mixtures'
import { MAX_SEED } from './seeded-random'

/** Idle life: the small motions of a face at rest. */
export interface IdleLifeParams {
  /** 0 = calm (slow, small motions) … 1 = lively (quicker gaze shifts, more head motion and expression). */
  readonly energy: number
  /** Blinks per minute, each closure of a double blink counted. */
  readonly blinkRate: number
  /** Multiplier of the head's drift and breathing nods: 0 = still, 1 = a few degrees, 2 = twice that. */
  readonly headMotion: number
}

/** One emotion: neutral → the emotion → neutral. Times are document seconds, onset < apex < offset. */
export interface EmotionArc {
  readonly emotion: EmotionName
  /** When the face starts to move toward the emotion. */
  readonly onsetSec: number
  /** When it is at full intensity. */
  readonly apexSec: number
  /**
   * When the face is neutral again. The release takes as long as the rise (or all the time after the
   * apex, when that is shorter); the emotion holds at full intensity in between.
   */
  readonly offsetSec: number
  /** 0 … 1: how strong the apex is (1 = the mixture as authored). */
  readonly intensity: number
}

export interface GenerateSettings {
  /** Unsigned 32-bit integer: the same seed and settings give the same keys. */
  readonly seed: number
  /** Idle life, or null for none. */
  readonly idle: IdleLifeParams | null
  /** Emotion arcs, layered additively over idle life (and over each other). */
  readonly emotions: readonly EmotionArc[]
}

/** Document seconds; `from` < `to`. */
export interface GenerateRange {
  readonly from: number
  readonly to: number
}

/** Blinks per minute at rest: Bentivoglio et al. 1997 (Mov Disord 12:1028) measured 17 /min. */
export const DEFAULT_BLINK_RATE = 17

export const DEFAULT_IDLE: IdleLifeParams = { energy: 0.5, blinkRate: DEFAULT_BLINK_RATE, headMotion: 1 }

/** The ranges the studio's sliders and the CLI's options accept. */
export const IDLE_LIMITS = {
  energy: { min: 0, max: 1 },
  blinkRate: { min: 0, max: 60 },
  headMotion: { min: 0, max: 2 }
} as const

export const INTENSITY_LIMITS = { min: 0, max: 1 } as const

/** Shortest range a generator writes, in frames of the document (a blink needs a few). */
export const MIN_RANGE_FRAMES = 2

const within = (value: number, limits: { min: number; max: number }): boolean =>
  Number.isFinite(value) && value >= limits.min && value <= limits.max

/** An arc over the range [from, to] with the usual proportions: a quick rise, a hold, a slower release. */
export function defaultEmotionArc(emotion: EmotionName, range: GenerateRange, intensity = 1): EmotionArc {
  const length = range.to - range.from
  return {
    emotion,
    onsetSec: range.from + 0.15 * length,
    apexSec: range.from + 0.3 * length,
    offsetSec: range.from + 0.85 * length,
    intensity
  }
}

/** What is wrong with the settings, in words for people (naming the parameter), or null when they are fine. */
export function settingsProblem(settings: GenerateSettings, hasSpeech = false): string | null {
  const { seed, idle, emotions } = settings
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    return `The seed must be a whole number from 0 to ${MAX_SEED}, got ${seed}.`
  }
  if (idle) {
    for (const name of ['energy', 'blinkRate', 'headMotion'] as const) {
      const limits = IDLE_LIMITS[name]
      if (!within(idle[name], limits)) {
        return `Idle life's ${name} must be from ${limits.min} to ${limits.max}, got ${idle[name]}.`
      }
    }
  }
  for (const arc of emotions) {
    if (!(EMOTION_NAMES as readonly string[]).includes(arc.emotion)) {
      return `Unknown emotion '${String(arc.emotion)}': use one of ${EMOTION_NAMES.join(', ')}.`
    }
    if (!within(arc.intensity, INTENSITY_LIMITS)) {
      return `The intensity of ${arc.emotion} must be from 0 to 1, got ${arc.intensity}.`
    }
    const { onsetSec, apexSec, offsetSec } = arc
    if (
      ![onsetSec, apexSec, offsetSec].every(Number.isFinite) ||
      !(onsetSec < apexSec && apexSec < offsetSec)
    ) {
      return `The times of ${arc.emotion} must run onset < apex < offset, got ${onsetSec}, ${apexSec}, ${offsetSec} s.`
    }
  }
  if (!idle && emotions.length === 0 && !hasSpeech) {
    return 'Nothing to generate: choose idle life, an emotion or a voice recording.'
  }
  return null
}

/** What is wrong with the range for a document of `durationSec` at `fps`, or null. */
export function rangeProblem(range: GenerateRange, durationSec: number, fps: number): string | null {
  const { from, to } = range
  if (!Number.isFinite(from) || !Number.isFinite(to) || from < 0 || to > durationSec + 1e-9) {
    return `The range must lie within the animation (0 to ${durationSec} s), got ${from} to ${to} s.`
  }
  if ((to - from) * fps < MIN_RANGE_FRAMES - 1e-6) {
    return `The range ${from} to ${to} s is too short: it needs at least ${MIN_RANGE_FRAMES} frames at ${fps} fps.`
  }
  return null
}
