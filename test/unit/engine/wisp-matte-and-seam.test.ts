import { describe, expect, it } from 'vitest'
import { estimateWispAlpha } from '../../../src/main/core/engine/avatar/wisp-matte'
import { smoothSeam } from '../../../src/main/core/engine/avatar/smooth-seam'

const W = 96
const H = 64
const PX_PER_CM = 10 // reach 0.8 cm = 8 px

/** A person core: every pixel left of x = 40 (the rest is background). */
function core(): Float32Array {
  const c = new Float32Array(W * H)
  for (let y = 0; y < H; y++) for (let x = 0; x < 40; x++) c[y * W + x] = 1
  return c
}

/** Planar RGB of a dark-haired core over a light background, with `paint(x, y)` = hair alpha over the background. */
function picture(
  paint: (x: number, y: number) => number,
  background: (x: number, y: number) => readonly [number, number, number] = () => [0.85, 0.82, 0.9]
): Float32Array {
  const hair = [0.25, 0.18, 0.12] as const
  const rgb = new Float32Array(3 * W * H)
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const a = x < 40 ? 1 : paint(x, y)
      const b = background(x, y)
      for (let c = 0; c < 3; c++) rgb[c * W * H + y * W + x] = a * hair[c]! + (1 - a) * b[c]!
    }
  }
  return rgb
}

describe('estimateWispAlpha', () => {
  it('recovers the alpha of a wisp just outside the core and leaves clean background at 0', () => {
    // a vertical wisp at x = 43..44 with alpha 0.5, i.e. 3-4 px past the core
    const rgb = picture((x) => (x === 43 || x === 44 ? 0.5 : 0))
    const alpha = estimateWispAlpha(rgb, core(), W, H, PX_PER_CM)
    for (let y = 8; y < H - 8; y++) {
      expect(alpha[y * W + 43]!).toBeGreaterThan(0.4)
      expect(alpha[y * W + 43]!).toBeLessThanOrEqual(0.6)
      expect(alpha[y * W + 46]!).toBe(0)
      expect(alpha[y * W + 60]!).toBe(0) // beyond the reach
      expect(alpha[y * W + 20]!).toBe(0) // inside the core: the segmentation's own alpha applies
    }
  })

  it('stays off where the background is as busy as the wisp', () => {
    // background stripes as contrasted as the wisp's pull: the matte must not take the background for hair
    const busy = (x: number, y: number): [number, number, number] =>
      (x + y) % 3 === 0 ? [0.45, 0.5, 0.4] : [0.85, 0.82, 0.9]
    const rgb = picture((x) => (x === 43 ? 0.5 : 0), busy)
    const alpha = estimateWispAlpha(rgb, core(), W, H, PX_PER_CM)
    let mean = 0
    for (let y = 8; y < H - 8; y++) mean += alpha[y * W + 43]! / (H - 16)
    expect(mean).toBeLessThan(0.1)
  })

  it('ignores hair that looks like the background (nothing to tell apart, nothing left behind)', () => {
    const rgb = picture(
      (x) => (x === 43 ? 0.5 : 0),
      () => [0.26, 0.19, 0.13]
    )
    const alpha = estimateWispAlpha(rgb, core(), W, H, PX_PER_CM)
    expect(alpha.every((a) => a === 0)).toBe(true)
  })
})

describe('smoothSeam', () => {
  it('turns a depth step at the region border into a ramp and keeps depth away from it', () => {
    const w = 40
    const h = 8
    const region = new Float32Array(w * h)
    const depth = new Float32Array(w * h)
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        region[y * w + x] = x < 20 ? 1 : 0
        depth[y * w + x] = x < 20 ? 50 : 140
      }
    }
    smoothSeam(depth, region, w, h, 2)
    const row = Array.from({ length: w }, (_, x) => depth[4 * w + x]!)
    // monotone ramp across the border, no step left larger than a third of the original
    for (let x = 1; x < w; x++) {
      expect(row[x]!).toBeGreaterThanOrEqual(row[x - 1]! - 1e-4)
      expect(row[x]! - row[x - 1]!).toBeLessThan(30)
    }
    // far from the border nothing moves
    expect(row[2]).toBeCloseTo(50, 3)
    expect(row[37]).toBeCloseTo(140, 3)
  })
})
