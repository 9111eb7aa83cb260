import { describe, expect, it } from 'vitest'
import {
  type AnimationDocument,
  type Interpolation,
  type Keyframe,
  type Track,
  createDocument,
  evaluate,
  keyIndexAtOrBefore,
  seconds
} from '@shared/timeline'
import { JAW, SMILE, YAW, ZOOM, docWith, key } from './doc-builder'

// Segment from (1 s, -0.5) to (3 s, 0.5); probes at 25 %, 50 %, 75 % of the segment.
const PROBES = [1.5, 2, 2.5]
const TABLE: [string, Interpolation, Keyframe['handles'], number[]][] = [
  ['linear', 'linear', undefined, [0.25, 0.5, 0.75]],
  ['hold', 'hold', undefined, [0, 0, 0]],
  // CSS ease-in / ease-out / ease-in-out, reference values from a brute-force bisection.
  ['easeIn', 'easeIn', undefined, [0.093465, 0.315357, 0.621862]],
  ['easeOut', 'easeOut', undefined, [0.378138, 0.684643, 0.906535]],
  ['easeInOut', 'easeInOut', undefined, [0.129162, 0.5, 0.870838]],
  ['bezier, default handles', 'bezier', undefined, [0.15625, 0.5, 0.84375]],
  [
    'bezier, custom handles',
    'bezier',
    { out: { dt: 0.5, dv: 0.5 }, in: { dt: 0.25, dv: 0.2 } },
    [0.286675, 0.631293, 0.94983]
  ]
]

describe('evaluate: one segment per interpolation type', () => {
  it.each(TABLE)('%s', (_name, interpolation, handles, fractions) => {
    const doc = docWith({ [SMILE]: [key('a', 1, -0.5, interpolation, handles), key('b', 3, 0.5)] })
    expect(evaluate(doc, seconds(1)).expression.smile).toBe(-0.5)
    PROBES.forEach((t, i) => {
      expect(evaluate(doc, seconds(t)).expression.smile).toBeCloseTo(-0.5 + fractions[i]!, 5)
    })
    expect(evaluate(doc, seconds(3)).expression.smile).toBe(0.5)
  })

  it('hold jumps exactly at the next key', () => {
    const doc = docWith({ [SMILE]: [key('a', 1, 0.2, 'hold'), key('b', 2, 0.8)] })
    expect(evaluate(doc, seconds(1.9999)).expression.smile).toBe(0.2)
    expect(evaluate(doc, seconds(2)).expression.smile).toBe(0.8)
  })

  it('uses the interpolation of the key that starts each segment', () => {
    const doc = docWith({
      [SMILE]: [key('a', 0, 0, 'hold'), key('b', 1, 1, 'linear'), key('c', 2, 0)]
    })
    expect(evaluate(doc, seconds(0.5)).expression.smile).toBe(0)
    expect(evaluate(doc, seconds(1.5)).expression.smile).toBeCloseTo(0.5, 12)
  })
})

describe('evaluate: defaults, clamping and camera', () => {
  it('gives defaults for tracks without keys', () => {
    const doc = createDocument({ expressionNames: ['smile', 'jawOpen'] })
    expect(evaluate(doc, seconds(1))).toEqual({
      expression: { smile: 0, jawOpen: 0 },
      camera: { yaw: 0, pitch: 0, roll: 0, zoom: 1, panX: 0, panY: 0 }
    })
  })

  it('clamps to the first and last key outside the keyed range', () => {
    const doc = docWith({ [JAW]: [key('a', 2, 0.3), key('b', 4, 0.9)] })
    expect(evaluate(doc, seconds(0)).expression.jawOpen).toBe(0.3)
    expect(evaluate(doc, seconds(-5)).expression.jawOpen).toBe(0.3)
    expect(evaluate(doc, seconds(4)).expression.jawOpen).toBe(0.9)
    expect(evaluate(doc, seconds(100)).expression.jawOpen).toBe(0.9)
  })

  it('a single key holds its value everywhere', () => {
    const doc = docWith({ [ZOOM]: [key('a', 2, 1.5)] })
    for (const t of [0, 2, 9]) expect(evaluate(doc, seconds(t)).camera.zoom).toBe(1.5)
  })

  it('clamps overshooting bezier handles to the track range', () => {
    const doc = docWith({
      [YAW]: [
        key('a', 0, 30, 'bezier', { out: { dt: 0.5, dv: 40 }, in: { dt: 0.5, dv: 0 } }),
        key('b', 1, 30)
      ]
    })
    expect(evaluate(doc, seconds(0.5)).camera.yaw).toBe(35)
  })

  it('keeps expression tracks of unknown names and evaluates camera tracks in degrees', () => {
    const doc = docWith({ [YAW]: [key('a', 0, -20), key('b', 2, 20)] })
    expect(evaluate(doc, seconds(1)).camera.yaw).toBeCloseTo(0, 12)
    expect(Object.keys(evaluate(doc, seconds(1)).expression)).toEqual(['smile', 'jawOpen', 'blinkL'])
  })

  it('rejects a non-finite time with a message naming it', () => {
    expect(() => evaluate(docWith({}), seconds(Number.NaN))).toThrow(/time must be a finite/)
  })
})

describe('keyIndexAtOrBefore', () => {
  const keys = [key('a', 0, 0), key('b', 1, 0), key('c', 2, 0)]
  it.each([
    [-1, -1],
    [0, 0],
    [0.5, 0],
    [1, 1],
    [2, 2],
    [7, 2]
  ])('at %f s -> %i', (t, expected) => {
    expect(keyIndexAtOrBefore(keys, seconds(t))).toBe(expected)
  })
  it('is -1 for no keys', () => expect(keyIndexAtOrBefore([], seconds(1))).toBe(-1))
})

describe('evaluate: cost', () => {
  it('evaluates 30 tracks x 200 keys for 300 frames quickly', () => {
    const names = Array.from({ length: 24 }, (_, i) => `dir${i}`)
    const base = createDocument({ expressionNames: names, settings: { durationSec: seconds(20) } })
    const kinds: Interpolation[] = ['linear', 'hold', 'easeIn', 'easeOut', 'easeInOut', 'bezier']
    const doc: AnimationDocument = {
      ...base,
      tracks: base.tracks.map((t): Track => ({
        ...t,
        keys: Array.from({ length: 200 }, (_, i) => key(`${t.id}-${i}`, i / 10, (i % 7) / 10, kinds[i % 6]))
      }))
    }
    expect(doc.tracks).toHaveLength(30)
    const start = performance.now()
    let sum = 0
    for (let f = 0; f < 300; f++) sum += evaluate(doc, seconds(f / 15)).camera.yaw
    const perFrameMs = (performance.now() - start) / 300
    expect(Number.isFinite(sum)).toBe(true)
    // Generous bound for a shared CI machine; typical is a few microseconds.
    expect(perFrameMs).toBeLessThan(1)
    expect(evaluate(doc, seconds(1)).expression.dir23).toBeDefined()
  })
})
