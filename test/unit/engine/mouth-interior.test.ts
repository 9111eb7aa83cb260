import { describe, expect, it } from 'vitest'
import { paintMouthInterior } from '../../../src/main/core/engine/avatar/mouth-interior'

// 40 x 40 px, a 20 px mouth whose upper lip's inner edge runs flat at y = 10 from x = 10 to 30.
const W = 40
const H = 40
const HW = W * H

function paint(box: readonly [number, number, number, number]): Float32Array {
  const back = new Float32Array(6 * HW).fill(0.5)
  const upper = [30, 25, 20, 15, 10].map((x) => [x, 10] as const)
  paintMouthInterior(back, W, H, { upper, mouthWidth: 20, box })
  return back
}

describe('paintMouthInterior', () => {
  const back = paint([8, 8, 32, 30])
  const rgb = (x: number, y: number): [number, number, number] => [
    back[y * W + x]!,
    back[HW + y * W + x]!,
    back[2 * HW + y * W + x]!
  ]

  it('paints only the RGB inside the box', () => {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const inBox = x >= 8 && x <= 32 && y >= 8 && y <= 30
        for (let c = 0; c < 3; c++) {
          const v = back[c * HW + y * W + x]!
          if (inBox) {
            expect(v).toBeGreaterThanOrEqual(0)
            expect(v).toBeLessThan(0.5)
          } else expect(v).toBe(0.5)
        }
      }
    }
    expect(back.subarray(3 * HW).every((v) => v === 0.5)).toBe(true)
  })

  it('shows a band of teeth just under the upper lip, fading at the sides', () => {
    const sum = (v: readonly number[]): number => v[0]! + v[1]! + v[2]!
    expect(sum(rgb(20, 10))).toBeGreaterThan(3 * sum(rgb(20, 14)))
    expect(sum(rgb(20, 10))).toBeGreaterThan(sum(rgb(29, 10)))
  })

  it('darkens with depth into the mouth, a reddish tongue lower down in the middle', () => {
    // rel = (y + 0.5 - 10) / 20: 0.125 and 0.275 lie above the tongue, which starts at 0.3.
    expect(rgb(20, 12)[0]).toBeGreaterThan(rgb(20, 15)[0])
    expect(rgb(20, 22)[0]).toBeGreaterThan(rgb(20, 17)[0])
    expect(rgb(20, 22)[0]).toBeGreaterThan(rgb(29, 22)[0])
    for (const [x, y] of [
      [20, 14],
      [20, 22],
      [12, 25]
    ] as const) {
      const [r, g, b] = rgb(x, y)
      expect(r).toBeGreaterThan(g)
      expect(r).toBeGreaterThan(b)
    }
  })

  it('clips a box that reaches past the image', () => {
    const clipped = paint([-10, -10, 60, 60])
    expect(clipped.subarray(0, 3 * HW).every((v) => v < 0.5)).toBe(true)
    expect(clipped.subarray(3 * HW).every((v) => v === 0.5)).toBe(true)
  })
})
