import { describe, expect, it } from 'vitest'
import { evaluate, seconds, setSettings, setWorkArea } from '@shared/timeline'
import { SMILE, docWith, frozen, key, trackKeys } from './doc-builder'

describe('setSettings', () => {
  it('keeps key times in seconds when fps changes, so evaluation is unchanged', () => {
    const doc = frozen(docWith({ [SMILE]: [key('a', 0.5, 0), key('b', 1.1, 1, 'easeInOut')] }))
    const next = setSettings(doc, { fps: 24 })
    expect(next.settings.fps).toBe(24)
    expect(trackKeys(next, SMILE).map((k) => k.time)).toEqual([0.5, 1.1])
    for (const t of [0.6, 0.8, 1]) expect(evaluate(next, seconds(t))).toEqual(evaluate(doc, seconds(t)))
  })

  it('clamps the work area into a shorter duration and keeps later keys', () => {
    const doc = docWith({ [SMILE]: [key('a', 8, 1)] })
    const next = setSettings(doc, { durationSec: seconds(4) })
    expect(next.settings.workArea).toEqual({ in: 0, out: 4 })
    expect(trackKeys(next, SMILE)).toHaveLength(1)
  })

  it.each([
    [{ fps: 0 }, /fps/],
    [{ fps: 1000 }, /fps/],
    [{ durationSec: seconds(-1) }, /durationSec/],
    [{ width: 10.5 }, /width/],
    [{ height: 0 }, /height/]
  ])('rejects %o with a message naming the setting', (patch, message) => {
    expect(() => setSettings(docWith({}), patch)).toThrow(message)
  })

  it('returns the same document when nothing changes', () => {
    const doc = docWith({})
    expect(setSettings(doc, { fps: 30 })).toBe(doc)
  })
})

describe('setWorkArea', () => {
  it('snaps to frames, swaps a reversed range and clamps to the duration', () => {
    const doc = frozen(docWith({}))
    expect(setWorkArea(doc, seconds(1.01), seconds(2.02)).settings.workArea).toEqual({ in: 1, out: 61 / 30 })
    expect(setWorkArea(doc, seconds(3), seconds(1)).settings.workArea).toEqual({ in: 1, out: 3 })
    expect(setWorkArea(doc, seconds(-1), seconds(50)).settings.workArea).toEqual({ in: 0, out: 10 })
  })

  it('keeps at least one frame', () => {
    const area = setWorkArea(docWith({}), seconds(2), seconds(2)).settings.workArea
    expect(area.out - area.in).toBeCloseTo(1 / 30, 12)
  })

  it('returns the same document when nothing changes and rejects NaN', () => {
    const doc = docWith({})
    expect(setWorkArea(doc, seconds(0), seconds(10))).toBe(doc)
    expect(() => setWorkArea(doc, seconds(Number.NaN), seconds(1))).toThrow(/finite/)
  })
})
