import { describe, expect, it } from 'vitest'
import { createDocument, keyId, seconds, setKey, trackIdFor, type Track } from '@shared/timeline'
import {
  firstKeyAtOrAfter,
  keyAt,
  keysInBox,
  panToShow,
  visibleKeyRange,
  visibleRowRange,
  maxZoom,
  panBy,
  rowAt,
  rulerTicks,
  snapTimeToFrame,
  LANE_INSET_PX,
  durationToWidth,
  timeToLeft,
  timeToX,
  viewOf,
  wheelPixels,
  xToTime,
  zoomAt
} from '../../../src/renderer/src/components/timeline/timeline-geometry'

const SMILE = trackIdFor('expression', 'smile')
const JAW = trackIdFor('expression', 'jawOpen')

function track(id: ReturnType<typeof trackIdFor>, times: number[]): Track {
  return {
    id,
    kind: 'expression',
    name: id.split(':')[1]!,
    keys: times.map((t, i) => ({
      id: keyId(`${id}-${i}`),
      time: seconds(t),
      value: 0,
      interpolation: 'linear'
    }))
  }
}

describe('pixel <-> time mapping', () => {
  it('maps the whole duration onto the lanes inside an inset at each end, and round-trips', () => {
    const view = viewOf({ zoom: 1, start: 0 }, 5, 30)
    expect(view).toEqual({ start: 0, span: 5 })
    // 1020 px lanes: 10 px free at each end, 1000 px for the 5 s.
    expect(LANE_INSET_PX).toBe(10)
    expect(timeToX(0, view, 1020)).toBe(10)
    expect(timeToX(2.5, view, 1020)).toBe(510)
    expect(timeToX(5, view, 1020)).toBe(1010)
    expect(xToTime(210, view, 1020)).toBe(1)
    expect(xToTime(0, view, 1020)).toBeLessThan(0)
    for (const t of [0, 0.1, 1.37, 4.99]) expect(xToTime(timeToX(t, view, 777), view, 777)).toBeCloseTo(t, 12)
    expect(timeToLeft(1.25, view)).toBe('calc(10px + (100% - 20px) * 0.25)')
    expect(durationToWidth(2.5, view)).toBe('calc((100% - 20px) * 0.5)')
  })

  it('keeps a key at 0 s and at the end whole inside the lanes', () => {
    const view = viewOf({ zoom: 1, start: 0 }, 5, 30)
    const keyHalfWidth = 6.5
    expect(timeToX(0, view, 800) - keyHalfWidth).toBeGreaterThanOrEqual(0)
    expect(timeToX(5, view, 800) + keyHalfWidth).toBeLessThanOrEqual(800)
  })

  it('clamps a stored zoom into the document (zoom range and scroll)', () => {
    expect(viewOf({ zoom: 0.2, start: -3 }, 5, 30)).toEqual({ start: 0, span: 5 })
    const deep = viewOf({ zoom: 1000, start: 100 }, 5, 30)
    expect(deep.span).toBeCloseTo(12 / 30)
    expect(deep.start + deep.span).toBeCloseTo(5)
    expect(maxZoom(5, 30)).toBe(12.5)
  })

  it('snaps times to frames within the duration', () => {
    expect(snapTimeToFrame(1.01, 30, 5)).toBeCloseTo(30 / 30)
    expect(snapTimeToFrame(1.02, 30, 5)).toBeCloseTo(31 / 30)
    expect(snapTimeToFrame(-1, 30, 5)).toBe(0)
    expect(snapTimeToFrame(9, 30, 5)).toBe(5)
  })
})

