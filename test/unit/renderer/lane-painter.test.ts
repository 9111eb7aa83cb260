import { describe, expect, it } from 'vitest'
import { keyId, seconds, trackIdFor, type Interpolation, type KeyId, type Track } from '@shared/timeline'
import {
  KEY_COLOURS,
  paintLane,
  type LaneContext,
  type LanePaint
} from '../../../src/renderer/src/components/timeline/lane-painter'

const SMILE = trackIdFor('expression', 'smile')

function track(times: number[], interpolation: Interpolation = 'linear'): Track {
  return {
    id: SMILE,
    kind: 'expression',
    name: 'smile',
    keys: times.map((t, i) => ({ id: keyId(`k${i}`), time: seconds(t), value: 0, interpolation }))
  }
}

/** A 2D context that records what is drawn: each fill with the marker centres (moveTo) of its path. */
function recorder() {
  const fills: { style: unknown; xs: number[] }[] = []
  const calls: string[] = []
  let path: number[] = []
  const ctx: LaneContext = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    setTransform: (...args: number[]) => void calls.push(`setTransform ${args.join(',')}`),
    clearRect: () => void calls.push('clearRect'),
    beginPath: () => {
      path = []
    },
    moveTo: (x: number) => void path.push(x),
    lineTo: () => undefined,
    arc: () => undefined,
    closePath: () => undefined,
    fill: () => void fills.push({ style: ctx.fillStyle, xs: path }),
    stroke: () => undefined
  }
  return { ctx, fills, calls }
}

// 520 px lanes over 5 s: x = 10 + 100 px per second.
const base = (t: Track, more: Partial<LanePaint> = {}): LanePaint => ({
  track: t,
  view: { start: 0, span: 5 },
  width: 520,
  height: 21,
  dpr: 1,
  selected: new Set<KeyId>(),
  hover: null,
  focus: null,
  ...more
})

describe('paintLane', () => {
  it('clears the lane at the device pixel ratio and draws each visible key once', () => {
    const { ctx, fills, calls } = recorder()
    paintLane(ctx, base(track([0, 1, 2.5]), { dpr: 2 }))
    expect(calls).toEqual(['setTransform 2,0,0,2,0,0', 'clearRect'])
    // A diamond's path starts at its top corner: x is the key's centre.
    expect(fills).toEqual([{ style: KEY_COLOURS.key, xs: [10, 110, 260] }])
  })

  it('draws only the keys in the visible time range', () => {
    const { ctx, fills } = recorder()
    paintLane(ctx, base(track([0, 1, 2, 3, 4]), { view: { start: 1.5, span: 1 } }))
    // Only t = 2 is within 1.5..2.5 s (and the marker's width) at 500 px per second.
    expect(fills.flatMap((f) => f.xs)).toEqual([260])
  })

  it('draws at most one marker per device pixel column of a style', () => {
    const dense = track(Array.from({ length: 5000 }, (_, i) => i / 1000))
    const once = recorder()
    paintLane(once.ctx, base(dense))
    expect(once.fills[0]!.xs.length).toBeLessThanOrEqual(501)
    expect(once.fills[0]!.xs.length).toBeGreaterThan(490)
    const sharp = recorder()
    paintLane(sharp.ctx, base(dense, { dpr: 2 }))
    expect(sharp.fills[0]!.xs.length).toBeGreaterThan(990)
  })

  it('draws the selection after the rest, with a halo under it', () => {
    const { ctx, fills } = recorder()
    paintLane(ctx, base(track([0, 1, 2]), { selected: new Set([keyId('k1')]) }))
    expect(fills.map((f) => f.style)).toEqual([KEY_COLOURS.key, KEY_COLOURS.halo, KEY_COLOURS.selected])
    expect(fills.map((f) => f.xs)).toEqual([[10, 210], [110], [110]])
  })

  it('colours hold keys, hollows Bézier keys and draws hover and focus last', () => {
    const held = recorder()
    paintLane(held.ctx, base(track([1], 'hold')))
    expect(held.fills[0]!.style).toBe(KEY_COLOURS.hold)
    const bezier = recorder()
    paintLane(bezier.ctx, base(track([1, 2], 'bezier'), { hover: keyId('k0'), focus: keyId('k1') }))
    expect(bezier.fills.map((f) => f.style)).toEqual([KEY_COLOURS.hollow, KEY_COLOURS.hollow])
    // A disc's path starts at its right edge, 4.5 px right of its centre; the hovered one is drawn again.
    expect(bezier.fills[1]!.xs).toEqual([110 + 4.5])
  })
})
