import { describe, expect, it } from 'vitest'
import {
  copyKeys,
  createDocument,
  evaluate,
  keyId,
  moveKeys,
  removeKeys,
  seconds,
  setKey,
  trackIdFor,
  type KeyRef
} from '@shared/timeline'
import {
  containsRef,
  pressKey,
  releaseKey,
  sameRefs,
  toggleRef,
  tracksOf,
  unionRefs
} from '../../../src/renderer/src/components/timeline/timeline-selection'
import { keyTracksAt, pasteAt } from '../../../src/renderer/src/components/timeline/timeline-commands'
import { useTimelineSelection } from '../../../src/renderer/src/store/timeline-selection-store'

const SMILE = trackIdFor('expression', 'smile')
const JAW = trackIdFor('expression', 'jawOpen')
const YAW = trackIdFor('camera', 'yaw')
const ref = (trackId: KeyRef['trackId'], id: string): KeyRef => ({ trackId, keyId: keyId(id) })

describe('selection helpers', () => {
  const a = ref(SMILE, 'a')
  const b = ref(SMILE, 'b')
  const c = ref(JAW, 'c')

  it('toggles, unions without duplicates and compares ignoring order', () => {
    expect(toggleRef([a, b], a)).toEqual([b])
    expect(toggleRef([b], a)).toEqual([b, a])
    expect(unionRefs([a, b], [b, c])).toEqual([a, b, c])
    expect(sameRefs([a, c], [c, a])).toBe(true)
    expect(sameRefs([a], [a, b])).toBe(false)
    expect(containsRef([a, c], ref(JAW, 'c'))).toBe(true)
    expect(tracksOf([a, c, b])).toEqual([SMILE, JAW])
  })

  it('the store prunes refs to deleted keys and keeps its identity when nothing changes', () => {
    let doc = createDocument({ expressionNames: ['smile'] })
    const first = setKey(doc, SMILE, seconds(0), 0.2)
    const second = setKey(first.document, SMILE, seconds(1), 0.4)
    doc = second.document
    const store = useTimelineSelection
    store.getState().select([first.key, second.key])
    const before = store.getState().selected
    store.getState().prune(doc)
    expect(store.getState().selected).toBe(before)
    store.getState().prune(removeKeys(doc, [first.key]))
    expect(store.getState().selected).toEqual([second.key])
    store.getState().clearSelection()
    expect(store.getState().selected).toEqual([])
  })
})

describe('dope-sheet commands', () => {
  it('K keys every track at the playhead with its evaluated value, so nothing visible changes', () => {
    let doc = createDocument({ expressionNames: ['smile', 'jawOpen'] })
    doc = setKey(doc, SMILE, seconds(0), 0).document
    doc = setKey(doc, SMILE, seconds(2), 1).document
    doc = setKey(doc, YAW, seconds(0), 10).document
    const before = evaluate(doc, seconds(1))
    const { document, keys } = keyTracksAt(doc, [], 1)
    expect(keys).toHaveLength(2 + 6)
    expect(evaluate(document, seconds(1))).toEqual(before)
    const smile = document.tracks.find((t) => t.id === SMILE)!
    expect(smile.keys.map((k) => [k.time, k.value])).toEqual([
      [0, 0],
      [1, 0.5],
      [2, 1]
    ])
  })

  it('K with a selection keys only the selected keys tracks', () => {
    let doc = createDocument({ expressionNames: ['smile', 'jawOpen'] })
    const k = setKey(doc, JAW, seconds(0), 0.3)
    doc = k.document
    const { document } = keyTracksAt(doc, [JAW], 0.5)
    expect(document.tracks.find((t) => t.id === JAW)!.keys).toHaveLength(2)
    expect(document.tracks.find((t) => t.id === SMILE)!.keys).toHaveLength(0)
  })

  it('copy then paste at the playhead lands on the same tracks, keeping relative timing', () => {
    let doc = createDocument({ expressionNames: ['smile', 'jawOpen'] })
    const a = setKey(doc, SMILE, seconds(0.5), 0.2)
    const b = setKey(a.document, JAW, seconds(1), 0.7)
    doc = b.document
    const clip = copyKeys(doc, [a.key, b.key])!
    const { document, pasted } = pasteAt(doc, clip, 3)
    expect(pasted).toHaveLength(2)
    expect(document.tracks.find((t) => t.id === SMILE)!.keys.map((k) => k.time)).toEqual([0.5, 3])
    expect(document.tracks.find((t) => t.id === JAW)!.keys.map((k) => k.time)).toEqual([1, 3.5])
  })

  it('dragging from the origin document gives one result regardless of intermediate moves', () => {
    let doc = createDocument({ expressionNames: ['smile', 'jawOpen'] })
    const a = setKey(doc, SMILE, seconds(1), 0.2)
    doc = setKey(a.document, JAW, seconds(2), 0.5).document
    // Within 6 px at 100 px/s of the jaw key at 2 s: snaps onto it.
    const moved = moveKeys(doc, [a.key], seconds(0.97), { snapToKeysWithin: seconds(0.06) })
    expect(moved.tracks.find((t) => t.id === SMILE)!.keys[0]!.time).toBe(2)
  })
})

describe('pressing and releasing a key', () => {
  const a = ref(SMILE, 'a')
  const b = ref(JAW, 'b')
  it.each([
    // [selection, pressed, shift, right after the press, after a release without a drag]
    ['plain on unselected', [a], b, false, [b], [b]],
    ['plain on selected (keeps all to drag, solos on release)', [a, b], b, false, [a, b], [b]],
    ['shift on unselected adds at once', [a], b, true, [a, b], [a, b]],
    ['shift on selected takes it out on release', [a, b], b, true, [a, b], [a]]
  ] as const)('%s', (_, current, pressed, shift, afterPress, afterRelease) => {
    const { selection, onClick } = pressKey(current, pressed, shift)
    expect(sameRefs(selection, afterPress)).toBe(true)
    expect(sameRefs(releaseKey(selection, pressed, onClick), afterRelease)).toBe(true)
  })
})
