// Stage 1 of speech-like motion: what the voice does on each video frame, from the audio alone (mono PCM
// samples; decoding the file is the caller's job). No model and no network: loudness, voice activity,
// syllable-rate loudness peaks, voice onsets after a pause, and a brightness from the zero-crossing rate.
// It cannot tell phonemes apart: there are no visemes here, only the rhythm and shape of the sound.
//
// Numbers (units as named): syllables come at 4–8 per second in running speech (so peaks are kept at
// least 100 ms apart); a pause that starts a new phrase is 150 ms of silence or more; loudness is RMS in
// dB over a window of two video frames, mapped to 0..1 between the recording's own 10th and 95th
// percentiles, so the level of the recording does not matter.

export interface SpeechFeatures {
  /** Video frames per second the features are sampled at. */
  readonly fps: number
  /** Loudness per frame, 0 (the recording's quiet floor) … 1 (its loud peaks). */
  readonly loudness: Float32Array
  /** 1 where the voice is on (with hysteresis), else 0. */
  readonly voiced: Uint8Array
  /** 0 (dark, rounded: low zero-crossing rate) … 1 (bright, spread, or hissing), per frame. */
  readonly brightness: Float32Array
  /** Frames of syllable-like loudness peaks. */
  readonly peaks: readonly number[]
  /** Frames where the voice starts after a pause (phrase starts). */
  readonly onsets: readonly number[]
  /** Frames where the voice stops before a pause (phrase ends). */
  readonly phraseEnds: readonly number[]
}

const VOICE_ON = 0.3
const VOICE_OFF = 0.15
const MIN_PEAK_GAP_SEC = 0.1
const PEAK_PROMINENCE = 0.15
const PAUSE_SEC = 0.15

function percentile(values: Float32Array, p: number): number {
  const sorted = Float32Array.from(values).sort()
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))] ?? 0
}

/** RMS level (dB) and zero-crossing rate (crossings per sample) over two frames centred on each frame. */
function frameLevels(samples: Float32Array, sampleRate: number, fps: number, frames: number) {
  const db = new Float32Array(frames)
  const zcr = new Float32Array(frames)
  const half = Math.max(1, Math.round(sampleRate / fps))
  for (let f = 0; f < frames; f++) {
    const centre = Math.round((f / fps) * sampleRate)
    const from = Math.max(0, centre - half)
    const to = Math.min(samples.length, centre + half)
    let energy = 0
    let crossings = 0
    for (let i = from; i < to; i++) {
      const s = samples[i]!
      energy += s * s
      if (i > from && s >= 0 !== samples[i - 1]! >= 0) crossings++
    }
    const n = Math.max(1, to - from)
    db[f] = 10 * Math.log10(energy / n + 1e-12)
    zcr[f] = crossings / n
  }
  return { db, zcr }
}

function voiceActivity(loudness: Float32Array): Uint8Array {
  const voiced = new Uint8Array(loudness.length)
  let on = false
  for (let f = 0; f < loudness.length; f++) {
    on = on ? loudness[f]! > VOICE_OFF : loudness[f]! > VOICE_ON
    voiced[f] = on ? 1 : 0
  }
  return voiced
}

/** Local maxima of the loudness that rise PEAK_PROMINENCE over the dip since the last peak. */
function syllablePeaks(loudness: Float32Array, voiced: Uint8Array, fps: number): number[] {
  const gap = Math.max(1, Math.round(MIN_PEAK_GAP_SEC * fps))
  const peaks: number[] = []
  let dip = Infinity
  for (let f = 1; f < loudness.length - 1; f++) {
    const v = loudness[f]!
    dip = Math.min(dip, v)
    const isMax = v >= loudness[f - 1]! && v > loudness[f + 1]!
    if (!isMax || !voiced[f] || v - dip < PEAK_PROMINENCE) continue
    const last = peaks.at(-1)
    if (last !== undefined && f - last < gap) {
      if (v > loudness[last]!) peaks[peaks.length - 1] = f
      continue
    }
    peaks.push(f)
    dip = v
  }
  return peaks
}

function phrases(voiced: Uint8Array, fps: number): { onsets: number[]; phraseEnds: number[] } {
  const pause = Math.max(1, Math.round(PAUSE_SEC * fps))
  const onsets: number[] = []
  const phraseEnds: number[] = []
  let silent = pause
  for (let f = 0; f < voiced.length; f++) {
    if (voiced[f]) {
      if (silent >= pause) onsets.push(f)
      silent = 0
    } else {
      silent++
      if (silent === pause) phraseEnds.push(f - pause)
    }
  }
  return { onsets, phraseEnds }
}

/** The speech features of `samples` (mono, −1..1, at `sampleRate` Hz) on video frames at `fps`. */
export function speechFeatures(samples: Float32Array, sampleRate: number, fps: number): SpeechFeatures {
  if (!(sampleRate > 0) || !(fps > 0)) {
    throw new RangeError(`speechFeatures: sampleRate and fps must be > 0, got ${sampleRate} and ${fps}`)
  }
  const frames = Math.max(0, Math.floor((samples.length / sampleRate) * fps))
  const { db, zcr } = frameLevels(samples, sampleRate, fps, frames)
  const floor = percentile(db, 0.1)
  const top = percentile(db, 0.95)
  const span = Math.max(6, top - floor)
  const loudness = db.map((v) => Math.max(0, Math.min(1, (v - floor) / span)))
  const voiced = voiceActivity(loudness)
  // Brightness: zero crossings per sample, 0.02 (a low vowel at 16 kHz) … 0.25 (a hiss), where voiced.
  const brightness = zcr.map((v, f) => (voiced[f] ? Math.max(0, Math.min(1, (v - 0.02) / 0.23)) : 0))
  return {
    fps,
    loudness,
    voiced,
    brightness,
    peaks: syllablePeaks(loudness, voiced, fps),
    ...phrases(voiced, fps)
  }
}
