import { describe, expect, it } from 'vitest'
import { copyKeys, keyId, pasteKeys, seconds, sequentialKeyIds, trackIdFor } from '@shared/timeline'
import { JAW, SMILE, YAW, docWith, frozen, key, trackKeys } from './doc-builder'

describe('copyKeys', () => {
  it('copies keys relative to the earliest copied key, with source track ids', () => {
    const doc = docWith({
      [SMILE]: [
        key('a', 1, 0.2, 'bezier', { out: { dt: 0.3, dv: 0 }, in: { dt: 0.3, dv: 0 } }),
        key('b', 2, 0.4)
      ],
      [JAW]: [key('j', 1.5, 0.6, 'hold')]
    })
    const clip = copyKeys(doc, [
      { trackId: SMILE, keyId: keyId('a') },
      { trackId: SMILE, keyId: keyId('b') },
      { trackId: JAW, keyId: keyId('j') }
    ])
    expect(clip).toEqual({
      format: 'mimesis-keys',
      tracks: [
        {
          trackId: SMILE,
          kind: 'expression',
          name: 'smile',
          keys: [
            {
              offset: 0,
              value: 0.2,
              interpolation: 'bezier',
              handles: { out: { dt: 0.3, dv: 0 }, in: { dt: 0.3, dv: 0 } }
            },
            { offset: 1, value: 0.4, interpolation: 'linear' }
          ]
        },
        {
          trackId: JAW,
          kind: 'expression',
          name: 'jawOpen',
          keys: [{ offset: 0.5, value: 0.6, interpolation: 'hold' }]
        }
      ]
    })
    expect(JSON.parse(JSON.stringify(clip))).toEqual(clip)
  })

  it('returns null when nothing is selected', () => {
    expect(copyKeys(docWith({}), [{ trackId: SMILE, keyId: keyId('x') }])).toBeNull()
  })
})

describe('pasteKeys', () => {
  const source = docWith({ [SMILE]: [key('a', 1, 0.2), key('b', 2, 0.4)], [JAW]: [key('j', 1.5, 0.6)] })
  const all = [
    { trackId: SMILE, keyId: keyId('a') },
    { trackId: SMILE, keyId: keyId('b') },
    { trackId: JAW, keyId: keyId('j') }
  ]

  it('pastes onto the same tracks at the playhead with new ids; paste wins on the same frame', () => {
    const clip = copyKeys(source, all)!
    const target = frozen(docWith({ [SMILE]: [key('x', 5, 0.9), key('y', 6, 0.1)] }))
    const { document, pasted } = pasteKeys(target, clip, seconds(5), { newKeyId: sequentialKeyIds('p') })
    expect(trackKeys(document, SMILE).map((k) => [k.id, k.time, k.value])).toEqual([
      ['p1', 5, 0.2],
      ['p2', 6, 0.4]
    ])
    expect(trackKeys(document, JAW).map((k) => [k.id, k.time])).toEqual([['p3', 5.5]])
    expect(pasted).toHaveLength(3)
    expect(trackKeys(target, SMILE).map((k) => k.id)).toEqual(['x', 'y'])
  })

  it('pastes a single copied track onto a chosen target track, clamping values to its range', () => {
    const clip = copyKeys(docWith({ [YAW]: [key('y', 0, 30), key('z', 1, -30)] }), [
      { trackId: YAW, keyId: keyId('y') },
      { trackId: YAW, keyId: keyId('z') }
    ])!
    const { document } = pasteKeys(docWith({}), clip, seconds(2.01), { targetTrackId: SMILE })
    expect(trackKeys(document, SMILE).map((k) => [k.time, k.value])).toEqual([
      [2, 1],
      [3, -1]
    ])
    expect(trackKeys(document, YAW)).toEqual([])
  })

  it('refuses a target track for a multi-track clipboard and reports tracks the document lacks', () => {
    const clip = copyKeys(source, all)!
    expect(() => pasteKeys(source, clip, seconds(0), { targetTrackId: SMILE })).toThrow(/exactly one track/)
    const other = { ...clip, tracks: [{ ...clip.tracks[0]!, trackId: trackIdFor('expression', 'gone') }] }
    const result = pasteKeys(source, other, seconds(0))
    expect(result.skippedTracks).toEqual([trackIdFor('expression', 'gone')])
    expect(result.document).toBe(source)
  })
})
