import { describe, expect, it } from 'vitest'
import { stretchEyes } from '../../../bench/eye-stretch'
import { LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'

const W = 200
const H = 100
/** Landmarks (468 x 3, image px) with each eye's corners 40 px apart on row 50, centres at x 50 and 150. */
function landmarks(): Float32Array {
  const lm = new Float32Array(468 * 3)
  for (const [eye, cx] of [
    [RIGHT_EYE, 50],
    [LEFT_EYE, 150]
  ] as const) {
    const a = eye.upper[0]!
    const b = eye.upper[eye.upper.length - 1]!
    lm.set([cx - 20, 50, 0], 3 * a)
    lm.set([cx + 20, 50, 0], 3 * b)
  }
  return lm
}
/** A picture whose red channel is its row (0..99) and alpha 255. */
function rows(): Uint8Array {
  const rgba = new Uint8Array(W * H * 4)
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) rgba.set([y, 0, 0, 255], 4 * (y * W + x))
  return rgba
}

describe('stretchEyes', () => {
  it('leaves the picture as it is at factor 1', () => {
    const rgba = rows()
    expect(stretchEyes(rgba, W, H, landmarks(), 1)).toEqual(rgba)
  })

  it('opens each eye about its centre: a row above the centre reads from nearer it, outside the window nothing moves', () => {
    const out = stretchEyes(rows(), W, H, landmarks(), 1.5)
    const red = (x: number, y: number): number => out[4 * (y * W + x)]!
    // 4 px above the centre of the right eye: stretched by almost 1.5, so it shows the row ~2.7 px above the centre
    expect(red(50, 46)).toBeGreaterThan(46)
    expect(red(50, 46)).toBeLessThan(49)
    expect(red(50, 54)).toBeLessThan(54)
    expect(red(150, 46)).toBeGreaterThan(46)
    // between the eyes (outside both windows) and far above them: unchanged
    expect(red(100, 46)).toBe(46)
    expect(red(50, 10)).toBe(10)
    expect(out[4 * (46 * W + 50) + 3]).toBe(255)
  })
})
