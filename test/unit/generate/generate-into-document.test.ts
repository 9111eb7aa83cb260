import { describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import {
  DEFAULT_IDLE,
  GENERATE_TOLERANCE,
  GenerateRequestError,
  generateIntoDocument,
  generateSeries,
  type GenerateRequest
} from '@shared/generate'
import {
  createDocument,
  evaluateTrack,
  keyId,
  seconds,
  sequentialKeyIds,
  setKey,
  trackIdFor,
  type AnimationDocument,
  type Track
} from '@shared/timeline'
import { MimesisError } from '@shared/errors/mimesis-error'
import { frozen, key } from '../timeline/doc-builder'

const SMILE = trackIdFor('expression', 'smile')
const JAW = trackIdFor('expression', 'jawOpen')
const YAW = trackIdFor('camera', 'yaw')
const ZOOM = trackIdFor('camera', 'zoom')

/** A 30 fps, 10 s document with the built-in directions; smile keyed before, in and after 2–6 s. */
function baseDoc(): AnimationDocument {
  const doc = createDocument({
    expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
    settings: { fps: 30, durationSec: seconds(10) }
  })
  const keyed: Partial<Record<string, Track['keys']>> = {
    [SMILE]: [key('s0', 1, 0.5), key('s1', 4, -0.5), key('s2', 8, 0.25)],
    [JAW]: [key('j0', 3, 0.7)],
    [ZOOM]: [key('z0', 0, 1.2), key('z1', 5, 1.5)]
  }
  return frozen({ ...doc, tracks: doc.tracks.map((t) => (keyed[t.id] ? { ...t, keys: keyed[t.id]! } : t)) })
}

const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
  settings: { seed: 7, idle: DEFAULT_IDLE, emotions: [] },
  range: { from: 2, to: 6 },
  directions: BUILTIN_EXPRESSION_DIRECTIONS,
  ...overrides
})

const timesAndValues = (doc: AnimationDocument) =>
  doc.tracks.map((t) => ({ id: t.id, keys: t.keys.map((k) => [k.time, k.value, k.interpolation]) }))

