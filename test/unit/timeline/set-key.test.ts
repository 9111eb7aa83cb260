import { describe, expect, it } from 'vitest'
import {
  addKey,
  evaluate,
  seconds,
  sequentialKeyIds,
  setKey,
  setKeyValues,
  trackIdFor
} from '@shared/timeline'
import { SMILE, YAW, docWith, frozen, key, trackKeys } from './doc-builder'

describe('setKey / addKey', () => {
  it('inserts a key snapped to the nearest frame, keeping keys sorted, without mutating the input', () => {
    const doc = frozen(docWith({ [SMILE]: [key('a', 0, 0), key('b', 2, 1)] }))
    const { document, key: ref } = setKey(doc, SMILE, seconds(1.01), 0.5, { newKeyId: sequentialKeyIds('n') })
    expect(ref).toEqual({ trackId: SMILE, keyId: 'n1' })
    expect(trackKeys(document, SMILE).map((k) => [k.id, k.time, k.value])).toEqual([
      ['a', 0, 0],
      ['n1', 1, 0.5],
      ['b', 2, 1]
    ])
    expect(trackKeys(doc, SMILE)).toHaveLength(2)
  })

  it('replaces the value of a key on the same frame and keeps its id and interpolation', () => {
    const doc = docWith({ [SMILE]: [key('a', 1, 0.2, 'easeIn')] })
    const { document, key: ref } = addKey(doc, SMILE, seconds(1 + 0.4 / 30), 0.7)
    expect(ref.keyId).toBe('a')
    expect(trackKeys(document, SMILE)).toEqual([key('a', 1, 0.7, 'easeIn')])
  })

  it('sets the interpolation of new and existing keys when asked', () => {
    const doc = docWith({ [SMILE]: [key('a', 1, 0.2)] })
    expect(
      trackKeys(setKey(doc, SMILE, seconds(1), 0.2, { interpolation: 'hold' }).document, SMILE)[0]!
        .interpolation
    ).toBe('hold')
    const created = setKey(doc, SMILE, seconds(3), 0.1, { interpolation: 'bezier' })
    expect(trackKeys(created.document, SMILE)[1]!.interpolation).toBe('bezier')
  })

  it('returns the same document when nothing changes', () => {
    const doc = docWith({ [SMILE]: [key('a', 1, 0.2)] })
    expect(setKey(doc, SMILE, seconds(1), 0.2).document).toBe(doc)
  })

  it('clamps values to the track range and times to >= 0', () => {
    const doc = docWith({})
    const result = setKey(doc, YAW, seconds(-3), 90)
    expect(trackKeys(result.document, YAW)[0]).toMatchObject({ time: 0, value: 35 })
    expect(evaluate(result.document, seconds(1)).camera.yaw).toBe(35)
  })

  it('throws for an unknown track or non-finite input', () => {
    expect(() => setKey(docWith({}), trackIdFor('expression', 'nope'), seconds(0), 0)).toThrow(/no track/)
    expect(() => setKey(docWith({}), SMILE, seconds(Number.NaN), 0)).toThrow(/time/)
    expect(() => setKey(docWith({}), SMILE, seconds(0), Number.POSITIVE_INFINITY)).toThrow(/value/)
  })
})

describe('setKeyValues', () => {
  it('changes values of several keys, clamped, leaving times alone', () => {
    const doc = frozen(docWith({ [SMILE]: [key('a', 0, 0), key('b', 1, 0)], [YAW]: [key('y', 0, 0)] }))
    const next = setKeyValues(doc, [
      { ref: { trackId: SMILE, keyId: key('b', 0, 0).id }, value: 5 },
      { ref: { trackId: YAW, keyId: key('y', 0, 0).id }, value: -10 }
    ])
    expect(trackKeys(next, SMILE).map((k) => k.value)).toEqual([0, 1])
    expect(trackKeys(next, YAW)[0]!.value).toBe(-10)
    expect(setKeyValues(doc, [])).toBe(doc)
  })
})
