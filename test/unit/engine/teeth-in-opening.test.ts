import { describe, expect, it } from 'vitest'
import { TEETH_WHITENESS_SHARE, teethInOpening } from '../../../src/main/core/engine/avatar/teeth-in-opening'

// 24 x 24 px at 2.5 px per cm. The inner lips at y = 5 and 12 across x = 2..22: the opening is rows 6..11 (one px
// in from each lip), the chin band 0.6..1.4 cm under the lower lip rows 14..16.
const size = 24
const upper = (): number => 5
const lower = (): number => 12

/** A portrait of skin `chin` (RGB) with the opening's rows painted `inside`. */
function portrait(
  chin: readonly number[],
  inside: readonly number[]
): { data: Uint8Array; width: number; height: number } {
  const data = new Uint8Array(3 * size * size)
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) data.set(y > 5 && y < 12 ? inside : chin, 3 * (y * size + x))
  }
  return { data, width: size, height: size }
}

describe('teethInOpening', () => {
  const skin = [200, 150, 120] // whiteness (least channel) 120
  const shows = (inside: readonly number[]): boolean =>
    teethInOpening(portrait(skin, inside), upper, lower, 2, 22, 2.5)

  it('finds teeth where the opening is whiter than the chin, in all three channels', () => {
    expect(shows([235, 230, 220])).toBe(true)
    // teeth in the shade of the lips: whiteness 100, 0.83 of the chin's
    expect(shows([150, 120, 100])).toBe(true)
  })

  it('takes a dark slit, or lips and gums (light only in red), for no teeth', () => {
    expect(shows([40, 20, 20])).toBe(false)
    expect(shows([220, 80, 80])).toBe(false)
    // just under the share of the chin's whiteness
    expect(shows([255, Math.floor(TEETH_WHITENESS_SHARE * 120) - 1, 255])).toBe(false)
  })

  it('reads the whitest quarter of the opening, so gaps and shadow between the teeth do not count', () => {
    const image = portrait(skin, [30, 30, 30])
    // two of the six rows white teeth: a third of the px, more than the quarter
    for (const y of [7, 8]) for (let x = 0; x < size; x++) image.data.set([240, 240, 235], 3 * (y * size + x))
    expect(teethInOpening(image, upper, lower, 2, 22, 2.5)).toBe(true)
  })

  it("keeps the landmarks' reading where there is nothing to compare", () => {
    // lips touching: no px between them
    expect(teethInOpening(portrait(skin, [40, 20, 20]), upper, () => 6, 2, 22, 2.5)).toBe(true)
  })
})
