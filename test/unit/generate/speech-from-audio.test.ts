import { correlationAtLag } from '../../support/correlation'
import { describe, expect, it } from 'vitest'
import { speechFeatures } from '../../../src/shared/generate/speech-features'
import { speechLeadFrames, speechMotionChannels } from '../../../src/shared/generate/speech-motion'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { DEFAULT_IDLE, generateIntoDocument } from '@shared/generate'
import { createDocument, evaluateTrack, seconds, trackIdFor } from '@shared/timeline'

const RATE = 16_000
const FPS = 30

/** Bursts of a `hz` tone, `burstSec` long, one every 1 / `perSec` s from `startSec` to `endSec`, else silence (with faint noise). */
function burstTrain(opts: {
  seconds: number
  startSec: number
  endSec: number
  perSec: number
  burstSec: number
  hz: number
}) {
  const samples = new Float32Array(opts.seconds * RATE)
  let noise = 12345
  const centres: number[] = []
  for (let t = opts.startSec; t + opts.burstSec <= opts.endSec + 1e-9; t += 1 / opts.perSec)
    centres.push(t + opts.burstSec / 2)
  for (let i = 0; i < samples.length; i++) {
    noise = (Math.imul(noise, 1103515245) + 12345) >>> 0
    samples[i] = (noise / 4294967296 - 0.5) * 0.002
  }
  for (const centre of centres) {
    const from = Math.round((centre - opts.burstSec / 2) * RATE)
    const n = Math.round(opts.burstSec * RATE)
    for (let i = 0; i < n; i++) {
      // A raised-cosine envelope: each burst swells and fades like a syllable.
      const env = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n)
      samples[from + i] = samples[from + i]! + 0.5 * env * Math.sin((2 * Math.PI * opts.hz * i) / RATE)
    }
  }
  return { samples, centres }
}

describe('speechFeatures', () => {
  it('finds one syllable peak per burst of a 4 Hz tone-burst train, at its centre', () => {
    const { samples, centres } = burstTrain({
      seconds: 4,
      startSec: 0.5,
      endSec: 2.5,
      perSec: 4,
      burstSec: 0.15,
      hz: 220
    })
    const features = speechFeatures(samples, RATE, FPS)
    expect(features.peaks).toHaveLength(centres.length)
    features.peaks.forEach((frame, i) =>
      expect(Math.abs(frame / FPS - centres[i]!)).toBeLessThanOrEqual(1.5 / FPS)
    )
  })

  it('hears the voice only where there is sound, with a phrase start and end around it', () => {
    const { samples } = burstTrain({ seconds: 4, startSec: 1, endSec: 2, perSec: 5, burstSec: 0.18, hz: 180 })
    const features = speechFeatures(samples, RATE, FPS)
    expect(features.voiced.slice(0, 28).every((v) => v === 0)).toBe(true)
    expect(features.voiced.slice(65).every((v) => v === 0)).toBe(true)
    expect(features.onsets[0]! / FPS).toBeGreaterThan(0.95)
    expect(features.onsets[0]! / FPS).toBeLessThan(1.1)
    expect(features.phraseEnds.at(-1)! / FPS).toBeGreaterThan(1.8)
    expect(features.phraseEnds.at(-1)! / FPS).toBeLessThan(2.05)
  })

  it('calls a high tone brighter than a low one', () => {
    const low = speechFeatures(
      burstTrain({ seconds: 2, startSec: 0.5, endSec: 1.5, perSec: 4, burstSec: 0.2, hz: 200 }).samples,
      RATE,
      FPS
    )
    const high = speechFeatures(
      burstTrain({ seconds: 2, startSec: 0.5, endSec: 1.5, perSec: 4, burstSec: 0.2, hz: 1500 }).samples,
      RATE,
      FPS
    )
    const peakBrightness = (f: ReturnType<typeof speechFeatures>) => f.peaks.map((p) => f.brightness[p]!)
    expect(Math.min(...peakBrightness(high))).toBeGreaterThan(Math.max(...peakBrightness(low)))
  })
})