describe('generateIntoDocument', () => {
  it('gives the same keys for the same settings and seed, other keys for another seed', () => {
    const a = generateIntoDocument(baseDoc(), request())
    const b = generateIntoDocument(baseDoc(), request())
    expect(timesAndValues(a.document)).toEqual(timesAndValues(b.document))
    const other = generateIntoDocument(baseDoc(), request({ settings: { ...request().settings, seed: 8 } }))
    expect(timesAndValues(other.document)).not.toEqual(timesAndValues(a.document))
  })

  it('replaces keys of the generated tracks inside the range only, and leaves other tracks alone', () => {
    const doc = baseDoc()
    const { document, keys } = generateIntoDocument(doc, request({ newKeyId: sequentialKeyIds('g') }))
    expect(keys).toBeGreaterThan(20)
    const smile = document.tracks.find((t) => t.id === SMILE)!
    // Kept: the keys at 1 s and 8 s; gone: the key at 4 s; new keys lie within 2–6 s.
    expect(smile.keys.filter((k) => !String(k.id).startsWith('g')).map((k) => k.id)).toEqual([
      keyId('s0'),
      keyId('s2')
    ])
    for (const track of document.tracks) {
      for (const k of track.keys.filter((k) => String(k.id).startsWith('g'))) {
        expect(k.time).toBeGreaterThanOrEqual(2)
        expect(k.time).toBeLessThanOrEqual(6)
        expect(k.interpolation).toBe('linear')
      }
    }
    // Tracks idle life does not write keep their very objects.
    for (const id of [JAW, ZOOM, trackIdFor('expression', 'pucker')]) {
      expect(document.tracks.find((t) => t.id === id)).toBe(doc.tracks.find((t) => t.id === id))
    }
    expect(document.settings).toBe(doc.settings)
    // The generated tracks have keys on distinct frames, sorted.
    for (const track of document.tracks) {
      const frames = track.keys.map((k) => Math.round(k.time * 30))
      expect(frames).toEqual([...new Set(frames)].sort((x, y) => x - y))
    }
  })

  it('stays within the reduction bound of the dense generated curves', () => {
    const req = request({ range: { from: 0, to: 10 } })
    const empty = createDocument({
      expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
      settings: { fps: 30, durationSec: seconds(10) }
    })
    const { document, samples } = generateIntoDocument(empty, req)
    const series = generateSeries({ ...req, fps: 30 })
    expect(samples).toBe(series.times.length * series.channels.length)
    for (const channel of series.channels) {
      const track = document.tracks.find((t) => t.id === trackIdFor(channel.kind, channel.name))!
      const bound = GENERATE_TOLERANCE[channel.kind] + 5e-5 + 1e-6
      for (let i = 0; i < series.times.length; i++) {
        const value = evaluateTrack(track, seconds(series.times[i]!))
        expect(Math.abs(value - channel.values[i]!), `${channel.name} at frame ${i}`).toBeLessThanOrEqual(
          bound
        )
      }
    }
  })

  it('joins the curve on either side of the range without a jump', () => {
    let doc = baseDoc()
    doc = setKey(doc, YAW, seconds(1), 10, { newKeyId: () => keyId('y0') }).document
    doc = setKey(doc, YAW, seconds(7), -6, { newKeyId: () => keyId('y1') }).document
    const { document } = generateIntoDocument(doc, request())
    const yaw = document.tracks.find((t) => t.id === YAW)!
    const before = doc.tracks.find((t) => t.id === YAW)!
    const tol = GENERATE_TOLERANCE.camera + 1e-4
    for (const t of [2, 6]) {
      expect(
        Math.abs(evaluateTrack(yaw, seconds(t)) - evaluateTrack(before, seconds(t)))
      ).toBeLessThanOrEqual(tol)
    }
    // Frame to frame across each end, the head moves less than a degree.
    for (const t of [2, 6]) {
      for (const dt of [-1 / 30, 1 / 30]) {
        const step = evaluateTrack(yaw, seconds(t + dt)) - evaluateTrack(yaw, seconds(t))
        expect(Math.abs(step)).toBeLessThan(1)
      }
    }
    // Inside, idle life is its own: around the neutral head, not the old keys.
    expect(Math.abs(evaluateTrack(yaw, seconds(4)))).toBeLessThan(5)
  })

  it('reduces a minute of idle life to a few hundred keys', () => {
    const doc = createDocument({
      expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
      settings: { fps: 30, durationSec: seconds(60) }
    })
    const { keys, samples } = generateIntoDocument(doc, request({ range: { from: 0, to: 60 } }))
    expect(keys).toBeLessThan(samples / 10)
  })

  it('writes an emotion arc alone without idle life', () => {
    const { document } = generateIntoDocument(
      baseDoc(),
      request({
        settings: {
          seed: 1,
          idle: null,
          emotions: [{ emotion: 'surprise', onsetSec: 2.5, apexSec: 3, offsetSec: 5.5, intensity: 1 }]
        }
      })
    )
    const eyes = document.tracks.find((t) => t.id === trackIdFor('expression', 'eyesWide'))!
    expect(evaluateTrack(eyes, seconds(2))).toBe(0)
    expect(evaluateTrack(eyes, seconds(4))).toBeGreaterThan(0.75)
    expect(evaluateTrack(eyes, seconds(6))).toBe(0)
    expect(document.tracks.find((t) => t.id === YAW)!.keys).toHaveLength(0)
  })

  it('scales the generated motion of a direction by this face’s amplitude, and nothing else', () => {
    const surprise = {
      seed: 1,
      idle: null,
      emotions: [{ emotion: 'surprise' as const, onsetSec: 2.5, apexSec: 3, offsetSec: 5.5, intensity: 1 }]
    }
    const full = generateIntoDocument(baseDoc(), request({ settings: surprise })).document
    const small = generateIntoDocument(
      baseDoc(),
      request({ settings: surprise, amplitudes: { jawOpen: 0.6 } })
    ).document
    const at = (doc: AnimationDocument, id: string, t: number) =>
      evaluateTrack(
        doc.tracks.find((track) => track.id === id)!,
        seconds(t)
      )
    const eyes = trackIdFor('expression', 'eyesWide')
    // The jaw's generated opening is 0.6 of the full one (the keyed 0.7 at 3 s is replaced in the range).
    expect(at(full, JAW, 4)).toBeGreaterThan(0.1)
    expect(at(small, JAW, 4)).toBeCloseTo(0.6 * at(full, JAW, 4), 1)
    expect(at(small, eyes, 4)).toBeCloseTo(at(full, eyes, 4), 6)
  })

  it.each([
    [{ range: { from: 6, to: 2 } }, 'range'],
    [{ range: { from: 0, to: 11 } }, 'within the animation'],
    [{ range: { from: 1, to: 1.02 } }, 'too short'],
    [{ settings: { seed: -1, idle: DEFAULT_IDLE, emotions: [] } }, 'seed'],
    [{ settings: { seed: 1, idle: { ...DEFAULT_IDLE, blinkRate: 99 }, emotions: [] } }, 'blinkRate'],
    [{ settings: { seed: 1, idle: null, emotions: [] } }, 'Nothing to generate'],
    [
      {
        settings: {
          seed: 1,
          idle: null,
          emotions: [{ emotion: 'joy' as const, onsetSec: 3, apexSec: 2, offsetSec: 5, intensity: 1 }]
        }
      },
      'onset < apex < offset'
    ]
  ])('refuses %o with a usage error naming the problem', (overrides, words) => {
    const run = () => generateIntoDocument(baseDoc(), request(overrides))
    expect(run).toThrow(GenerateRequestError)
    expect(run).toThrow(words)
    try {
      run()
    } catch (error) {
      expect(error).toBeInstanceOf(MimesisError)
      expect((error as MimesisError).code).toBe('usage')
    }
  })
})
