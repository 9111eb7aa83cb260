import { describe, expect, it } from 'vitest'
import { type KeyRef, keyId, moveKeys, moveShift, seconds } from '@shared/timeline'
import { JAW, SMILE, docWith, frozen, key, trackKeys } from './doc-builder'

const ref = (trackId: KeyRef['trackId'], id: string): KeyRef => ({ trackId, keyId: keyId(id) })
const times = (keys: readonly { time: number }[]): number[] => keys.map((k) => Math.round(k.time * 30))

describe('moveKeys', () => {
  it('moves selected keys by a delta snapped to frames, without mutating the input', () => {
    const doc = frozen(docWith({ [SMILE]: [key('a', 0, 0), key('b', 1, 1), key('c', 2, 0)] }))
    const next = moveKeys(doc, [ref(SMILE, 'b')], seconds(0.51))
    expect(trackKeys(next, SMILE).map((k) => k.id)).toEqual(['a', 'b', 'c'])
    expect(times(trackKeys(next, SMILE))).toEqual([0, 45, 60])
    expect(times(trackKeys(doc, SMILE))).toEqual([0, 30, 60])
  })

  it('reorders keys that pass each other', () => {
    const doc = docWith({ [SMILE]: [key('a', 0, 0), key('b', 1, 1), key('c', 2, 0)] })
    const next = moveKeys(doc, [ref(SMILE, 'a')], seconds(1.5))
    expect(trackKeys(next, SMILE).map((k) => k.id)).toEqual(['b', 'a', 'c'])
  })

  it('merge rule: a moved key replaces an unselected key on the frame it lands on', () => {
    const doc = docWith({ [SMILE]: [key('a', 0, 0.1), key('b', 1, 1), key('c', 2, 0.3)] })
    const next = moveKeys(doc, [ref(SMILE, 'a')], seconds(1 + 0.2 / 30))
    expect(trackKeys(next, SMILE).map((k) => [k.id, k.value])).toEqual([
      ['a', 0.1],
      ['c', 0.3]
    ])
  })

  it('moves a block of keys on several tracks together; the block keeps its spacing', () => {
    const doc = docWith({ [SMILE]: [key('a', 1, 0), key('b', 2, 1)], [JAW]: [key('j', 1.5, 0.5)] })
    const next = moveKeys(doc, [ref(SMILE, 'a'), ref(SMILE, 'b'), ref(JAW, 'j')], seconds(1))
    expect(times(trackKeys(next, SMILE))).toEqual([60, 90])
    expect(times(trackKeys(next, JAW))).toEqual([75])
  })

  it('merge rule among moved keys off the frame grid: the one closer to the frame wins', () => {
    // At 30 fps after an fps change, keys 1/60 s apart round to the same frame.
    const doc = docWith({ [SMILE]: [key('a', 1, 0.1), key('b', 1 + 1 / 90, 0.2)] })
    const next = moveKeys(doc, [ref(SMILE, 'a'), ref(SMILE, 'b')], seconds(0))
    expect(trackKeys(next, SMILE).map((k) => k.id)).toEqual(['a'])
  })

  it('never moves keys before 0 s', () => {
    const doc = docWith({ [SMILE]: [key('a', 0.5, 0), key('b', 1, 1)] })
    const next = moveKeys(doc, [ref(SMILE, 'a'), ref(SMILE, 'b')], seconds(-3))
    expect(times(trackKeys(next, SMILE))).toEqual([0, 15])
  })

  it('snaps to other keys times within the threshold, on any track', () => {
    const doc = docWith({ [SMILE]: [key('a', 0, 0)], [JAW]: [key('j', 1, 0.5)] })
    const snapped = moveKeys(doc, [ref(SMILE, 'a')], seconds(0.95), { snapToKeysWithin: seconds(0.1) })
    expect(times(trackKeys(snapped, SMILE))).toEqual([30])
    const notSnapped = moveKeys(doc, [ref(SMILE, 'a')], seconds(0.8), { snapToKeysWithin: seconds(0.1) })
    expect(times(trackKeys(notSnapped, SMILE))).toEqual([24])
  })

  it('does not snap onto keys of the same track (that would merge them away)', () => {
    const doc = docWith({ [SMILE]: [key('a', 0, 0), key('b', 1, 1)] })
    const next = moveKeys(doc, [ref(SMILE, 'a')], seconds(0.95), { snapToKeysWithin: seconds(0.1) })
    expect(trackKeys(next, SMILE).map((k) => [k.id, Math.round(k.time * 30)])).toEqual([
      ['a', 29],
      ['b', 30]
    ])
  })

  it('returns the same document when nothing moves', () => {
    const doc = docWith({ [SMILE]: [key('a', 1, 0)] })
    expect(moveKeys(doc, [ref(SMILE, 'a')], seconds(0.001))).toBe(doc)
    expect(moveKeys(doc, [ref(SMILE, 'zzz')], seconds(1))).toBe(doc)
    expect(() => moveKeys(doc, [ref(SMILE, 'a')], seconds(Number.NaN))).toThrow(/delta/)
  })
})

describe('moveShift', () => {
  it('is the shift moveKeys applies: snapped onto another track, limited at 0 s; null without keys', () => {
    const doc = docWith({ [SMILE]: [key('a', 1, 0), key('b', 2, 1)], [JAW]: [key('j', 1.6, 0.5)] })
    const refs = [ref(SMILE, 'a'), ref(SMILE, 'b')]
    // 0.55 s would put a at 1.55 s, within 0.1 s of j at 1.6 s: the whole move snaps onto it.
    const snap = { snapToKeysWithin: seconds(0.1) }
    expect(moveShift(doc, refs, seconds(0.55), snap)).toBeCloseTo(0.6, 12)
    expect(times(trackKeys(moveKeys(doc, refs, seconds(0.55), snap), SMILE))).toEqual([48, 78])
    expect(moveShift(doc, refs, seconds(0.55))).toBeCloseTo(0.55, 12)
    // No key goes before 0 s.
    expect(moveShift(doc, refs, seconds(-5))).toBe(-1)
    expect(moveShift(doc, [ref(SMILE, 'nope')], seconds(1))).toBeNull()
  })
})
