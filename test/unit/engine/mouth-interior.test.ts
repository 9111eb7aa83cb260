import { describe, expect, it } from 'vitest'
import {
  DEFAULT_TOOTH_RGB,
  PHOTO_TEETH_SHADE,
  mouthLighting,
  paintMouthInterior
} from '../../../src/main/core/engine/avatar/mouth-interior'
import { BACK_TEXTURE_CHANNELS } from '../../../src/shared/engine/renderer-layout'

// 80 x 80 px, a mouth 40 px wide (x 20..60): the upper lip's inner edge runs flat at y = 20, the lower lip's at
// y = 22. The tests read the paint's shapes as drawn (it is not filtered).
const W = 80
const H = 80
const HW = W * H
const closeTo = (actual: number[], expected: number[]): void =>
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4))

function paint(mouthWidth: number, box: readonly [number, number, number, number]): Float32Array {
  const back = new Float32Array(BACK_TEXTURE_CHANNELS * HW).fill(0.5)
  const xs = [20, 30, 40, 50, 60]
  paintMouthInterior(back, W, H, {
    upper: xs.map((x) => [x, 20] as const),
    lower: xs.map((x) => [x, 22] as const),
    mouthWidth,
    box,
    teeth: true
  })
  return back
}

describe('paintMouthInterior', () => {
  const back = paint(40, [16, 18, 64, 50])
  const at = (c: number, x: number, y: number): number => back[c * HW + y * W + x]!
  const lum = (c0: number, x: number, y: number): number =>
    (at(c0, x, y) + at(c0 + 1, x, y) + at(c0 + 2, x, y)) / 3
  // The jaw's paint is premultiplied by its alpha (channel 9).
  const jawRgb = (x: number, y: number): number[] => [6, 7, 8].map((c) => at(c, x, y) / at(9, x, y))

  it('paints the still paint inside the box and the jaw paint up to 0.6 mouth widths above it; no lip data', () => {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inX = x >= 16 && x <= 64
        const still = inX && y >= 18 && y <= 50
        const jaw = inX && y <= 50 // 18 - 0.6 * 40 < 0: from the top
        for (const c of [0, 1, 2, 10]) if (!still) expect(at(c, x, y)).toBe(0.5)
        for (const c of [6, 7, 8, 9]) if (!jaw) expect(at(c, x, y)).toBe(0.5)
        for (const c of [3, 4, 5]) expect(at(c, x, y)).toBe(0.5)
      }
    }
  })

  it('shows a bright upper tooth row right under the upper lip, the dark cavity below it', () => {
    // Teeth 0.09 mouth widths (3.6 px) tall in the middle: y 20..23.
    expect(at(10, 40, 21)).toBeCloseTo(1, 3)
    expect(lum(0, 40, 22)).toBeGreaterThan(0.5)
    expect(at(10, 40, 26)).toBe(0)
    expect(lum(0, 40, 26)).toBeLessThan(0.12)
    // Behind the lip (a raised lip shows teeth, not the cavity); the front teeth alike, darker toward the corners.
    expect(at(10, 40, 18)).toBeCloseTo(1, 3)
    expect(lum(0, 47, 20)).toBeGreaterThan(0.95 * lum(0, 43, 20))
    expect(lum(0, 57, 20)).toBeLessThan(0.7 * lum(0, 40, 20))
    // A gap between the central incisors: darker than the middle of an incisor.
    expect(lum(0, 40, 21)).toBeLessThan(0.98 * lum(0, 43, 21))
  })

  it('paints the lower tooth row just above the lower lip, the tongue above it, nothing higher up', () => {
    // Lower teeth 0.05 mouth widths (2 px) above y = 22.
    expect(at(9, 40, 21)).toBeCloseTo(1, 3)
    expect(Math.min(...jawRgb(40, 21))).toBeGreaterThan(0.45)
    // Tongue: up to 0.13 mouth widths (5.2 px) above the lip in the middle, reddish, darker toward the throat.
    expect(at(9, 40, 18)).toBeCloseTo(1, 3)
    const [r, g, b] = jawRgb(40, 18)
    expect(r).toBeGreaterThan(1.5 * g!)
    expect(r).toBeGreaterThan(1.5 * b!)
    expect(jawRgb(40, 17)[0]).toBeLessThan(jawRgb(40, 19)[0]!)
    // Above it, and past the corners, the jaw paints nothing: the still cavity shows.
    expect(at(9, 40, 12)).toBe(0)
    expect(at(9, 63, 18)).toBe(0)
  })

  it('scales with the mouth: a mouth twice as wide has teeth twice as tall', () => {
    const wide = paint(80, [0, 18, 79, 70])
    const rows = (b: Float32Array): number => {
      let n = 0
      for (let y = 20; y < 40; y++) n += b[10 * HW + y * W + 40]!
      return n
    }
    expect(rows(wide) / rows(back)).toBeCloseTo(2, 0)
  })

  it('where the photo shows its teeth, paints teeth only behind the upper lip, none in the opening', () => {
    const photo = new Float32Array(BACK_TEXTURE_CHANNELS * HW)
    const xs = [20, 30, 40, 50, 60]
    paintMouthInterior(photo, W, H, {
      upper: xs.map((x) => [x, 24] as const),
      lower: xs.map((x) => [x, 24] as const),
      upperInner: xs.map((x) => [x, 20] as const),
      mouthWidth: 40,
      box: [16, 12, 64, 50],
      teeth: false
    })
    const alpha = (y: number): number => photo[10 * HW + y * W + 40]!
    expect(alpha(17)).toBeGreaterThan(0.9) // behind the upper lip: a raised lip uncovers teeth
    expect(alpha(21)).toBe(0) // the photo's own teeth show here
    // no lower teeth: just above the lower edge the jaw paint is the reddish tongue
    const i = 22 * W + 40
    expect(photo[6 * HW + i]!).toBeGreaterThan(1.5 * photo[7 * HW + i]!)
  })

  it("continues the photo's own teeth behind the upper lip in their colour, the gums above them, the cavity dark", () => {
    const photo = new Float32Array(BACK_TEXTURE_CHANNELS * HW)
    const xs = [20, 30, 40, 50, 60]
    // The photo's teeth under the lip: white on the left half, yellowish on the right.
    const teethAt = (x: number): [number, number, number] => (x < 40 ? [0.95, 0.95, 0.93] : [0.9, 0.85, 0.6])
    paintMouthInterior(photo, W, H, {
      upper: xs.map((x) => [x, 24] as const),
      lower: xs.map((x) => [x, 24] as const),
      upperInner: xs.map((x) => [x, 20] as const),
      mouthWidth: 40,
      box: [16, 2, 64, 50],
      teeth: false,
      upperTeethRgb: teethAt
    })
    const rgb = (x: number, y: number): number[] => [0, 1, 2].map((c) => photo[c * HW + y * W + x]!)
    // 1.5 px behind the lip (0.04 of the width): the photo's teeth under the lip's light shadow, no painted gaps.
    closeTo(
      rgb(30, 18),
      teethAt(30).map((v) => v * PHOTO_TEETH_SHADE)
    )
    closeTo(
      rgb(50, 18),
      teethAt(50).map((v) => v * PHOTO_TEETH_SHADE)
    )
    expect(photo[10 * HW + 18 * W + 30]!).toBeCloseTo(1, 5)
    // 0.1 of the width up (past the rest of the crowns, about 3 mm): the gums, red over green and blue, not the
    // dark cavity; darker higher up, into the fold under the lip.
    const [r, g, b] = rgb(30, 15)
    expect(photo[10 * HW + 15 * W + 30]!).toBe(0)
    expect(r).toBeGreaterThan(1.5 * g)
    expect(r).toBeGreaterThan(1.5 * b)
    expect(r).toBeGreaterThan(0.5)
    expect(rgb(30, 8)[0]!).toBeLessThan(0.8 * r)
    // Below the lip's edge, deeper in (where an opened jaw shows it), the cavity stays dark.
    expect(Math.max(...rgb(40, 40))).toBeLessThan(0.1)
    // The jaw's paint keeps no lower teeth (the photo's own lower row shows in its opening): the tongue, red.
    const k = 23 * W + 30
    expect(photo[6 * HW + k]!).toBeGreaterThan(1.5 * photo[7 * HW + k]!)
  })

  it('clips a box that reaches past the image', () => {
    const clipped = paint(40, [-10, -10, 90, 90])
    expect(clipped.subarray(0, 3 * HW).every((v) => v < 0.5 || v > 0.5)).toBe(true)
  })
})