describe('zoom and pan', () => {
  it('keeps the time under the cursor in place when zooming', () => {
    const before = { zoom: 1, start: 0 }
    const anchor = 3.2
    const xBefore = timeToX(anchor, viewOf(before, 5, 30), 800)
    const after = zoomAt(before, 2, anchor, 5, 30)
    expect(after.zoom).toBe(2)
    expect(timeToX(anchor, viewOf(after, 5, 30), 800)).toBeCloseTo(xBefore, 9)
    const again = zoomAt(after, 1.5, 4, 5, 30)
    const xa = timeToX(4, viewOf(after, 5, 30), 800)
    expect(timeToX(4, viewOf(again, 5, 30), 800)).toBeCloseTo(xa, 9)
  })

  it('never zooms out past the whole duration or in past the frame limit', () => {
    expect(zoomAt({ zoom: 1, start: 0 }, 0.5, 2, 5, 30)).toEqual({ zoom: 1, start: 0 })
    expect(zoomAt({ zoom: 10, start: 1 }, 100, 2, 5, 30).zoom).toBe(maxZoom(5, 30))
  })

  it('pans by pixels in the visible scale and stops at both ends', () => {
    const z = { zoom: 2, start: 1 }
    const moved = panBy(z, 100, 1020, 5, 30)
    expect(moved.start).toBeCloseTo(1 + 0.25)
    expect(panBy(z, -100000, 1020, 5, 30).start).toBe(0)
    expect(panBy(z, 100000, 1020, 5, 30).start).toBeCloseTo(2.5)
    expect(panBy({ zoom: 1, start: 0 }, 300, 1020, 5, 30).start).toBe(0)
  })

  it('converts wheel deltas in lines and pages to pixels', () => {
    expect(wheelPixels(3, 0, 500)).toBe(3)
    expect(wheelPixels(3, 1, 500)).toBe(48)
    expect(wheelPixels(1, 2, 500)).toBe(500)
  })
})

describe('ruler ticks', () => {
  it('labels whole seconds when the lanes are wide enough', () => {
    const ticks = rulerTicks({ start: 0, span: 5 }, 500, 30)
    expect(ticks.map((t) => t.label)).toEqual(['0s', '1s', '2s', '3s', '4s', '5s'])
    const half = rulerTicks({ start: 0, span: 3 }, 500, 30)
    expect(half.map((t) => t.label)).toEqual(['0s', '0.5s', '1s', '1.5s', '2s', '2.5s', '3s'])
    const tenFrames = rulerTicks({ start: 0, span: 2 }, 500, 30)
    expect(tenFrames.slice(0, 4).map((t) => t.label)).toEqual(['0s', '0:10', '0:20', '1s'])
  })

  it('uses frame steps when zoomed in and coarser steps when narrow', () => {
    const fine = rulerTicks({ start: 1, span: 0.5 }, 1000, 30)
    expect(fine[0]!.label).toBe('1s')
    expect(fine[1]!.label).toBe('1:01')
    expect(fine).toHaveLength(16)
    const coarse = rulerTicks({ start: 0, span: 60 }, 600, 30)
    expect(coarse.map((t) => t.time)).toEqual([0, 10, 20, 30, 40, 50, 60])
    expect(rulerTicks({ start: 0, span: 5 }, 0, 30)).toEqual([])
  })
})

