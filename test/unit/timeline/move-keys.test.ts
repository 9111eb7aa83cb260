import { describe, expect, it } from 'vitest'
import { type KeyRef, type Keyframe, keyId, moveKeys, moveShift, seconds } from '@shared/timeline'
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

/** moveKeys' rule as first written (a map of frames, then a sort): what the one-pass version must match. */
function referenceMove(keys: readonly Keyframe[], ids: ReadonlySet<string>, shift: number, fps: number) {
  const moved = new Map<number, { key: Keyframe; error: number; originalTime: number }>()
  const staying: Keyframe[] = []
  for (const k of keys) {
    if (!ids.has(k.id)) {
      staying.push(k)
      continue
    }
    const target = k.time + shift
    const time = seconds(Math.round(target * fps) / fps)
    const frame = Math.round(time * fps)
    const candidate = { key: { ...k, time }, error: Math.abs(target - time), originalTime: k.time }
    const rival = moved.get(frame)
    const wins =
      !rival ||
      candidate.error < rival.error ||
      (candidate.error === rival.error && candidate.originalTime > rival.originalTime)
    if (wins) moved.set(frame, candidate)
  }
  const survivors = staying.filter((k) => !moved.has(Math.round(k.time * fps)))
  return [...survivors, ...[...moved.values()].map((m) => m.key)].sort((a, b) => a.time - b.time)
}

describe('moveKeys against its first rule', () => {
  it('gives the same keys for random tracks off the frame grid, selections and shifts', () => {
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let round = 0; round < 200; round++) {
      // Keys at distinct times, some off the 30 fps grid (as after an fps change), in time order.
      const n = 1 + Math.floor(random() * 30)
      const times = [...new Set(Array.from({ length: n }, () => Math.round(random() * 300) / 97))]
      times.sort((a, b) => a - b)
      const keys = times.map((t, i) => key(`k${i}`, t, 0))
      const chosen = keys.filter(() => random() < 0.4)
      if (chosen.length === 0) continue
      const shift = (random() - 0.3) * 2
      const doc = docWith({ [SMILE]: keys })
      const next = moveKeys(
        doc,
        chosen.map((k) => ref(SMILE, k.id)),
        seconds(shift)
      )
      const applied = moveShift(
        doc,
        chosen.map((k) => ref(SMILE, k.id)),
        seconds(shift)
      )!
      const expected = referenceMove(keys, new Set(chosen.map((k) => k.id)), applied, 30)
      expect(trackKeys(next, SMILE).map((k) => [k.id, k.time])).toEqual(expected.map((k) => [k.id, k.time]))
    }
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
