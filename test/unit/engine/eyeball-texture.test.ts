import { describe, expect, it } from 'vitest'
import { paintEyeball, paintEyeballs } from '../../../src/main/core/engine/avatar/eyeball-texture'
import { eyeRegions, irisCircle } from '../../../src/main/core/engine/avatar/eye-region'
import { distanceToRim, faceOpenings, inPolygon } from '../../../src/main/core/engine/avatar/face-openings'
import { LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'
import { blankLandmarks, placeEye } from './avatar-synthetic-face'

// 120 x 80 px at 20 px per cm (4 px cells). Eyes 32 px wide and 12 px tall, centred at (40, 40) and (90, 40). The
// photo: skin, sclera inside the openings, a dark lash line along the upper lids, and an iris of radius 7 px at
// (40, 38) / (90, 38) with a pupil, whose top (above y = 34) the upper lid hides.
const W = 120
const H = 80
const SCALE = 20
const CELL = 4
const SKIN = [200, 150, 130]
const SCLERA = [235, 235, 230]
const IRIS = [60, 110, 90]
const PUPIL = [10, 10, 10]
const LASH = [30, 20, 20]
const lm = blankLandmarks()
placeEye(lm, RIGHT_EYE, [40, 40], [16, 6], 0)
placeEye(lm, LEFT_EYE, [90, 40], [-16, 6], 0)
const openings = faceOpenings(lm, CELL).eyes
const regions = eyeRegions(lm, SCALE)

function photo(withIris = true): Uint8Array {
  const rgb = new Uint8Array(W * H * 3)
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const sx = x + 0.5
      const sy = y + 0.5
      let c = SKIN
      const eye = openings.findIndex((o) => inPolygon(sx, sy, o.polygon))
      if (eye >= 0) {
        const cx = eye === 0 ? 40 : 90
        const d = Math.hypot(sx - cx, sy - 38)
        c = d < 2.5 && withIris ? PUPIL : d < 7 && withIris ? IRIS : SCLERA
        // The lash line: the opening's top 1.5 px.
        if (!inPolygon(sx, sy - 1.5, openings[eye]!.polygon)) c = LASH
      }
      rgb.set(c, 3 * (y * W + x))
    }
  }
  return rgb
}

function irises(): Float32Array {
  const out = new Float32Array(30)
  ;[40, 90].forEach((cx, side) => {
    const pts = [
      [cx, 38],
      [cx - 7, 38],
      [cx + 7, 38],
      [cx, 31],
      [cx, 45]
    ]
    pts.forEach(([x, y], k) => out.set([x!, y!, 0], (5 * side + k) * 3))
  })
  return out
}

