import { describe, expect, it } from 'vitest'
import {
  createDocument,
  evaluateTrack,
  keyId,
  seconds,
  setBezierHandles,
  setKey,
  trackIdFor,
  type AnimationDocument,
  type Track
} from '@shared/timeline'
import {
  CURVE_PAD_PX,
  bezierHandlePoints,
  clampKeyTime,
  curveLayout,
  curvePath,
  gridValues,
  handleAt,
  valueToY,
  yToValue
} from '../../../src/renderer/src/components/timeline/curve-geometry'
import { timeToX } from '../../../src/renderer/src/components/timeline/timeline-geometry'

const SMILE = trackIdFor('expression', 'smile')
const YAW = trackIdFor('camera', 'yaw')
const view = { start: 0, span: 5 }

let ids = 0
function keyed(trackId: typeof SMILE, keys: [number, number][]): AnimationDocument {
  let doc = createDocument({ expressionNames: ['smile'] })
  for (const [t, v] of keys)
    doc = setKey(doc, trackId, seconds(t), v, { newKeyId: () => keyId(`k${++ids}`) }).document
  return doc
}
const trackOf = (doc: AnimationDocument, id: typeof SMILE): Track => doc.tracks.find((t) => t.id === id)!

describe('value <-> y', () => {
  it('maps the track range onto the area, max at the top, with padding, and round-trips', () => {
    const doc = keyed(SMILE, [])
    const layout = curveLayout(trackOf(doc, SMILE), view, 520, 124)
    expect(layout.range).toEqual({ min: -1, max: 1 })
    expect(valueToY(1, layout)).toBe(CURVE_PAD_PX)
    expect(valueToY(-1, layout)).toBe(124 - CURVE_PAD_PX)
    expect(valueToY(0, layout)).toBe(62)
    for (const v of [-1, -0.3, 0, 0.77, 1]) expect(yToValue(valueToY(v, layout), layout)).toBeCloseTo(v, 12)
  })

  it('uses each camera track own range', () => {
    const layout = curveLayout(trackOf(keyed(YAW, []), YAW), view, 520, 124)
    expect(layout.range).toEqual({ min: -35, max: 35 })
    expect(gridValues(trackOf(keyed(YAW, []), YAW))).toEqual([35, 0, -35])
    const zoom = trackOf(keyed(YAW, []), trackIdFor('camera', 'zoom'))
    expect(gridValues(zoom)).toEqual([2, 1.25, 1, 0.5])
  })
})

describe('the drawn curve', () => {
  it('passes through every key and follows evaluateTrack', () => {
    const doc = keyed(SMILE, [
      [0, -0.5],
      [1, 0.8],
      [3, 0.2]
    ])
    const track = trackOf(doc, SMILE)
    const layout = curveLayout(track, view, 520, 124)
    const points = curvePath(track, layout)
      .split(/(?=[ML])/)
      .map((p) => p.slice(1).trim().split(' ').map(Number) as [number, number])
    for (const key of track.keys) {
      const x = timeToX(key.time, view, 520)
      const y = valueToY(key.value, layout)
      expect(points.some(([px, py]) => Math.abs(px - x) < 0.01 && Math.abs(py - y) < 0.01)).toBe(true)
    }
    for (const [x, y] of points) {
      const t = Math.max(0, (x - 10) / 100)
      expect(y).toBeCloseTo(valueToY(evaluateTrack(track, seconds(t)), layout), 1)
    }
    // A sample every 2 px across the 500 px that time spans.
    expect(points.length).toBeGreaterThanOrEqual(250)
  })

  it('steps sharply at a hold key', () => {
    const track = trackOf(
      keyed(SMILE, [
        [1, 0],
        [2, 1]
      ]),
      SMILE
    )
    const held = { ...track, keys: [{ ...track.keys[0]!, interpolation: 'hold' as const }, track.keys[1]!] }
    const layout = curveLayout(held, view, 520, 124)
    const path = curvePath(held, layout)
    const x2 = timeToX(2, view, 520).toFixed(2)
    // Just before the second key the value is still 0, at it 1: two points at (almost) the same x.
    expect(path).toContain(`L${x2} ${valueToY(0, layout).toFixed(2)}`)
    expect(path).toContain(`L${x2} ${valueToY(1, layout).toFixed(2)}`)
  })
})

