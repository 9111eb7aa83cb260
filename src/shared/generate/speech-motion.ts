// Stage 2 of speech-like motion: the speech features turned into mouth, brow and head channels. The mouth
// leads the sound: a jaw opens before the vowel is heard (about 50 ms here, 1–2 frames at video rates).
// Loudness opens the jaw; a dark sound rounds the lips (pucker), a bright one spreads them (mouth
// stretch); the lips press shut just before a phrase starts (as before a plosive); strong syllables get
// a small nod and a brow raise. Nothing moves in a pause: every mouth channel is 0 where the voice is off.
import type { ChannelValues } from './idle-life'
import type { SpeechFeatures } from './speech-features'

/** How far the mouth leads the sound, seconds. */
export const SPEECH_LEAD_SEC = 0.05

/** Mouth lead in frames at `fps`: at least one. */
export const speechLeadFrames = (fps: number): number => Math.max(1, Math.round(SPEECH_LEAD_SEC * fps))

const JAW_GAIN = 0.55
const ROUND_GAIN = 0.35
const SPREAD_GAIN = 0.3
const PRESS_DEPTH = 0.5
const NOD_DEG = 1.5
const BROW_RAISE = 0.2
const STRESS_SHARE = 0.3

/** A smooth bump of `halfFrames` frames each side, peak 1 at 0. */
const bump = (k: number, halfFrames: number): number =>
  Math.abs(k) >= halfFrames ? 0 : 0.5 + 0.5 * Math.cos((Math.PI * k) / halfFrames)

/** Speech-like channels by track id, one value per frame of the features (frame 0 = the audio's start). */
export function speechMotionChannels(features: SpeechFeatures): ChannelValues {
  const { loudness, voiced, brightness, fps } = features
  const frames = loudness.length
  const lead = speechLeadFrames(fps)
  const at = (f: number) => Math.min(frames - 1, f + lead)
  const jaw = new Float32Array(frames)
  const pucker = new Float32Array(frames)
  const stretch = new Float32Array(frames)
  for (let f = 0; f < frames; f++) {
    const s = at(f)
    if (!voiced[s]) continue
    const open = loudness[s]! ** 0.8
    jaw[f] = JAW_GAIN * open
    pucker[f] = ROUND_GAIN * open * (1 - brightness[s]!)
    stretch[f] = SPREAD_GAIN * open * brightness[s]!
  }
  const press = new Float32Array(frames)
  for (const onset of features.onsets) {
    // Closed lips on the two frames before the mouth opens for the phrase.
    for (let f = onset - lead - 2; f < onset - lead; f++) if (f >= 0) press[f] = PRESS_DEPTH
  }
  const pitch = new Float32Array(frames)
  const brows = new Float32Array(frames)
  const strong = strongPeaks(features)
  const half = Math.max(2, Math.round(0.25 * fps))
  for (const peak of strong) {
    for (let k = -half; k <= half; k++) {
      const f = peak - lead + k
      if (f < 0 || f >= frames) continue
      pitch[f] = Math.max(pitch[f]!, NOD_DEG * bump(k, half))
      brows[f] = Math.max(brows[f]!, BROW_RAISE * bump(k, half))
    }
  }
  return new Map([
    ['expression:jawOpen', jaw],
    ['expression:pucker', pucker],
    ['expression:mouthStretch', stretch],
    ['expression:lipsPress', press],
    ['expression:browOuterUp', brows],
    ['camera:pitch', pitch]
  ])
}

/** The loudest STRESS_SHARE of the syllable peaks: the stressed syllables. */
function strongPeaks(features: SpeechFeatures): number[] {
  const sorted = [...features.peaks].sort((a, b) => features.loudness[b]! - features.loudness[a]!)
  return sorted.slice(0, Math.ceil(sorted.length * STRESS_SHARE)).sort((a, b) => a - b)
}