describe('box-select hit testing', () => {
  const rows = [track(SMILE, [0, 1, 2]), track(JAW, [1, 3])]
  // 520 px lanes: x = 10 + 100 px per second.
  const layout = { view: { start: 0, span: 5 }, width: 520, rowHeight: 22, keyRadius: 5 }

  it('hits keys whose marker overlaps the box, in any drag direction', () => {
    // Covers t = 0.9..2.1 on the first row only.
    const hits = keysInBox(rows, { x0: 220, y0: 2, x1: 100, y1: 15 }, layout)
    expect(hits.map((h) => h.keyId)).toEqual([`${SMILE}-1`, `${SMILE}-2`])
  })

  it('spans rows and counts a marker touched by its edge', () => {
    // x = 114..116 reaches the key at 1 s (x = 110) only through the key's radius.
    const hits = keysInBox(rows, { x0: 114, y0: 0, x1: 116, y1: 40 }, layout)
    expect(hits).toEqual([
      { trackId: SMILE, keyId: `${SMILE}-1` },
      { trackId: JAW, keyId: `${JAW}-1`.replace('-1', '-0') }
    ])
    expect(keysInBox(rows, { x0: 410, y0: 0, x1: 490, y1: 40 }, layout)).toEqual([])
  })

  it('on a dense lane, hits exactly the keys a full scan would (it searches instead of scanning)', () => {
    const dense = [
      track(
        SMILE,
        Array.from({ length: 400 }, (_, i) => i / 80)
      )
    ]
    for (const [x0, x1] of [
      [0, 520],
      [13, 14],
      [110, 111],
      [300, 77],
      [505, 530]
    ] as const) {
      const box = { x0, y0: 5, x1, y1: 6 }
      const left = Math.min(x0, x1) - layout.keyRadius
      const right = Math.max(x0, x1) + layout.keyRadius
      const scanned = dense[0]!.keys.filter((k) => {
        const x = timeToX(k.time, layout.view, layout.width)
        return x >= left && x <= right
      })
      expect(keysInBox(dense, box, layout).map((h) => h.keyId)).toEqual(scanned.map((k) => k.id))
    }
  })

  it('works with a zoomed view', () => {
    const zoomed = { ...layout, view: { start: 2.5, span: 1 } }
    // t = 3 is at x = 260 on the second row.
    const hits = keysInBox(rows, { x0: 250, y0: 30, x1: 270, y1: 35 }, zoomed)
    expect(hits).toEqual([{ trackId: JAW, keyId: `${JAW}-1` }])
  })

  it('finds the row under a y coordinate', () => {
    expect(rowAt(0, 2, 22)).toBe(0)
    expect(rowAt(23, 2, 22)).toBe(1)
    expect(rowAt(44, 2, 22)).toBe(-1)
    expect(rowAt(-1, 2, 22)).toBe(-1)
  })

  it('works on a real document', () => {
    let doc = createDocument({ expressionNames: ['smile'] })
    doc = setKey(doc, SMILE, seconds(1), 0.5).document
    const hits = keysInBox(doc.tracks, { x0: 0, y0: 0, x1: 500, y1: 10 }, layout)
    expect(hits).toHaveLength(1)
  })
})

describe('key hit testing (canvas lanes)', () => {
  const rows = [track(SMILE, [0, 1, 1.04, 2]), track(JAW, [1, 3])]
  // 520 px lanes: x = 10 + 100 px per second; rows are 22 px, centres at y = 11 and 33.
  const layout = { view: { start: 0, span: 5 }, width: 520, rowHeight: 22, keyRadius: 5 }
  const ref = (trackId: typeof SMILE, i: number) => ({ trackId, keyId: keyId(`${trackId}-${i}`) })

  it('hits the key whose marker holds the point, within the radius in x and y', () => {
    expect(keyAt(rows, { x: 10, y: 11 }, layout)).toEqual(ref(SMILE, 0))
    expect(keyAt(rows, { x: 15, y: 15 }, layout)).toEqual(ref(SMILE, 0))
    expect(keyAt(rows, { x: 16, y: 11 }, layout)).toBeNull()
    expect(keyAt(rows, { x: 10, y: 17 }, layout)).toBeNull()
    expect(keyAt(rows, { x: 310, y: 33 }, layout)).toEqual(ref(JAW, 1))
    expect(keyAt(rows, { x: 310, y: 11 }, layout)).toBeNull()
  })

  it('misses outside the rows and on empty lane area', () => {
    expect(keyAt(rows, { x: 10, y: -3 }, layout)).toBeNull()
    expect(keyAt(rows, { x: 110, y: 50 }, layout)).toBeNull()
    expect(keyAt(rows, { x: 60, y: 11 }, layout)).toBeNull()
    expect(keyAt([], { x: 10, y: 11 }, layout)).toBeNull()
  })

  it('picks the nearest of overlapping markers, the later one on a tie, and the selection first', () => {
    // Keys at 1 s (x = 110) and 1.04 s (x = 114) overlap.
    expect(keyAt(rows, { x: 111, y: 11 }, layout)).toEqual(ref(SMILE, 1))
    expect(keyAt(rows, { x: 113, y: 11 }, layout)).toEqual(ref(SMILE, 2))
    expect(keyAt(rows, { x: 112, y: 11 }, layout)).toEqual(ref(SMILE, 2))
    const first = ref(SMILE, 1)
    const isFirst = (r: { keyId: string }) => r.keyId === first.keyId
    expect(keyAt(rows, { x: 113, y: 11 }, layout, isFirst)).toEqual(first)
  })

  it('works zoomed: the point maps through the same view as drawing', () => {
    const zoomed = { ...layout, view: { start: 2.5, span: 1 } }
    // t = 3 is at x = 10 + 0.5 * 500 = 260.
    expect(keyAt(rows, { x: 262, y: 33 }, zoomed)).toEqual(ref(JAW, 1))
    expect(keyAt(rows, { x: 262, y: 11 }, zoomed)).toBeNull()
  })

  it('agrees with box select: a key it hits is in a box around the point', () => {
    for (let x = 0; x < 520; x += 3) {
      const hit = keyAt(rows, { x, y: 11 }, layout)
      if (!hit) continue
      const box = keysInBox(rows, { x0: x, y0: 11, x1: x, y1: 11 }, layout)
      expect(box).toContainEqual(hit)
    }
  })
})

