import { describe, expect, it } from 'vitest'
import { createDocument, evaluate, keyId, seconds, setKey, trackIdFor } from '@shared/timeline'
import { DEFAULT_DIRECTIONS, type DirectionInfo } from '../../../src/renderer/src/store/direction-catalog'
import { orderTracks } from '../../../src/renderer/src/components/timeline/timeline-tracks'
import {
  groupOfTrack,
  rowTracks,
  summaryKeys,
  summaryTrackOf,
  timelineRows
} from '../../../src/renderer/src/components/timeline/track-groups'
import {
  EMPTY_MIX,
  audibleDocument,
  isAudible,
  type TrackMix
} from '../../../src/renderer/src/components/timeline/track-mix'

const SMILE = trackIdFor('expression', 'smile')
const FROWN = trackIdFor('expression', 'frown')
const BROW = trackIdFor('expression', 'browInnerUp')
const YAW = trackIdFor('camera', 'yaw')

function keyed() {
  let doc = createDocument({ expressionNames: ['smile', 'frown', 'browInnerUp', 'blinkL'] })
  doc = setKey(doc, SMILE, seconds(1), 0.5).document
  doc = setKey(doc, SMILE, seconds(2), 0.8).document
  doc = setKey(doc, FROWN, seconds(2), 0.3).document
  doc = setKey(doc, FROWN, seconds(3), 0.1).document
  doc = setKey(doc, BROW, seconds(1), 0.7).document
  doc = setKey(doc, YAW, seconds(1), 20).document
  return doc
}

const mix = (part: Partial<TrackMix>): TrackMix => ({ ...EMPTY_MIX, ...part })

describe('track groups', () => {
  const doc = keyed()
  const tracks = orderTracks(doc.tracks, DEFAULT_DIRECTIONS)
  const groupOf = (track: (typeof doc.tracks)[number]) => groupOfTrack(track, DEFAULT_DIRECTIONS)

  it('groups expression tracks by their direction region, in the catalog order, then the camera', () => {
    const rows = timelineRows(tracks, DEFAULT_DIRECTIONS, new Set(), true)
    const headers = rows.filter((r) => r.kind === 'group').map((r) => r.group)
    expect(headers).toEqual(['eyes', 'brows', 'mouth', 'camera'])
    const mouth = rows.findIndex((r) => r.kind === 'group' && r.group === 'mouth')
    expect(rows.slice(mouth + 1, mouth + 3).map((r) => (r.kind === 'track' ? r.track.id : r.group))).toEqual([
      SMILE,
      FROWN
    ])
    expect(rows).toHaveLength(4 + 4 + 6)
  })

  it('takes groups from the pack: a region the catalog does not know gets its own group', () => {
    const pack: DirectionInfo[] = [
      { name: 'smile', label: 'Smile', region: 'lips' as DirectionInfo['region'] }
    ]
    const own = createDocument({ expressionNames: ['smile', 'unknown'] })
    const rows = timelineRows(orderTracks(own.tracks, pack), pack, new Set(), true)
    const headers = rows.filter((r) => r.kind === 'group').map((r) => (r.kind === 'group' ? r.label : ''))
    expect(headers).toEqual(['Lips', 'Other', 'Camera'])
  })

  it('a collapsed group shows only its header, whose summary has one key per keyed time', () => {
    const rows = timelineRows(tracks, DEFAULT_DIRECTIONS, new Set(['mouth']), true)
    const header = rows.find((r) => r.kind === 'group' && r.group === 'mouth')
    expect(header?.kind === 'group' && header.collapsed).toBe(true)
    expect(rows.some((r) => r.kind === 'track' && r.track.id === SMILE)).toBe(false)
    if (header?.kind !== 'group') throw new Error('no mouth header')
    expect(summaryKeys(header.tracks).map((k) => k.time)).toEqual([1, 2, 3])
    // The same summary object while the group's tracks are unchanged (its lane does not redraw).
    expect(summaryTrackOf('mouth', header.tracks)).toBe(summaryTrackOf('mouth', [...header.tracks]))
  })

  it('the summary of many tracks is every distinct key time, in order', () => {
    const many = Array.from({ length: 7 }, (_, t) => ({
      keys: Array.from({ length: 50 }, (_, k) => ({
        id: keyId(`t${t}k${k}`),
        time: seconds((k * (t + 1)) / 30),
        value: 0,
        interpolation: 'linear' as const
      }))
    }))
    const times = [...new Set(many.flatMap((t) => t.keys.map((k) => k.time)))].sort((a, b) => a - b)
    expect(summaryKeys(many).map((k) => k.time)).toEqual(times)
    expect(summaryKeys([])).toEqual([])
  })

  it('without grouping (a filter typed) shows the tracks alone; header rows hit-test as keyless tracks', () => {
    const flat = timelineRows(tracks, DEFAULT_DIRECTIONS, new Set(['mouth']), false)
    expect(flat.every((r) => r.kind === 'track')).toBe(true)
    expect(flat).toHaveLength(tracks.length)
    const hit = rowTracks(timelineRows(tracks, DEFAULT_DIRECTIONS, new Set(), true))
    expect(hit[0]!.keys).toEqual([])
    expect(doc.tracks.some((t) => t.id === hit[0]!.id)).toBe(false)
  })

  it('mute silences a track or a group in the evaluated frame; solo plays only what is soloed', () => {
    const at = (m: TrackMix) => evaluate(audibleDocument(doc, m, groupOf), seconds(1))
    expect(at(EMPTY_MIX).expression['smile']).toBeCloseTo(0.5)
    expect(at(mix({ mutedTracks: new Set([SMILE]) })).expression['smile']).toBe(0)
    expect(at(mix({ mutedTracks: new Set([SMILE]) })).expression['browInnerUp']).toBeCloseTo(0.7)
    expect(at(mix({ mutedGroups: new Set(['brows']) })).expression['browInnerUp']).toBe(0)
    const soloMouth = at(mix({ soloGroups: new Set(['mouth']) }))
    expect(soloMouth.expression['smile']).toBeCloseTo(0.5)
    expect(soloMouth.expression['browInnerUp']).toBe(0)
    expect(soloMouth.camera.yaw).toBe(0)
    // Mute wins over solo; an empty mix returns the document itself.
    expect(
      isAudible(SMILE, 'mouth', mix({ soloTracks: new Set([SMILE]), mutedGroups: new Set(['mouth']) }))
    ).toBe(false)
    expect(audibleDocument(doc, EMPTY_MIX, groupOf)).toBe(doc)
  })
})
