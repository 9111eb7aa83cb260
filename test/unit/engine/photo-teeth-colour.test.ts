import { describe, expect, it } from 'vitest'
import { photoTeethColour } from '../../../src/main/core/engine/avatar/photo-teeth-colour'

// 60 x 40 px: a mouth 40 px wide (x 10..50) whose upper lip's inner edge runs at y = 10 and the seam at y = 20.
// Lip red down to y 11, then teeth: white on the left (x < 30), yellowish on the right; dark below the seam.
const W = 60
const H = 40
const RED = [200, 60, 60]
const WHITE = [240, 240, 235]
const YELLOW = [220, 200, 140]
function picture(teethTop = 12): Uint8Array {
  const data = new Uint8Array(W * H * 3)
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const rgb = y < teethTop ? RED : y < 20 ? (x < 30 ? WHITE : YELLOW) : [30, 10, 10]
      data.set(rgb, 3 * (y * W + x))
    }
  return data
}
const upper = (): number => 10
const seam = (): number => 20

describe('photoTeethColour', () => {
  it("reads the photo's upper teeth, the whiter half of each column between the lip and the seam", () => {
    // The column starts a px under the edge (y 11, still lip): the whiter half is the teeth.
    const at = photoTeethColour({ data: picture(), width: W, height: H }, upper, seam, 10, 50, 40)!
    expect(at(15).map((v) => Math.round(v * 255))).toEqual(WHITE)
    expect(at(45).map((v) => Math.round(v * 255))).toEqual(YELLOW)
    // Across the boundary the running mean (2 px each way here) mixes the two.
    const mid = at(30)[2]! * 255
    expect(mid).toBeGreaterThan(YELLOW[2]!)
    expect(mid).toBeLessThan(WHITE[2]!)
  })

  it('gives the columns where the lips meet the nearest column with teeth, and null where none has any', () => {
    const closedLeft = (x: number): number => (x < 20 ? 10 : 20)
    const at = photoTeethColour({ data: picture(), width: W, height: H }, upper, closedLeft, 10, 50, 40)!
    expect(at(12).map((v) => Math.round(v * 255))).toEqual(WHITE)
    expect(photoTeethColour({ data: picture(), width: W, height: H }, upper, upper, 10, 50, 40)).toBeNull()
  })
})