describe('Bézier handles', () => {
  it('places both handles of a Bézier segment from the stored handles', () => {
    let doc = keyed(SMILE, [
      [1, 0],
      [3, 0.5],
      [4, 0]
    ])
    const [a] = trackOf(doc, SMILE).keys
    doc = setBezierHandles(
      doc,
      { trackId: SMILE, keyId: a!.id },
      { out: { dt: 0.25, dv: 0.4 }, in: { dt: 0.5, dv: -0.2 } }
    )
    const track = trackOf(doc, SMILE)
    const layout = curveLayout(track, view, 520, 124)
    const handles = bezierHandlePoints(track, layout)
    expect(handles.map((h) => h.side)).toEqual(['out', 'in'])
    const [out, inn] = handles
    expect(out!.anchor).toEqual({ x: timeToX(1, view, 520), y: valueToY(0, layout) })
    expect(out!.point.x).toBeCloseTo(timeToX(1.5, view, 520))
    expect(out!.point.y).toBeCloseTo(valueToY(0.4, layout))
    expect(inn!.anchor.x).toBeCloseTo(timeToX(3, view, 520))
    expect(inn!.point.x).toBeCloseTo(timeToX(2, view, 520))
    expect(inn!.point.y).toBeCloseTo(valueToY(0.3, layout))
  })

  it('turns a dragged point back into the handle that puts it there', () => {
    const doc = keyed(SMILE, [
      [1, 0],
      [3, 0.5]
    ])
    const [a, b] = trackOf(doc, SMILE).keys
    const range = { min: -1, max: 1 }
    expect(handleAt('out', a!, b!, 1.5, 0.4, range)).toEqual({ dt: 0.25, dv: 0.4 })
    expect(handleAt('in', a!, b!, 2, 0.3, range).dt).toBeCloseTo(0.5)
    expect(handleAt('in', a!, b!, 2, 0.3, range).dv).toBeCloseTo(-0.2)
    // Past the other key the time fraction stops at 1; before its own key at 0.
    expect(handleAt('out', a!, b!, 9, 0, range).dt).toBe(1)
    expect(handleAt('out', a!, b!, 0, 0, range).dt).toBe(0)
    // Far beyond the range the value offset is limited to one range-width past it.
    expect(handleAt('out', a!, b!, 2, 50, range).dv).toBe(3)
    // Round trip through the document op.
    const moved = setBezierHandles(
      doc,
      { trackId: SMILE, keyId: a!.id },
      { out: handleAt('out', a!, b!, 1.5, 0.4, range) }
    )
    expect(trackOf(moved, SMILE).keys[0]!.interpolation).toBe('bezier')
  })

  it('has no handles for other interpolations or for the last key', () => {
    const doc = keyed(SMILE, [
      [1, 0],
      [3, 0.5]
    ])
    const track = trackOf(doc, SMILE)
    expect(bezierHandlePoints(track, curveLayout(track, view, 520, 124))).toEqual([])
    const last = { ...track, keys: [track.keys[0]!, { ...track.keys[1]!, interpolation: 'bezier' as const }] }
    expect(bezierHandlePoints(last, curveLayout(last, view, 520, 124))).toEqual([])
  })
})

describe('dragging a key in the curve view', () => {
  it('stays a frame clear of its neighbours and never before 0 s', () => {
    const track = trackOf(
      keyed(SMILE, [
        [1, 0],
        [2, 0],
        [3, 0]
      ]),
      SMILE
    )
    expect(clampKeyTime(track.keys, 1, 2.5, 30)).toBe(2.5)
    expect(clampKeyTime(track.keys, 1, 0.2, 30)).toBeCloseTo(1 + 1 / 30)
    expect(clampKeyTime(track.keys, 1, 4, 30)).toBeCloseTo(3 - 1 / 30)
    expect(clampKeyTime(track.keys, 0, -2, 30)).toBe(0)
    expect(clampKeyTime(track.keys, 2, 9, 30)).toBe(9)
  })
})
