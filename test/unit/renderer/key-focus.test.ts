import { describe, expect, it } from 'vitest'
import { keyId, seconds, trackIdFor, type KeyRef, type Track, type TrackId } from '@shared/timeline'
import {
  describeKey,
  initialFocus,
  moveFocus,
  nearestKey
} from '../../../src/renderer/src/components/timeline/key-focus'
import { selectionByTrack } from '../../../src/renderer/src/components/timeline/timeline-selection'

const SMILE = trackIdFor('expression', 'smile')
const JAW = trackIdFor('expression', 'jawOpen')
const BLINK = trackIdFor('expression', 'blinkL')
const YAW = trackIdFor('camera', 'yaw')

function track(id: TrackId, times: number[]): Track {
  return {
    id,
    kind: id.startsWith('camera') ? 'camera' : 'expression',
    name: id.split(':')[1]!,
    keys: times.map((t, i) => ({
      id: keyId(`${id}-${i}`),
      time: seconds(t),
      value: i / 10,
      interpolation: 'linear'
    }))
  }
}
const ref = (trackId: TrackId, i: number): KeyRef => ({ trackId, keyId: keyId(`${trackId}-${i}`) })

// Smile keyed at 0, 1, 2 s; jaw not keyed; blink at 0.4 and 1.8 s; yaw at 3 s.
const rows = [track(SMILE, [0, 1, 2]), track(JAW, []), track(BLINK, [0.4, 1.8]), track(YAW, [3])]

describe('keyboard focus in the key lanes', () => {
  it('moves along a track, stopping at its ends', () => {
    expect(moveFocus(rows, ref(SMILE, 1), 1, 'next')).toEqual(ref(SMILE, 2))
    expect(moveFocus(rows, ref(SMILE, 2), 2, 'next')).toEqual(ref(SMILE, 2))
    expect(moveFocus(rows, ref(SMILE, 1), 1, 'previous')).toEqual(ref(SMILE, 0))
    expect(moveFocus(rows, ref(SMILE, 0), 0, 'previous')).toEqual(ref(SMILE, 0))
    expect(moveFocus(rows, ref(SMILE, 1), 1, 'first')).toEqual(ref(SMILE, 0))
    expect(moveFocus(rows, ref(SMILE, 1), 1, 'last')).toEqual(ref(SMILE, 2))
  })

  it('moves up and down to the nearest key in time, skipping tracks without keys', () => {
    expect(moveFocus(rows, ref(SMILE, 2), 2, 'down')).toEqual(ref(BLINK, 1))
    expect(moveFocus(rows, ref(SMILE, 0), 0, 'down')).toEqual(ref(BLINK, 0))
    expect(moveFocus(rows, ref(BLINK, 0), 0.4, 'up')).toEqual(ref(SMILE, 0))
    expect(moveFocus(rows, ref(BLINK, 1), 1.8, 'down')).toEqual(ref(YAW, 0))
    expect(moveFocus(rows, ref(YAW, 0), 3, 'down')).toBeNull()
    expect(moveFocus(rows, ref(SMILE, 0), 0, 'up')).toBeNull()
  })

  it('finds its way from a key that has gone, by its time', () => {
    const gone = { trackId: SMILE, keyId: keyId('deleted') }
    expect(moveFocus(rows, gone, 1.1, 'next')).toEqual(ref(SMILE, 2))
    expect(moveFocus(rows, gone, 1.1, 'down')).toEqual(ref(BLINK, 1))
    expect(moveFocus(rows, { trackId: JAW, keyId: keyId('x') }, 1, 'next')).toBeNull()
  })

  it('picks the nearest key of a track, the later one on a tie', () => {
    expect(nearestKey(rows[0]!, 0.4)).toEqual(ref(SMILE, 0))
    expect(nearestKey(rows[0]!, 0.5)).toEqual(ref(SMILE, 1))
    expect(nearestKey(rows[0]!, 9)).toEqual(ref(SMILE, 2))
    expect(nearestKey(rows[1]!, 1)).toBeNull()
  })

  it('starts on the selection, else near the playhead on the first keyed track', () => {
    expect(initialFocus(rows, [ref(BLINK, 1)], 0)).toEqual(ref(BLINK, 1))
    expect(initialFocus(rows, [{ trackId: SMILE, keyId: keyId('gone') }], 1.2)).toEqual(ref(SMILE, 1))
    expect(initialFocus([rows[1]!], [], 0)).toBeNull()
  })

  it('describes the focused key: track, position, time, value, interpolation, selection', () => {
    const labels = { track: (t: Track) => t.name, interpolation: (i: string) => i }
    expect(describeKey(rows, ref(SMILE, 1), labels, true)).toBe(
      'smile, key 2 of 3: 1.00 s, value 0.10, linear, selected'
    )
    expect(describeKey(rows, ref(YAW, 0), labels, false)).toBe('yaw, key 1 of 1: 3.00 s, value 0.00, linear')
    expect(describeKey(rows, { trackId: SMILE, keyId: keyId('gone') }, labels, false)).toBe('No key')
  })
})

describe('selection by track', () => {
  it('groups refs by track and keeps the sets whose contents did not change', () => {
    const first = selectionByTrack([ref(SMILE, 0), ref(SMILE, 1), ref(YAW, 0)])
    expect([...first.get(SMILE)!]).toEqual([ref(SMILE, 0).keyId, ref(SMILE, 1).keyId])
    const second = selectionByTrack([ref(YAW, 0), ref(SMILE, 1), ref(SMILE, 0), ref(BLINK, 0)], first)
    expect(second.get(SMILE)).toBe(first.get(SMILE))
    expect(second.get(YAW)).toBe(first.get(YAW))
    expect(second.get(BLINK)).toEqual(new Set([ref(BLINK, 0).keyId]))
    const third = selectionByTrack([ref(SMILE, 0)], second)
    expect(third.get(SMILE)).not.toBe(first.get(SMILE))
    expect(third.has(YAW)).toBe(false)
  })
})
