import { describe, expect, it } from 'vitest'
import { keyId, removeKeys } from '@shared/timeline'
import { JAW, SMILE, docWith, frozen, key, trackKeys } from './doc-builder'

describe('removeKeys', () => {
  it('removes keys across tracks and leaves the input untouched', () => {
    const doc = frozen(
      docWith({ [SMILE]: [key('a', 0, 0), key('b', 1, 1), key('c', 2, 0)], [JAW]: [key('j', 1, 0.5)] })
    )
    const next = removeKeys(doc, [
      { trackId: SMILE, keyId: keyId('b') },
      { trackId: JAW, keyId: keyId('j') }
    ])
    expect(trackKeys(next, SMILE).map((k) => k.id)).toEqual(['a', 'c'])
    expect(trackKeys(next, JAW)).toEqual([])
    expect(trackKeys(doc, SMILE)).toHaveLength(3)
  })

  it('ignores unknown refs and returns the same document when nothing is removed', () => {
    const doc = docWith({ [SMILE]: [key('a', 0, 0)] })
    expect(removeKeys(doc, [{ trackId: JAW, keyId: keyId('a') }])).toBe(doc)
    expect(removeKeys(doc, [])).toBe(doc)
  })
})
