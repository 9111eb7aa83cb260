import { describe, expect, it } from 'vitest'
import { type Performance, type PerformanceKey, applyPerformance } from '@shared/performance'
import {
  type AnimationDocument,
  type TrackId,
  MAX_DURATION_SEC,
  evaluateTrack,
  seconds,
  sequentialKeyIds,
  trackIdFor
} from '@shared/timeline'
import { BLINK, JAW, SMILE, YAW, docWith, frozen, key, trackKeys } from '../timeline/doc-builder'
import { seededRandom } from '../timeline/seeded-random'
import { performanceOf } from './series-builder'

const PITCH = trackIdFor('camera', 'pitch')

function keys(...pairs: [number, number][]): PerformanceKey[] {
  return pairs.map(([time, value]) => ({ time, value }))
}

function timesAndValues(doc: AnimationDocument, id: TrackId): [number, number][] {
  return trackKeys(doc, id).map((k) => [k.time, k.value])
}

function findTrack(doc: AnimationDocument, id: TrackId): AnimationDocument['tracks'][number] {
  return doc.tracks.find((t) => t.id === id)!
}

describe('applyPerformance', () => {
  const base = frozen(
    docWith({
      [SMILE]: [
        key('s0', 0, 0.1),
        key('s1', 1, 0.2),
        key('s2', 2, 0.3, 'hold'),
        key('s3', 3, 0.4),
        key('s4', 6, 0.5)
      ],
      [JAW]: [key('j0', 2, 0.7)],
      [YAW]: [key('y0', 0.9, 5), key('y1', 3 + 1 / 30, 6)]
    })
  )
  const perf: Performance = performanceOf(2, [
    { kind: 'expression', name: 'smile', keys: keys([0, 0.9], [1, -0.5], [59 / 30, 0.7]) },
    { kind: 'camera', name: 'yaw', keys: keys([0, 10], [0.5, -12]) }
  ])

  it('replaces the keys in [at, at + duration] and keeps the keys outside', () => {
    const { document, skipped } = applyPerformance(base, perf, {
      at: seconds(1),
      newKeyId: sequentialKeyIds('p')
    })
    expect(skipped).toEqual([])
    expect(timesAndValues(document, SMILE)).toEqual([
      [0, 0.1],
      [1, 0.9],
      [2, -0.5],
      [2 + 29 / 30, 0.7],
      [6, 0.5]
    ])
    // The keys just outside the range (a frame before it, a frame after it) stay.
    expect(timesAndValues(document, YAW)).toEqual([
      [0.9, 5],
      [1, 10],
      [1.5, -12],
      [3 + 1 / 30, 6]
    ])
    expect(trackKeys(document, SMILE).map((k) => k.id)).toEqual(['s0', 'p1', 'p2', 'p3', 's4'])
    for (const k of [...trackKeys(document, SMILE), ...trackKeys(document, YAW)]) {
      if (k.id.startsWith('p')) expect(k.interpolation).toBe('linear')
    }
  })

  it('leaves the tracks the performance does not name untouched (same objects)', () => {
    const { document } = applyPerformance(base, perf, { at: seconds(1) })
    for (const id of [JAW, BLINK, PITCH]) expect(findTrack(document, id)).toBe(findTrack(base, id))
    expect(document.settings).toBe(base.settings)
  })

  it('clamps values to the track range', () => {
    const wild = performanceOf(1, [
      { kind: 'expression', name: 'jawOpen', keys: keys([0, 1.7], [0.5, -3]) },
      { kind: 'camera', name: 'yaw', keys: keys([0, 50], [0.5, -90]) },
      { kind: 'camera', name: 'pitch', keys: keys([0, 30]) }
    ])
    const { document } = applyPerformance(base, wild, { at: seconds(4) })
    expect(timesAndValues(document, JAW)).toEqual([
      [2, 0.7],
      [4, 1],
      [4.5, -1]
    ])
    expect(timesAndValues(document, YAW).slice(-2)).toEqual([
      [4, 35],
      [4.5, -35]
    ])
    expect(timesAndValues(document, PITCH)).toEqual([[4, 25]])
  })

  it('snaps to the document frames; two keys on one frame keep the later sample', () => {
    const odd = performanceOf(1, [
      {
        kind: 'expression',
        name: 'blinkL',
        keys: keys([0.004, 0.1], [0.012, 0.2], [0.1, 0.3], [1 / 24, 0.4])
      }
    ])
    const { document } = applyPerformance(base, odd, { at: seconds(1.001) })
    const times = trackKeys(document, BLINK).map((k) => k.time * 30)
    for (const f of times) expect(f).toBeCloseTo(Math.round(f), 9)
    expect(timesAndValues(document, BLINK)).toEqual([
      [1, 0.2],
      [31 / 30, 0.4],
      [1.1, 0.3]
    ])
  })

  it('lets an inserted key replace a kept key on the same frame', () => {
    // at = 1.01 s: the range starts after the key at 1 s, but the first key snaps onto its frame.
    const { document } = applyPerformance(base, perf, { at: seconds(1.01) })
    const smile = trackKeys(document, SMILE)
    expect(smile.filter((k) => Math.round(k.time * 30) === 30)).toHaveLength(1)
    expect(smile.find((k) => Math.round(k.time * 30) === 30)!.value).toBe(0.9)
  })

  it('drops keys past the duration unless fitDuration grows it (and the work area that ended there)', () => {
    const long = performanceOf(4, [
      { kind: 'expression', name: 'smile', keys: keys([0, 0.1], [2, 0.2], [3, 0.3], [4, 0.4]) }
    ])
    const clipped = applyPerformance(base, long, { at: seconds(7) }).document
    expect(clipped.settings).toBe(base.settings)
    // 7 + 3 s lands on the last instant (10 s, kept); 7 + 4 s is past it (dropped).
    expect(timesAndValues(clipped, SMILE).slice(-4)).toEqual([
      [6, 0.5],
      [7, 0.1],
      [9, 0.2],
      [10, 0.3]
    ])

    const fitted = applyPerformance(base, long, { at: seconds(7), fitDuration: true }).document
    expect(fitted.settings.durationSec).toBe(11)
    expect(fitted.settings.workArea).toEqual({ in: 0, out: 11 })
    expect(timesAndValues(fitted, SMILE).slice(-2)).toEqual([
      [10, 0.3],
      [11, 0.4]
    ])

    const narrow = { ...base, settings: { ...base.settings, workArea: { in: seconds(1), out: seconds(4) } } }
    const kept = applyPerformance(narrow, long, { at: seconds(7), fitDuration: true }).document
    expect(kept.settings.durationSec).toBe(11)
    expect(kept.settings.workArea).toEqual({ in: 1, out: 4 })

    // A performance that fits already leaves the settings alone.
    expect(applyPerformance(base, perf, { at: seconds(0), fitDuration: true }).document.settings).toBe(
      base.settings
    )
  })

  it('rounds a fitted duration up to a whole frame and caps it at MAX_DURATION_SEC', () => {
    const odd = performanceOf(1.01, [
      { kind: 'expression', name: 'smile', keys: keys([0, 0.1], [1.01, 0.2]) }
    ])
    const fitted = applyPerformance(base, odd, { at: seconds(9.5), fitDuration: true }).document
    // 9.5 + 1.01 s = frame 315.3: the duration becomes 316 frames; the last key snaps to frame 315.
    expect(fitted.settings.durationSec * 30).toBeCloseTo(316, 9)
    expect(trackKeys(fitted, SMILE).at(-1)!.time * 30).toBeCloseTo(315, 9)

    const huge = performanceOf(20, [
      { kind: 'expression', name: 'smile', keys: keys([0, 0.1], [10, 0.2], [20, 0.3]) }
    ])
    const capped = applyPerformance(base, huge, {
      at: seconds(MAX_DURATION_SEC - 10),
      fitDuration: true
    }).document
    expect(capped.settings.durationSec).toBe(MAX_DURATION_SEC)
    expect(timesAndValues(capped, SMILE).slice(-2)).toEqual([
      [MAX_DURATION_SEC - 10, 0.1],
      [MAX_DURATION_SEC, 0.2]
    ])
  })

  it('ignores performance tracks the document lacks and reports their names', () => {
    const foreign = performanceOf(1, [
      { kind: 'expression', name: 'tongueOut', keys: keys([0, 0.5]) },
      { kind: 'expression', name: 'yaw', keys: keys([0, 0.5]) }
    ])
    const result = applyPerformance(base, foreign, { at: seconds(9), fitDuration: true })
    expect(result.skipped).toEqual(['tongueOut', 'yaw'])
    expect(result.document).toBe(base)
    const mixed = applyPerformance(
      base,
      { ...perf, tracks: [...perf.tracks, ...foreign.tracks] },
      { at: seconds(0) }
    )
    expect(mixed.skipped).toEqual(['tongueOut', 'yaw'])
    expect(trackKeys(mixed.document, SMILE)[0]!.value).toBe(0.9)
  })

  it('leaves a track alone when its performance track has no keys', () => {
    const empty = performanceOf(5, [{ kind: 'expression', name: 'smile', keys: [] }])
    expect(applyPerformance(base, empty, { at: seconds(0) }).document).toBe(base)
  })

  it('gives the same curves when the same performance is applied twice at the same place', () => {
    const rnd = seededRandom(21)
    for (let run = 0; run < 20; run++) {
      const duration = rnd.between(0.5, 4)
      const samples = Math.floor(duration * 30)
      const random = performanceOf(duration, [
        {
          kind: 'expression',
          name: 'smile',
          keys: keys(
            ...Array.from({ length: samples }, (_, i): [number, number] => [i / 30, rnd.between(-1.2, 1.2)])
          )
        },
        {
          kind: 'camera',
          name: 'yaw',
          keys: keys([0, rnd.between(-40, 40)], [duration, rnd.between(-40, 40)])
        }
      ])
      const at = seconds(rnd.pick([0, 1, 2.5, rnd.between(0, 8)]))
      const once = applyPerformance(base, random, { at }).document
      const twice = applyPerformance(once, random, { at }).document
      for (const id of [SMILE, YAW, JAW]) {
        expect(timesAndValues(twice, id)).toEqual(timesAndValues(once, id))
        const curve = (doc: AnimationDocument): number[] =>
          Array.from({ length: 301 }, (_, f) => evaluateTrack(findTrack(doc, id), seconds(f / 30)))
        expect(curve(twice)).toEqual(curve(once))
      }
      const ids = twice.tracks.flatMap((t) => t.keys.map((k) => k.id))
      expect(new Set(ids).size).toBe(ids.length)
    }
  })

  it('follows the performance between its keys once applied', () => {
    const ramp = performanceOf(2, [
      { kind: 'expression', name: 'jawOpen', keys: keys([0, 0], [1, 0.8], [2, 0.2]) }
    ])
    const { document } = applyPerformance(base, ramp, { at: seconds(3) })
    const jaw = findTrack(document, JAW)
    expect(evaluateTrack(jaw, seconds(3.5))).toBeCloseTo(0.4, 9)
    expect(evaluateTrack(jaw, seconds(4.5))).toBeCloseTo(0.5, 9)
  })

  it('treats a negative start as 0 and refuses a non-finite one', () => {
    const shifted = applyPerformance(base, perf, { at: seconds(-3) }).document
    expect(timesAndValues(shifted, SMILE)[0]).toEqual([0, 0.9])
    expect(() => applyPerformance(base, perf, { at: seconds(NaN) })).toThrow(RangeError)
  })
})
