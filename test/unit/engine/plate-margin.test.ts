import { describe, expect, it } from 'vitest'
import { extendPlate, mirrorIndex, plateMarginPx } from '../../../src/main/core/engine/avatar/plate-margin'

describe('plate margin', () => {
  it('folds indices by mirroring about the edges, for margins wider than the picture too', () => {
    expect([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7].map((i) => mirrorIndex(i, 4))).toEqual([
      2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0
    ])
    expect(mirrorIndex(-9, 4)).toBe(mirrorIndex(-1, 4))
  })

  it('is at least one px and a share of the longer side, capped', () => {
    expect(plateMarginPx(1, 1)).toBe(1)
    expect(plateMarginPx(512, 300)).toBeGreaterThanOrEqual(150)
    expect(plateMarginPx(4000, 100)).toBeLessThanOrEqual(320)
  })

  // A 200 x 120 two-channel plate: a horizontal ramp, and two bright dots, one near the left edge, one further in.
  const W = 200
  const H = 120
  const data = new Float32Array(2 * W * H)
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[y * W + x] = x / W
  data[W * H + 60 * W + 4] = 1
  data[W * H + 60 * W + 40] = 1
  const pad = plateMarginPx(W, H)
  const out = extendPlate(data, W, H, 2, pad)
  const pw = W + 2 * pad
  const ph = H + 2 * pad
  const at = (c: number, x: number, y: number) => out[c * pw * ph + (y + pad) * pw + x + pad]!

  it('keeps the picture exact and continues it across each edge', () => {
    expect(out).toHaveLength(2 * pw * ph)
    for (let y = 0; y < H; y += 7)
      for (let x = 0; x < W; x += 5)
        for (let c = 0; c < 2; c++) expect(at(c, x, y)).toBe(data[c * W * H + y * W + x])
    // Right at the edge the mirror image continues the ramp without a jump.
    expect(at(0, -1, 30)).toBeCloseTo(at(0, 0, 30), 2)
    expect(at(0, W, 30)).toBeCloseTo(at(0, W - 1, 30), 2)
    expect(at(0, 50, -1)).toBeCloseTo(at(0, 50, 0), 2)
  })

  it('repeats no sharp feature far past the edge: the mirror fades into a blur', () => {
    // The dot's mirror image just past the edge is still a dot...
    expect(at(1, -5, 60)).toBeGreaterThan(0.8)
    // ...but the other dot's mirror image lands where the margin is fully blurred (41 px past the edge): faint.
    expect(at(1, 40, 60)).toBe(1)
    expect(at(1, -41, 60)).toBeLessThan(0.1)
    // Nothing is black where the picture is not: the margin's corners carry the ramp's colours.
    expect(at(0, -pad, -pad)).toBeGreaterThan(0)
  })

  it("ends in the picture's mean colour all around, the colour the renderer shows past the plate", () => {
    const mean = (c: number): number =>
      data.subarray(c * W * H, (c + 1) * W * H).reduce((a, v) => a + v, 0) / (W * H)
    for (const c of [0, 1]) {
      for (const [x, y] of [
        [-pad, -pad],
        [W + pad - 1, -pad],
        [-pad, 60],
        [W + pad - 1, 60],
        [100, -pad],
        [100, H + pad - 1]
      ] as const)
        expect(at(c, x, y)).toBeCloseTo(mean(c), 5)
    }
    // The fade starts well out: the blurred ramp still shows a third of the way into the margin.
    expect(Math.abs(at(0, W + Math.round(pad / 3), 60) - mean(0))).toBeGreaterThan(0.1)
  })
})
