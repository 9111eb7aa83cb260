import { describe, expect, it } from 'vitest'
import { BACK_TEXTURE_CHANNELS, NO_EDGE_PX } from '../../../src/shared/engine/renderer-layout'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { buildTextures } from '../../../src/main/core/engine/avatar/avatar-textures'
import { plateMarginPx } from '../../../src/main/core/engine/avatar/plate-margin'
import { mouthBackLayer } from '../../../src/main/core/engine/avatar/mouth-back-layer'
import { blankLandmarks, placeMouth } from './avatar-synthetic-face'

// 24 x 24 px at 2.5 px per cm: 2 px cells. A person (RGB F) over a grey background B: opaque on a disc of
// radius 5 px around (12, 12), alpha 0.5 on the ring out to 6 px; the portrait is their composite.
const grid = createAvatarGrid(24, 24, 2.5)
const W = 24
const H = 24
const HW = W * H
const F = [40, 80, 120]
const B = [200, 200, 200]
const alpha = new Float32Array(HW)
const source = new Uint8Array(3 * HW)
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    const d = Math.hypot(x + 0.5 - 12, y + 0.5 - 12)
    const a = d < 5 ? 1 : d < 6 ? 0.5 : 0
    alpha[y * W + x] = a
    for (let c = 0; c < 3; c++) source[3 * (y * W + x) + c] = a * F[c]! + (1 - a) * B[c]!
  }
}
// Inner lips 10 x 3 px around (12, 10): the opening spans y 8.5..11.5 at x = 12.
const lm = blankLandmarks()
placeMouth(lm, [12, 10], 5, 1.5, 8)
const mouth = mouthBackLayer(grid, lm, 30, ['jawOpen'])
const layer = { alpha, wisp: new Uint8Array(HW) }
const noPad = { texturePad: 0, ramp: 0.75, capRadius: 22.5 }

describe('buildTextures', () => {
  const { texture, backTexture, plate } = buildTextures(grid, source, layer, mouth, noPad)
  const px = (x: number, y: number): number => y * W + x

  it("carries the person layer's alpha and un-mixes its soft edge from the plate", () => {
    expect(texture).toHaveLength(4 * HW)
    expect(texture.subarray(3 * HW)).toEqual(alpha)
    for (let c = 0; c < 3; c++) {
      // background and opaque person: the source as it is
      expect(texture[c * HW + px(1, 1)]).toBeCloseTo(B[c]! / 255, 6)
      expect(texture[c * HW + px(12, 12)]).toBeCloseTo(F[c]! / 255, 6)
      // the half-transparent ring: the person's own colour, the background taken out
      expect(texture[c * HW + px(17, 12)]).toBeCloseTo(F[c]! / 255, 3)
    }
  })

  it('fills the plate under the person from the background around it, mirrored past the edges', () => {
    const P = plateMarginPx(W, H)
    const pw = W + 2 * P
    const ph = H + 2 * P
    expect(plate).toHaveLength(3 * pw * ph)
    const at = (c: number, x: number, y: number): number => plate[c * pw * ph + (y + P) * pw + x + P]!
    for (let c = 0; c < 3; c++) {
      expect(at(c, 12, 12)).toBeCloseTo(B[c]! / 255, 4)
      expect(at(c, 17, 12)).toBeCloseTo(B[c]! / 255, 4)
      expect(at(c, -1, -1)).toBe(at(c, 0, 0))
      expect(at(c, W, 5)).toBe(at(c, W - 1, 5))
    }
  })

  it('paints the cavity behind the opening (its source has points of its own), the source elsewhere', () => {
    expect(backTexture).toHaveLength(BACK_TEXTURE_CHANNELS * HW)
    const rgb = (x: number, y: number): number[] => [0, 1, 2].map((c) => backTexture[c * HW + px(x, y)]!)
    const mix = (x: number, y: number): number => backTexture[5 * HW + px(x, y)]!
    // In the opening and behind the lower lip, where the jaw uncovers it: the painted cavity, dark and reddish
    // (this mouth shows its teeth: none painted).
    for (const y of [10, 16]) {
      expect(mix(12, y)).toBe(1)
      const cavity = rgb(12, y)
      expect(Math.max(...cavity)).toBeLessThan(0.3)
      expect(cavity[0]!).toBeGreaterThan(cavity[2]!)
    }
    // Away from the mouth: the source.
    expect(mix(1, 1)).toBe(1)
    rgb(1, 1).forEach((v, c) => expect(v).toBeCloseTo(B[c]! / 255, 6))
    rgb(22, 22).forEach((v, c) => expect(v).toBeCloseTo(B[c]! / 255, 6))
  })

  it("measures each px's vertical distance into the upper and lower lip from the seam between them", () => {
    // Inner lips at y 8.5 and 11.5 at x = 12: the seam half-way, at 10.
    const into = (channel: 3 | 4, y: number): number => backTexture[channel * HW + px(12, y)]!
    expect(into(3, 5)).toBeCloseTo(10 - 5.5, 1)
    expect(into(3, 10)).toBeLessThan(0)
    expect(into(4, 14)).toBeCloseTo(14.5 - 10, 1)
    expect(into(4, 9)).toBeLessThan(0)
  })

  it("where the mouth shows its teeth, measures the distance above the upper lip's inner edge", () => {
    // This mouth is open 3 px (1.2 cm) and, without an image to look at, taken to show its teeth: channel 11 is
    // positive above the upper lip's inner edge (8.5), negative below it.
    const above = (y: number): number => backTexture[11 * HW + px(12, y)]!
    expect(above(5)).toBeCloseTo(8.5 - 5.5, 1)
    expect(above(10)).toBeCloseTo(8.5 - 10.5, 1)
    // Past the mouth's box, and everywhere for a closed mouth, nothing cuts but the seam.
    expect(backTexture[11 * HW + px(1, 10)]).toBe(NO_EDGE_PX)
    const closedLm = blankLandmarks()
    placeMouth(closedLm, [12, 10], 5, 0.1, 8)
    const closed = mouthBackLayer(grid, closedLm, 30, ['jawOpen'])
    expect(closed.showsTeeth).toBe(false)
    const closedBack = buildTextures(grid, source, layer, closed, noPad).backTexture
    expect(closedBack.subarray(11 * HW, 12 * HW).every((v) => v === NO_EDGE_PX)).toBe(true)
  })

  it('pads the texture past the frame when the margin asks for it', () => {
    const pad = 3
    const padded = buildTextures(grid, source, layer, mouth, { ...noPad, texturePad: pad }).texture
    const PW = W + 2 * pad
    const PH = H + 2 * pad
    expect(padded).toHaveLength(4 * PW * PH)
    for (let c = 0; c < 4; c++) {
      for (const [x, y] of [
        [0, 0],
        [12, 12],
        [17, 12],
        [23, 5]
      ] as const) {
        expect(padded[c * PW * PH + (y + pad) * PW + x + pad]).toBe(texture[c * HW + px(x, y)])
      }
    }
  })
})
