import { describe, expect, it } from 'vitest'
import type { Performance } from '@shared/performance'
import { createDocument, seconds, setKey, trackIdFor, type AnimationDocument } from '@shared/timeline'
import {
  bakePerformance,
  clipEnd,
  lengthenedDuration,
  needsLengthen
} from '../../../src/renderer/src/components/bake-plan'

const SMILE = trackIdFor('expression', 'smile')
const YAW = trackIdFor('camera', 'yaw')

/** 5 s at 30 fps, with a smile key at 0.5 s and one at 4 s. */
function documentWithKeys(): AnimationDocument {
  let doc = createDocument({
    expressionNames: ['smile', 'jawOpen'],
    settings: { fps: 30, durationSec: seconds(5), width: 512, height: 512 }
  })
  doc = setKey(doc, SMILE, seconds(0.5), 0.3).document
  doc = setKey(doc, SMILE, seconds(4), 0.9).document
  return doc
}

/** A 3 s clip: smile rises then falls, the head turns; plus a track this document has no slider for. */
const performance: Performance = {
  sourceName: 'actor.mp4',
  fps: 15,
  durationSec: 3,
  referenceTimeSec: 1,
  gaps: [],
  tracks: [
    {
      kind: 'expression',
      name: 'smile',
      keys: [
        { time: 0, value: 0 },
        { time: 1, value: 0.8 },
        { time: 2.9, value: 0.1 }
      ]
    },
    {
      kind: 'camera',
      name: 'yaw',
      keys: [
        { time: 0, value: 0 },
        { time: 2, value: 12 }
      ]
    },
    { kind: 'expression', name: 'tongueOut', keys: [{ time: 1, value: 0.5 }] }
  ]
}

const keysOf = (doc: AnimationDocument, id: string) => doc.tracks.find((t) => t.id === id)!.keys

describe('bake plan', () => {
  it('the clip ends at the bake time plus its length (or its last key, when later)', () => {
    expect(clipEnd(performance, 1)).toBe(4)
    expect(clipEnd({ ...performance, durationSec: 1 }, 0)).toBe(2.9)
    expect(clipEnd(performance, -2)).toBe(3)
  })

  it('asks to lengthen only when the clip runs past the end', () => {
    const doc = documentWithKeys()
    expect(needsLengthen(doc, performance, 0)).toBe(false)
    expect(needsLengthen(doc, performance, 2)).toBe(false)
    expect(needsLengthen(doc, performance, 2.5)).toBe(true)
    expect(lengthenedDuration(doc, performance, 2.5)).toBeCloseTo(5.5, 9)
    // At the longest a document can be, there is nothing to lengthen to.
    const longest = { ...doc, settings: { ...doc.settings, durationSec: seconds(3600) } }
    expect(needsLengthen(longest, performance, 3599)).toBe(false)
  })

  it('bakes at the playhead, replacing only the covered range, as ordinary linear keys', () => {
    const doc = documentWithKeys()
    const { document, skipped, keys } = bakePerformance(doc, performance, 1, false)
    // The smile key at 0.5 s is before the clip and stays; the one at 4 s is inside [1, 4] and goes.
    expect(keysOf(document, SMILE).map((k) => [k.time, k.value])).toEqual([
      [0.5, 0.3],
      [1, 0],
      [2, 0.8],
      [3.9, 0.1]
    ])
    expect(keysOf(document, SMILE).every((k) => k.interpolation === 'linear')).toBe(true)
    expect(keysOf(document, YAW).map((k) => k.time)).toEqual([1, 3])
    expect(skipped).toEqual(['tongueOut'])
    expect(keys).toBe(5)
    expect(document.settings.durationSec).toBe(5)
  })

  it('Keep length drops what runs past the end; Lengthen grows the document to fit', () => {
    const doc = documentWithKeys()
    const kept = bakePerformance(doc, performance, 3, false).document
    expect(kept.settings.durationSec).toBe(5)
    expect(keysOf(kept, SMILE).map((k) => k.time)).toEqual([0.5, 3, 4])
    const grown = bakePerformance(doc, performance, 3, true).document
    expect(grown.settings.durationSec).toBe(6)
    expect(keysOf(grown, SMILE).map((k) => k.time)).toEqual([0.5, 3, 4, 5.9])
  })
})
