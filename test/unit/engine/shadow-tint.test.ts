import { describe, expect, it } from 'vitest'
import {
  SHADOW_CHROMA_GAIN,
  SHADOW_TINT_RANGE,
  shadowTint
} from '../../../src/main/core/engine/avatar/shadow-tint'

// A 120 x 120 px picture whose skin patches (the landmarks shadowTint reads: both cheeks and the forehead) each
// sit in a 40 px box around (30, 70), (90, 70) and (60, 25); every other landmark is at (0, 0).
const PATCH_BOXES: [number[], number, number][] = [
  [[50, 187, 205, 36, 101, 118, 117, 123], 30, 70],
  [[280, 411, 425, 266, 330, 347, 346, 352], 90, 70],
  [[151, 108, 69, 104, 67, 109, 10, 338, 297, 333, 299, 337], 60, 25]
]
const landmarks = (): Float32Array => {
  const lm = new Float32Array(468 * 3)
  for (const [ids, cx, cy] of PATCH_BOXES) {
    // Alternate the box's corners so the landmarks' mean is its centre.
    ids.forEach((v, i) => {
      lm[3 * v] = cx + (i % 2 === 0 ? -20 : 20)
      lm[3 * v + 1] = cy + (i % 4 < 2 ? -20 : 20)
    })
  }
  return lm
}
const picture = (rgb: [number, number, number], outsidePatches?: [number, number, number]) => {
  const data = new Uint8Array(120 * 120 * 3)
  for (let y = 0; y < 120; y++) {
    for (let x = 0; x < 120; x++) {
      const inPatch = PATCH_BOXES.some(([, cx, cy]) => Math.hypot(x - cx, y - cy) <= 15)
      data.set(inPatch || !outsidePatches ? rgb : outsidePatches, 3 * (y * 120 + x))
    }
  }
  return { data, width: 120, height: 120 }
}

describe('shadowTint', () => {
  it("darkens warm skin's red less and its blue more than its green, by the skin's own log-chroma", () => {
    // Lips, hair or background outside the patches do not count.
    const [r, g, b] = shadowTint(picture([200, 150, 120], [40, 200, 40]), landmarks())
    expect(g).toBe(1)
    expect(r).toBeCloseTo(1 - SHADOW_CHROMA_GAIN * Math.log(200 / 150), 6)
    expect(b).toBeCloseTo(1 - SHADOW_CHROMA_GAIN * Math.log(120 / 150), 6)
    expect(r).toBeLessThan(0.75)
    expect(b).toBeGreaterThan(1.2)
  })

  it('leaves grey skin (a black-and-white photo) grey', () => {
    expect(shadowTint(picture([140, 140, 140]), landmarks())).toEqual([1, 1, 1])
  })

  it('keeps a strongly coloured estimate within its range', () => {
    expect(shadowTint(picture([250, 80, 30]), landmarks())).toEqual([
      SHADOW_TINT_RANGE[0],
      1,
      SHADOW_TINT_RANGE[1]
    ])
  })

  it('is no tint where no skin pixel is usable: too dark, clipped, or off the picture', () => {
    expect(shadowTint(picture([15, 10, 5]), landmarks())).toEqual([1, 1, 1])
    expect(shadowTint(picture([255, 255, 255]), landmarks())).toEqual([1, 1, 1])
    const off = landmarks().map((v) => v + 1000)
    expect(shadowTint(picture([200, 150, 120]), off)).toEqual([1, 1, 1])
  })
})
