import { describe, expect, it } from 'vitest'
import {
  allKeyRefs,
  evaluateTrack,
  existingKeyRefs,
  keyId,
  keysInRange,
  removeKeys,
  seconds
} from '@shared/timeline'
import { JAW, SMILE, YAW, docWith, key } from './doc-builder'

const doc = docWith({
  [SMILE]: [key('a', 0, 0), key('b', 1, 1), key('c', 2, 0)],
  [JAW]: [key('j', 1.5, 0.5)],
  [YAW]: [key('y', 3, 40)]
})

describe('key selection helpers', () => {
  it('finds keys in an inclusive time range, optionally on some tracks', () => {
    expect(keysInRange(doc, { from: seconds(2), to: seconds(1) }).map((r) => r.keyId)).toEqual([
      'b',
      'c',
      'j'
    ])
    expect(
      keysInRange(doc, { from: seconds(0), to: seconds(5), trackIds: [JAW] }).map((r) => r.keyId)
    ).toEqual(['j'])
  })

  it('lists all keys and drops refs to keys that are gone', () => {
    expect(allKeyRefs(doc)).toHaveLength(5)
    const refs = [
      { trackId: SMILE, keyId: keyId('a') },
      { trackId: SMILE, keyId: keyId('b') }
    ]
    expect(existingKeyRefs(removeKeys(doc, [refs[0]!]), refs)).toEqual([refs[1]])
  })

  it('evaluates one track with the same rules as evaluate (clamped to its range)', () => {
    expect(evaluateTrack(doc.tracks[0]!, seconds(0.5))).toBeCloseTo(0.5, 12)
    expect(
      evaluateTrack(
        doc.tracks.find((t) => t.id === YAW)!,
        seconds(3)
      )
    ).toBe(35)
  })
})
