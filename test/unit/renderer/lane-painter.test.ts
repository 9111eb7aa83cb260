import { describe, expect, it } from 'vitest'
import { keyId, seconds, trackIdFor, type Interpolation, type KeyId, type Track } from '@shared/timeline'
import {
  drawMarker,
  KEY_COLOURS,
  paintLane,
  spriteSize,
  type LaneContext,
  type LanePaint,
  type MarkerLook,
  type MarkerSprites
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

/** A 2D context that records what is drawn: stamps (sprite name and corner), fills, transforms. */
function recorder() {
  const stamps: { image: string; x: number; y: number }[] = []
  const fills: unknown[] = []
  const calls: string[] = []
  const ctx: LaneContext = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    setTransform: (...args: number[]) => void calls.push(`setTransform ${args.join(',')}`),
    clearRect: (...args: number[]) => void calls.push(`clearRect ${args.join(',')}`),
    beginPath: () => undefined,
    moveTo: () => undefined,
    lineTo: () => undefined,
    arc: () => void calls.push('arc'),
    closePath: () => undefined,
    fill: () => void fills.push(ctx.fillStyle),
    stroke: () => void calls.push(`stroke ${String(ctx.strokeStyle)}`),
    drawImage: (image: unknown, x: number, y: number) => void stamps.push({ image: String(image), x, y })
  }
  return { ctx, stamps, fills, calls }
}

/** Sprites named after what they show. */
const sprites = (dpr = 1): MarkerSprites => ({
  dpr,
  image: (interpolation: Interpolation, look: MarkerLook) => `${interpolation}/${look}`
})

// 520 px lanes over 5 s: x = 10 + 100 px per second; the canvas is 21 px high.
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

/** The centre of a stamp in device px, from its corner and its sprite's size. */
const centre = (stamp: { image: string; x: number; y: number }, dpr = 1) => {
  const half = (spriteSize(dpr, stamp.image.split('/')[1] as MarkerLook) - 1) / 2
  return { x: stamp.x + half + 0.5, y: stamp.y + half + 0.5 }
}

describe('paintLane', () => {
  it('clears the whole canvas in device pixels and stamps each visible key once, centred on it', () => {
    const { ctx, stamps, calls } = recorder()
    paintLane(ctx, base(track([0, 1, 2.5]), { dpr: 2 }), sprites(2))
    expect(calls).toEqual(['setTransform 1,0,0,1,0,0', 'clearRect 0,0,1040,42'])
    expect(stamps.map((s) => s.image)).toEqual(['linear/rest', 'linear/rest', 'linear/rest'])
    // Centres at 2 × (10, 110, 260) device px, on whole pixels' centres, and at the lane's middle.
    expect(stamps.map((s) => centre(s, 2).x)).toEqual([20.5, 220.5, 520.5])
    expect(stamps.every((s) => Math.abs(centre(s, 2).y - 21) <= 0.5)).toBe(true)
  })

  it('with a margin, draws the lane that far into a wider canvas, and the keys that far outside the view', () => {
    const { ctx, stamps, calls } = recorder()
    // A view from 1 s: t = 0.5 s is 50 px left of the lane's first second (x = -40), inside a 64 px margin;
    // t = 0 (x = -90) is not.
    paintLane(ctx, base(track([0, 0.5, 2]), { view: { start: 1, span: 5 }, margin: 64 }), sprites())
    expect(calls).toEqual(['setTransform 1,0,0,1,0,0', 'clearRect 0,0,648,21'])
    expect(stamps.map((s) => centre(s).x)).toEqual([24.5, 174.5])
  })

  it('stamps only the keys in the visible time range', () => {
    const { ctx, stamps } = recorder()
    paintLane(ctx, base(track([0, 1, 2, 3, 4]), { view: { start: 1.5, span: 1 } }), sprites())
    // Only t = 2 is within 1.5..2.5 s (and a marker's width) at 500 px per second: x = 260.
    expect(stamps.map((s) => centre(s).x)).toEqual([260.5])
  })

  it('stamps at most one marker per device pixel column, the one on top', () => {
    const dense = track(Array.from({ length: 5000 }, (_, i) => i / 1000))
    const once = recorder()
    paintLane(once.ctx, base(dense), sprites())
    expect(once.stamps.length).toBeLessThanOrEqual(501)
    expect(once.stamps.length).toBeGreaterThan(490)
    const sharp = recorder()
    paintLane(sharp.ctx, base(dense, { dpr: 2 }), sprites(2))
    expect(sharp.stamps.length).toBeGreaterThan(990)
    // Two keys 0.4 px apart: one stamp, of the later one (the one on top).
    const close = track([1, 1.004])
    const mixed = { ...close, keys: [close.keys[0]!, { ...close.keys[1]!, interpolation: 'hold' as const }] }
    const one = recorder()
    paintLane(one.ctx, base(mixed), sprites())
    expect(one.stamps.map((s) => s.image)).toEqual(['hold/rest'])
  })

  it('stamps the selection after the rest', () => {
    const { ctx, stamps } = recorder()
    paintLane(ctx, base(track([0, 1, 2]), { selected: new Set([keyId('k1')]) }), sprites())
    expect(stamps.map((s) => [s.image, centre(s).x])).toEqual([
      ['linear/rest', 10.5],
      ['linear/rest', 210.5],
      ['linear/selected', 110.5]
    ])
  })

  it('on two layers: the keys all unselected below, only the selection and hover above', () => {
    const paint = base(track([0, 1, 2]), { selected: new Set([keyId('k1')]), hover: keyId('k2') })
    const keys = recorder()
    paintLane(keys.ctx, paint, sprites(), 'keys')
    expect(keys.stamps.map((s) => s.image)).toEqual(['linear/rest', 'linear/rest', 'linear/rest'])
    const selection = recorder()
    paintLane(selection.ctx, paint, sprites(), 'selection')
    expect(selection.calls[1]).toBe('clearRect 0,0,520,21')
    expect(selection.stamps.map((s) => [s.image, centre(s).x])).toEqual([
      ['linear/selected', 110.5],
      ['linear/hover', 210.5]
    ])
  })

  it('stamps the hovered key again on top, and rings the focused key', () => {
    const { ctx, stamps, calls } = recorder()
    paintLane(ctx, base(track([1, 2], 'hold'), { hover: keyId('k0'), focus: keyId('k1') }), sprites())
    expect(stamps.map((s) => s.image)).toEqual(['hold/rest', 'hold/rest', 'hold/hover'])
    expect(calls.slice(-3)).toEqual(['setTransform 1,0,0,1,0,0', 'arc', `stroke ${KEY_COLOURS.focus}`])
  })
})

describe('drawMarker (what the sprites are made of)', () => {
  it('colours by interpolation and look: hold, hollow Bézier, the selection on its halo', () => {
    const look = (interpolation: Interpolation, state: MarkerLook) => {
      const { ctx, fills } = recorder()
      drawMarker(ctx, interpolation, state, 10, 10)
      return fills
    }
    expect(look('linear', 'rest')).toEqual([KEY_COLOURS.key])
    expect(look('linear', 'hover')).toEqual([KEY_COLOURS.keyHover])
    expect(look('hold', 'rest')).toEqual([KEY_COLOURS.hold])
    expect(look('bezier', 'rest')).toEqual([KEY_COLOURS.hollow])
    // A selected marker sits on its halo.
    expect(look('easeIn', 'selected')).toEqual([KEY_COLOURS.halo, KEY_COLOURS.selected])
    expect(look('bezier', 'selected')).toEqual([KEY_COLOURS.halo, KEY_COLOURS.halo])
  })
})
