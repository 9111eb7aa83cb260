import { describe, expect, it } from 'vitest'
import { FARTHEST_GREY16, depthToGrey16 } from '../../../src/main/core/render/depth-to-grey16'

/** RGBA with the given alpha per pixel (colour is irrelevant to depth). */
const rgbaWithAlpha = (alphas: number[]): Uint8Array =>
  Uint8Array.from(alphas.flatMap((a) => [10, 20, 30, a]))

describe('depthToGrey16', () => {
  it('maps the nearest person pixel to white, the farthest to FARTHEST_GREY16, the background to black', () => {
    const depth = Float32Array.from([100, 110, 120, Number.POSITIVE_INFINITY])
    const grey = depthToGrey16(depth, rgbaWithAlpha([255, 255, 255, 0]))
    expect(Array.from(grey)).toEqual([65535, Math.round((65535 + FARTHEST_GREY16) / 2), FARTHEST_GREY16, 0])
  })

  it('ignores depth where the person layer is transparent, and weights soft edges by alpha', () => {
    const depth = Float32Array.from([5, 100, 120, 100])
    const grey = depthToGrey16(depth, rgbaWithAlpha([0, 255, 255, 51]))
    expect(grey[0]).toBe(0)
    expect(grey[1]).toBe(65535)
    expect(grey[2]).toBe(FARTHEST_GREY16)
    expect(grey[3]).toBe(Math.round(65535 * 0.2))
  })

  it('treats non-finite depth as background and copes with a flat person', () => {
    const grey = depthToGrey16(Float32Array.from([50, Number.NaN, 50]), rgbaWithAlpha([255, 255, 255]))
    expect(Array.from(grey)).toEqual([65535, 0, 65535])
    expect(Array.from(depthToGrey16(Float32Array.from([1, 2]), rgbaWithAlpha([0, 0])))).toEqual([0, 0])
  })

  it('refuses mismatched buffers', () => {
    expect(() => depthToGrey16(new Float32Array(4), new Uint8Array(12))).toThrow(RangeError)
  })
})
