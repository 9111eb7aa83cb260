import { describe, expect, it } from 'vitest'
import { createDocument, seconds, setInterpolation, setKey, trackIdFor } from '@shared/timeline'
import { DEFAULT_DIRECTIONS } from '../../../src/renderer/src/store/direction-catalog'
import {
  commonInterpolation,
  curveTrackOf,
  filterTracks,
  orderTracks,
  trackLabel
} from '../../../src/renderer/src/components/timeline/timeline-tracks'

const SMILE = trackIdFor('expression', 'smile')
const BLINK = trackIdFor('expression', 'blinkL')
const YAW = trackIdFor('camera', 'yaw')

describe('timeline tracks', () => {
  const doc = createDocument({ expressionNames: ['smile', 'jawOpen', 'blinkL', 'browInnerUp'] })

  it('shows expressions by face region (eyes, brows, mouth, jaw), then the camera', () => {
    const names = orderTracks(doc.tracks, DEFAULT_DIRECTIONS).map((t) => t.name)
    expect(names.slice(0, 4)).toEqual(['blinkL', 'browInnerUp', 'smile', 'jawOpen'])
    expect(
      orderTracks(doc.tracks, DEFAULT_DIRECTIONS)
        .slice(4)
        .every((t) => t.kind === 'camera')
    ).toBe(true)
  })

  it('labels a track by its direction or camera parameter', () => {
    const smile = doc.tracks.find((t) => t.id === SMILE)!
    const yaw = doc.tracks.find((t) => t.id === YAW)!
    expect(trackLabel(smile, DEFAULT_DIRECTIONS)).toBe(
      DEFAULT_DIRECTIONS.find((d) => d.name === 'smile')!.label
    )
    expect(trackLabel(yaw, DEFAULT_DIRECTIONS)).toBe('Yaw')
    expect(trackLabel({ kind: 'expression', name: 'unknown' }, DEFAULT_DIRECTIONS)).toBe('unknown')
  })

  it('curve view: the chosen track, else the selected key’s, else the first keyed one', () => {
    const a = setKey(doc, BLINK, seconds(1), 0.5)
    const b = setKey(a.document, SMILE, seconds(2), 0.5)
    const tracks = orderTracks(b.document.tracks, DEFAULT_DIRECTIONS)
    expect(curveTrackOf(tracks, YAW, [b.key])?.id).toBe(YAW)
    expect(curveTrackOf(tracks, null, [b.key])?.id).toBe(SMILE)
    expect(curveTrackOf(tracks, null, [])?.id).toBe(BLINK)
    expect(commonInterpolation(b.document, [a.key, b.key])).toBe('linear')
    const held = setInterpolation(b.document, [b.key], 'hold')
    expect(commonInterpolation(held, [a.key, b.key])).toBeNull()
  })

  it('filters tracks by label or name, in any case, keeping their order', () => {
    const ordered = orderTracks(doc.tracks, DEFAULT_DIRECTIONS)
    const labelOf = (t: (typeof ordered)[number]) => trackLabel(t, DEFAULT_DIRECTIONS)
    expect(filterTracks(ordered, '', labelOf)).toBe(ordered)
    expect(filterTracks(ordered, '  ', labelOf)).toBe(ordered)
    expect(filterTracks(ordered, 'YAW', labelOf).map((t) => t.id)).toEqual([YAW])
    // By the name too: 'blinkL' is labelled "Blink left".
    expect(filterTracks(ordered, 'blinkl', labelOf).map((t) => t.id)).toEqual([BLINK])
    expect(filterTracks(ordered, 'brow', labelOf).map((t) => t.name)).toEqual(['browInnerUp'])
    expect(filterTracks(ordered, 'zzz', labelOf)).toEqual([])
  })
})
