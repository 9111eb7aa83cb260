import { describe, expect, it } from 'vitest'
import { createDocument, evaluate, seconds, setKey, trackIdFor } from '@shared/timeline'
import { toggleKeyAt, trackKeyState } from '../../../src/renderer/src/components/timeline/timeline-commands'

const SMILE = trackIdFor('expression', 'smile')
const keysOf = (doc: ReturnType<typeof createDocument>) => doc.tracks.find((t) => t.id === SMILE)!.keys

describe("the inspector's key button", () => {
  it('shows whether a track has keys and whether one sits on the playhead frame', () => {
    let doc = createDocument({ expressionNames: ['smile'] })
    expect(trackKeyState(doc, SMILE, 1)).toBe('none')
    doc = setKey(doc, SMILE, seconds(1), 0.5).document
    expect(trackKeyState(doc, SMILE, 1)).toBe('keyed')
    // Within the same frame (30 fps) during playback.
    expect(trackKeyState(doc, SMILE, 1.01)).toBe('keyed')
    expect(trackKeyState(doc, SMILE, 2)).toBe('animated')
  })

  it('finds the key on the playhead frame among thousands, either side of the playhead', () => {
    let doc = createDocument({ expressionNames: ['smile'] })
    // Keys on every other frame at 30 fps, and one off the frame grid just after 2 s.
    for (let frame = 0; frame < 3000; frame += 2) doc = setKey(doc, SMILE, seconds(frame / 30), 0.5).document
    doc = setKey(doc, SMILE, seconds(61 / 30 + 0.012), 0.5).document
    expect(trackKeyState(doc, SMILE, 40 / 30)).toBe('keyed')
    expect(trackKeyState(doc, SMILE, 41 / 30)).toBe('animated')
    // Rounds to frame 40: the key at frame 40 lies after the playhead.
    expect(trackKeyState(doc, SMILE, 39.6 / 30)).toBe('keyed')
    expect(trackKeyState(doc, SMILE, 61 / 30)).toBe('keyed')
    expect(trackKeyState(doc, SMILE, 2999 / 30)).toBe('animated')
  })

  it('keys the current value where there is no key and removes the key where there is one', () => {
    let doc = createDocument({ expressionNames: ['smile'] })
    doc = setKey(doc, SMILE, seconds(0), 0.2).document
    doc = setKey(doc, SMILE, seconds(2), 0.6).document
    const shown = evaluate(doc, seconds(1)).expression['smile']
    const keyed = toggleKeyAt(doc, SMILE, 1)
    expect(keysOf(keyed).map((k) => k.time)).toEqual([0, 1, 2])
    expect(evaluate(keyed, seconds(1)).expression['smile']).toBeCloseTo(shown!, 12)
    const removed = toggleKeyAt(keyed, SMILE, 1)
    expect(keysOf(removed).map((k) => k.time)).toEqual([0, 2])
    expect(toggleKeyAt(doc, trackIdFor('expression', 'nope'), 1)).toBe(doc)
  })
})