describe('visible keys and rows', () => {
  const keys = [0, 1, 2, 3, 4].map((time) => ({ time }))

  it('finds the first key at or after a time by binary search', () => {
    expect(firstKeyAtOrAfter(keys, -1)).toBe(0)
    expect(firstKeyAtOrAfter(keys, 0)).toBe(0)
    expect(firstKeyAtOrAfter(keys, 2.5)).toBe(3)
    expect(firstKeyAtOrAfter(keys, 4)).toBe(4)
    expect(firstKeyAtOrAfter(keys, 4.1)).toBe(5)
    expect(firstKeyAtOrAfter([], 1)).toBe(0)
  })

  it('keeps only the keys whose marker shows, padded by the marker', () => {
    // 520 px lanes over 1..3 s: 250 px per second, so a 5 px pad is 0.02 s.
    const view = { start: 1, span: 2 }
    expect(visibleKeyRange(keys, view, 520, 5)).toEqual({ first: 1, end: 4 })
    expect(visibleKeyRange(keys, { start: 1.1, span: 1.8 }, 520, 5)).toEqual({ first: 2, end: 3 })
    // Unzoomed every key shows, the ends included.
    expect(visibleKeyRange(keys, { start: 0, span: 4 }, 520, 5)).toEqual({ first: 0, end: 5 })
    expect(visibleKeyRange([], view, 520, 5)).toEqual({ first: 0, end: 0 })
  })

  it('finds the rows a scrolled box shows', () => {
    // Rows start 22 px below the box's top (under the ruler); the box shows 100 px.
    expect(visibleRowRange(0, 100, 22, 22, 24)).toEqual({ first: 0, end: 4 })
    expect(visibleRowRange(50, 100, 22, 22, 24)).toEqual({ first: 1, end: 6 })
    expect(visibleRowRange(2000, 100, 22, 22, 24)).toEqual({ first: 24, end: 24 })
    expect(visibleRowRange(0, 1000, 22, 22, 3)).toEqual({ first: 0, end: 3 })
  })

  it('pans just enough to show a time, centring it when it was out of sight', () => {
    const zoom = { zoom: 5, start: 0 }
    // 5 s at zoom 5: 1 s shows.
    expect(panToShow(zoom, 0.5, 5, 30)).toBe(zoom)
    expect(panToShow(zoom, 3, 5, 30)).toEqual({ zoom: 5, start: 2.5 })
    expect(panToShow(zoom, 4.9, 5, 30)).toEqual({ zoom: 5, start: 4 })
  })
})