describe('paintEyeball', () => {
  const rgb = photo()
  const patches = paintEyeballs({ data: rgb, width: W, height: H }, openings, regions, irises(), {
    scale: SCALE
  })
  const at = (side: number, x: number, y: number): number[] => {
    const p = patches[side]!
    const i = (y - p.y0) * p.w + (x - p.x0)
    return [0, 1, 2].map((c) => 255 * p.rgb[c * p.w * p.h + i]!)
  }
  const close = (a: number[], b: readonly number[], tolerance: number): boolean =>
    a.every((v, c) => Math.abs(v - b[c]!) <= tolerance)

  it('covers the opening and reaches above it by the lid lift', () => {
    for (const [side, p] of patches.entries()) {
      const cx = side === 0 ? 40 : 90
      expect(p.x0).toBeLessThanOrEqual(cx - 16)
      expect(p.x0 + p.w).toBeGreaterThanOrEqual(cx + 16)
      // The upper lid's middle is at y = 34: 0.6 cm x 20 px/cm above it, and more for the gaze's reads.
      expect(p.y0).toBeLessThanOrEqual(34 - 12)
      expect(p.y0 + p.h).toBeGreaterThanOrEqual(46 + 6)
    }
  })

  it('is the photo exactly where the eye is visible, clear of the rim (its lash line is painted over)', () => {
    // Clear of the rim: past the lashes' clearance (0.15 of the 7 px iris radius) and the fade into the paint (0.3).
    const clear = 0.45 * 7
    let visible = 0
    for (const p of patches) {
      for (let y = 0; y < p.h; y++) {
        for (let x = 0; x < p.w; x++) {
          const i = y * p.w + x
          const sx = p.x0 + x + 0.5
          const sy = p.y0 + y + 0.5
          const nearRim = distanceToRim(sx, sy, openings[p === patches[0] ? 0 : 1]!.polygon) <= clear
          if (!p.visible[i] || nearRim) continue
          visible++
          const s = 3 * ((p.y0 + y) * W + p.x0 + x)
          for (let c = 0; c < 3; c++) expect(p.rgb[c * p.w * p.h + i]).toBeCloseTo(rgb[s + c]! / 255, 6)
        }
      }
    }
    expect(visible).toBeGreaterThan(150)
  })

  it('completes the iris to a full disk where the lid hides it, with sclera (not lashes or skin) around it', () => {
    for (const [side, cx] of [40, 90].entries()) {
      // The disk's hidden top (y < 34) takes the iris, not the lashes, the skin or the pupil.
      for (const [x, y] of [
        [cx, 32],
        [cx - 2, 33],
        [cx + 2, 33],
        [cx, 33]
      ] as const) {
        expect(
          close(at(side, x, y), IRIS, 30),
          `${x},${y}: ${at(side, x, y).map(Math.round).join(',')}`
        ).toBe(true)
      }
      // Past the disk, above the opening: the visible sclera's colour (its tint, at 75-100 % of its brightness:
      // shaded and mottled, see below; green and blue down by at most 6 % toward the corners), not the lashes or
      // the skin.
      for (const [x, y] of [
        [cx - 12, 30],
        [cx + 12, 28],
        [cx, 24]
      ] as const) {
        const [r, g, b] = at(side, x, y)
        const k = r! / SCLERA[0]!
        expect(k).toBeGreaterThan(0.75)
        expect(k).toBeLessThanOrEqual(1)
        for (const [v, c] of [
          [g!, 1],
          [b!, 2]
        ] as const) {
          expect(v).toBeLessThanOrEqual(k * SCLERA[c]! + 1)
          expect(v).toBeGreaterThanOrEqual(0.94 * k * SCLERA[c]! - 1)
        }
      }
      // The hidden part of the disk has one dark blob at most: no second pupil above the first.
      for (let y = 25; y < 34; y++) {
        for (let x = cx - 8; x <= cx + 8; x++) expect(Math.max(...at(side, x, y))).toBeGreaterThan(50)
      }
    }
  })

  it('shades the painted sclera: darker under the upper lid and toward the corners, as bright as the visible sclera beside the iris', () => {
    for (const [side, cx] of [40, 90].entries()) {
      const lum = (x: number, y: number): number => at(side, x, y).reduce((a, b) => a + b, 0) / 3
      // Higher above the iris's centre (y = 38): darker.
      expect(lum(cx + 12, 24)).toBeLessThan(lum(cx + 12, 30) - 2)
      // Toward the corners: darker, and warmer (blue down more than red).
      expect(lum(cx + 16, 30)).toBeLessThan(lum(cx + 10, 30) - 2)
      const warm = (x: number): number => at(side, x, 30)[2]! / at(side, x, 30)[0]!
      expect(warm(cx + 16)).toBeLessThan(warm(cx + 9) - 0.02)
      // Below the iris (under the lower lid): a little darker than beside it.
      expect(lum(cx, 50)).toBeLessThan(lum(cx + 9, 32))
      // Beside the iris, just above the opening: within 8 % of the visible sclera.
      expect(lum(cx + 9, 32)).toBeGreaterThan(0.92 * 233)
    }
  })

  it('shows the source inside the opening (mix 0) and the paint past its rim (mix 1); says how far inside', () => {
    const p = patches[0]!
    const at = (a: Float32Array, x: number, y: number): number => a[(y - p.y0) * p.w + (x - p.x0)]!
    expect(at(p.mix, 40, 40)).toBe(0)
    expect(at(p.mix, 40, 35)).toBe(0)
    expect(at(p.mix, 40, 30)).toBe(1)
    expect(at(p.mix, 40, 48)).toBe(1)
    // The opening spans y = 34..46 at x = 40: the centre is ~6 px inside, y = 30 ~4 px outside.
    expect(at(p.inside, 40, 40)).toBeGreaterThan(4.5)
    expect(at(p.inside, 40, 30)).toBeLessThan(-3)
  })

  it('falls back to a default iris and sclera where the photo shows neither', () => {
    const closed = new Uint8Array(W * H * 3)
    for (let i = 0; i < W * H; i++) closed.set(LASH, 3 * i)
    const iris = irisCircle(regions[0]!, undefined, 0)
    expect(iris.cx).toBeCloseTo(40, 0)
    expect(iris.r).toBeCloseTo(0.21 * 32, 0)
    const p = paintEyeball(closed, W, H, regions[0]!, openings[0]!.polygon, iris, 0)
    const i = (24 - p.y0) * p.w + (40 - p.x0)
    const rgb = [0, 1, 2].map((c) => p.rgb[c * p.w * p.h + i]!)
    // Above the opening, clear of the disk: the default sclera's tint in the eye's light (no brighter than 1.6 x
    // the brightest visible pixels, the lid's lashes here), not white.
    const lashLum = (0.299 * LASH[0]! + 0.587 * LASH[1]! + 0.114 * LASH[2]!) / 255
    const lum = 0.299 * rgb[0]! + 0.587 * rgb[1]! + 0.114 * rgb[2]!
    expect(lum).toBeLessThanOrEqual(1.6 * lashLum + 1e-6)
    expect(lum).toBeGreaterThan(0.6 * 1.6 * lashLum)
    expect(rgb[0]! / rgb[2]!).toBeCloseTo(0.9 / 0.84, 1)
    expect(Array.from(p.rgb).every(Number.isFinite)).toBe(true)
  })
})