describe('speechMotionChannels', () => {
  const { samples } = burstTrain({ seconds: 5, startSec: 0.5, endSec: 3, perSec: 5, burstSec: 0.14, hz: 240 })
  const features = speechFeatures(samples, RATE, FPS)
  const channels = speechMotionChannels(features)
  const jaw = channels.get('expression:jawOpen')!
  const lead = speechLeadFrames(FPS)

  it('opens the jaw with the loudness, leading the sound by 1–2 frames (correlation ≥ 0.6 at that lag)', () => {
    expect(lead).toBe(2)
    const correlation = (lag: number) => correlationAtLag(jaw, features.loudness, lag)
    const best = [0, 1, 2, 3].reduce((a, b) => (correlation(b) > correlation(a) ? b : a))
    expect(best).toBe(lead)
    expect(correlation(lead)).toBeGreaterThanOrEqual(0.6)
  })

  it('keeps the mouth still in a pause longer than 300 ms', () => {
    // 3 s … 5 s is silent: from 3.1 s on (after the lead and the last burst) nothing moves.
    for (const id of [
      'expression:jawOpen',
      'expression:pucker',
      'expression:mouthStretch',
      'expression:lipsPress'
    ]) {
      expect(Math.max(...channels.get(id)!.slice(Math.round(3.1 * FPS)))).toBe(0)
    }
    expect(Math.max(...jaw.slice(0, Math.round(0.4 * FPS)))).toBe(0)
  })

  it('presses the lips just before the phrase and nods on the stressed syllables', () => {
    const press = channels.get('expression:lipsPress')!
    const first = features.onsets[0]!
    expect(press[first - lead - 1]).toBeGreaterThan(0)
    expect(Math.max(...channels.get('camera:pitch')!)).toBeGreaterThan(1)
    expect(Math.max(...channels.get('camera:pitch')!)).toBeLessThanOrEqual(1.5)
  })
})

describe('speech in the generator', () => {
  const { samples } = burstTrain({
    seconds: 3,
    startSec: 0.2,
    endSec: 2.2,
    perSec: 5,
    burstSec: 0.14,
    hz: 240
  })
  const features = speechFeatures(samples, RATE, FPS)
  const doc = createDocument({
    expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
    settings: { fps: FPS, durationSec: seconds(8) }
  })
  const jawOf = (d: typeof doc) => d.tracks.find((t) => t.id === trackIdFor('expression', 'jawOpen'))!

  it('keys the mouth where the recording plays on the document clock, alone or over idle life', () => {
    const speech = { features, startSec: 2 }
    const alone = generateIntoDocument(doc, {
      settings: { seed: 1, idle: null, emotions: [] },
      range: { from: 0, to: 8 },
      directions: BUILTIN_EXPRESSION_DIRECTIONS,
      speech
    })
    const jaw = jawOf(alone.document)
    expect(evaluateTrack(jaw, seconds(1.5))).toBe(0)
    const open = Array.from({ length: 60 }, (_, i) => evaluateTrack(jaw, seconds(2.2 + i / FPS)))
    expect(Math.max(...open)).toBeGreaterThan(0.3)
    expect(evaluateTrack(jaw, seconds(6))).toBe(0)
    const layered = generateIntoDocument(doc, {
      settings: { seed: 1, idle: DEFAULT_IDLE, emotions: [] },
      range: { from: 0, to: 8 },
      directions: BUILTIN_EXPRESSION_DIRECTIONS,
      speech
    })
    expect(
      layered.document.tracks.find((t) => t.id === trackIdFor('expression', 'blinkL'))!.keys.length
    ).toBeGreaterThan(0)
    expect(evaluateTrack(jawOf(layered.document), seconds(1.5))).toBe(0)
  })

  it('refuses features at another frame rate', () => {
    expect(() =>
      generateIntoDocument(doc, {
        settings: { seed: 1, idle: null, emotions: [] },
        range: { from: 0, to: 8 },
        directions: BUILTIN_EXPRESSION_DIRECTIONS,
        speech: { features: speechFeatures(samples, RATE, 24), startSec: 0 }
      })
    ).toThrow('24 fps')
  })
})