describe('mouthLighting', () => {
  const skin = (r: number, g: number, b: number): Uint8Array => {
    const rgb = new Uint8Array(3 * 16)
    for (let i = 0; i < 16; i++) rgb.set([r, g, b], 3 * i)
    return rgb
  }
  const box = [0, 0, 3, 3] as const

  it('keeps the default teeth on bright skin, dims and warms them on a dim brown painting', () => {
    const bright = mouthLighting(skin(235, 190, 160), 4, 4, box)
    const dim = mouthLighting(skin(120, 80, 50), 4, 4, box)
    expect(bright.tooth[1]).toBeGreaterThan(0.9 * DEFAULT_TOOTH_RGB[1])
    // a dark painting's skin is dark by its colour as much as by its light: the teeth dim by the square root
    expect(dim.tooth[1]).toBeLessThan(0.8 * bright.tooth[1])
    expect(dim.tooth[1]).toBeGreaterThan(0.6 * bright.tooth[1])
    expect(dim.tooth[0] / dim.tooth[2]).toBeGreaterThan(bright.tooth[0] / bright.tooth[2])
    expect(bright.chroma).toBe(1)
  })

  it('greys the painted interior of a black-and-white photo', () => {
    const grey = mouthLighting(skin(150, 150, 150), 4, 4, box)
    expect(grey.chroma).toBe(0)
    const back = new Float32Array(BACK_TEXTURE_CHANNELS * HW)
    const xs = [20, 30, 40, 50, 60]
    paintMouthInterior(back, W, H, {
      upper: xs.map((x) => [x, 20] as const),
      lower: xs.map((x) => [x, 22] as const),
      mouthWidth: 40,
      box: [16, 18, 64, 50],
      teeth: true,
      toothRgb: grey.tooth,
      chroma: grey.chroma
    })
    for (const y of [21, 30]) {
      const i = y * W + 40
      expect(back[i]).toBeCloseTo(back[HW + i]!, 6)
      expect(back[i]).toBeCloseTo(back[2 * HW + i]!, 6)
    }
  })
})
