import { describe, expect, it } from 'vitest'
import { DEFAULT_BEZIER_HANDLES, keyId, setBezierHandles, setInterpolation } from '@shared/timeline'
import { SMILE, docWith, frozen, key, trackKeys } from './doc-builder'

const A = { trackId: SMILE, keyId: keyId('a') }

describe('setInterpolation', () => {
  it('sets the interpolation of selected keys only', () => {
    const doc = frozen(docWith({ [SMILE]: [key('a', 0, 0), key('b', 1, 1)] }))
    const next = setInterpolation(doc, [A], 'hold')
    expect(trackKeys(next, SMILE).map((k) => k.interpolation)).toEqual(['hold', 'linear'])
    expect(setInterpolation(next, [A], 'hold')).toBe(next)
  })

  it('gives default handles when switching to bezier and keeps handles when switching away', () => {
    const doc = docWith({ [SMILE]: [key('a', 0, 0), key('b', 1, 1)] })
    const bezier = setInterpolation(doc, [A], 'bezier')
    expect(trackKeys(bezier, SMILE)[0]!.handles).toEqual(DEFAULT_BEZIER_HANDLES)
    const custom = setBezierHandles(bezier, A, { out: { dt: 0.2, dv: 0.4 } })
    const linear = setInterpolation(custom, [A], 'linear')
    const back = setInterpolation(linear, [A], 'bezier')
    expect(trackKeys(back, SMILE)[0]!.handles).toEqual({
      out: { dt: 0.2, dv: 0.4 },
      in: DEFAULT_BEZIER_HANDLES.in
    })
  })
})

describe('setBezierHandles', () => {
  it('sets handles, switches to bezier and clamps dt to 0..1', () => {
    const doc = frozen(docWith({ [SMILE]: [key('a', 0, 0), key('b', 1, 1)] }))
    const next = setBezierHandles(doc, A, { out: { dt: 1.7, dv: 0.5 }, in: { dt: -1, dv: -0.2 } })
    expect(trackKeys(next, SMILE)[0]).toMatchObject({
      interpolation: 'bezier',
      handles: { out: { dt: 1, dv: 0.5 }, in: { dt: 0, dv: -0.2 } }
    })
    expect(trackKeys(doc, SMILE)[0]!.interpolation).toBe('linear')
  })

  it('ignores unknown keys and rejects non-finite handles', () => {
    const doc = docWith({ [SMILE]: [key('a', 0, 0)] })
    expect(setBezierHandles(doc, { trackId: SMILE, keyId: keyId('x') }, { out: { dt: 0, dv: 0 } })).toBe(doc)
    expect(() => setBezierHandles(doc, A, { out: { dt: Number.NaN, dv: 0 } })).toThrow(/finite/)
  })
})
