import { describe, expect, it } from 'vitest'
import { FACE_OVAL } from '../../../src/main/core/engine/expression/face-regions'
import {
  faceOvalMask,
  headAlphaUnderOccluder,
  moveOccluderToPlate,
  plateWithOccluder
} from '../../../src/main/core/engine/avatar/occluder-layer'

// A 40 x 40 px portrait: the face (pink) on the left half, the background (grey) on the right; a yellow hand,
// x 12-28, y 10-30, across the face's edge at x = 20, with a one-px soft rim (matte 0.5).
const W = 40
const HW = W * W
const FACE = [0.9, 0.7, 0.65]
const GREY = [0.5, 0.5, 0.5]
const HAND = [0.95, 0.85, 0.3]
const onFace = (x: number): boolean => x < 20
const matteAt = (x: number, y: number): number =>
  x >= 12 && x < 28 && y >= 10 && y < 30 ? (x === 12 || x === 27 || y === 10 || y === 29 ? 0.5 : 1) : 0

function scene(): { matte: Float32Array; alpha: Float32Array; source: Uint8Array } {
  const matte = new Float32Array(HW)
  const alpha = new Float32Array(HW)
  const source = new Uint8Array(3 * HW)
  for (let i = 0; i < HW; i++) {
    const [x, y] = [i % W, Math.floor(i / W)]
    matte[i] = matteAt(x, y)
    // The segmentation takes the hand as person, wherever it is.
    alpha[i] = onFace(x) || matte[i]! > 0 ? 1 : 0
    const behind = onFace(x) ? FACE : GREY
    for (let c = 0; c < 3; c++)
      source[3 * i + c] = Math.round(255 * (matte[i]! * HAND[c]! + (1 - matte[i]!) * behind[c]!))
  }
  return { matte, alpha, source }
}

describe('occluder layer', () => {
  it('keeps the face whole under the hand and the background clear of it', () => {
    const { matte, alpha } = scene()
    const head = headAlphaUnderOccluder(alpha, matte, W, W, (x) => onFace(x))
    expect(head[20 * W + 15]).toBe(1) // under the hand, on the face
    expect(head[20 * W + 25]).toBe(0) // under the hand, over the background: the head does not go there
    expect(head[5 * W + 30]).toBe(alpha[5 * W + 30]) // away from the hand, unchanged
  })

  it('fills the face under the hand with the face and puts the hand in the plate, exact at the source camera', () => {
    const { matte, alpha, source } = scene()
    const head = headAlphaUnderOccluder(alpha, matte, W, W, (x) => onFace(x))
    const texture = new Float32Array(4 * HW)
    const plate = new Float32Array(3 * HW)
    for (let i = 0; i < HW; i++) {
      for (let c = 0; c < 3; c++) {
        texture[c * HW + i] = source[3 * i + c]! / 255
        plate[c * HW + i] = GREY[c]!
      }
      texture[3 * HW + i] = head[i]!
    }
    moveOccluderToPlate(texture, plate, source, matte, W, W, (x) => onFace(x))
    for (let c = 0; c < 3; c++) {
      // the head's colour under the hand is the face's, not the hand's
      expect(texture[c * HW + 20 * W + 15]).toBeCloseTo(FACE[c]!, 1)
      // the plate under the hand is the hand
      expect(plate[c * HW + 20 * W + 22]).toBeCloseTo(source[3 * (20 * W + 22) + c]! / 255, 6)
    }
    // The renderer's composite at the source camera, plate + a (colour - plate) with a = head alpha x (1 - matte),
    // gives the source back wherever the matte is (rim included).
    let worst = 0
    for (let i = 0; i < HW; i++) {
      if (matte[i] === 0) continue
      const a = texture[3 * HW + i]! * (1 - matte[i]!)
      for (let c = 0; c < 3; c++) {
        const shown = plate[c * HW + i]! + a * (texture[c * HW + i]! - plate[c * HW + i]!)
        const e = Math.abs(shown - source[3 * i + c]! / 255)
        worst = Math.max(worst, e)
      }
    }
    expect(worst).toBeLessThan(1 / 255)
  })

  it("adds the matte as the plate's fourth channel, inside the margin only", () => {
    const pad = 2
    const rgb = new Float32Array(3 * (W + 4) * (W + 4)).fill(0.25)
    const { matte } = scene()
    const out = plateWithOccluder(rgb, matte, W, W, pad)
    const P = W + 2 * pad
    expect(out).toHaveLength(4 * P * P)
    expect(Array.from(out.subarray(0, 3 * P * P))).toEqual(Array.from(rgb))
    expect(out[3 * P * P + (20 + pad) * P + 15 + pad]).toBe(1)
    expect(out[3 * P * P + (10 + pad) * P + 12 + pad]).toBe(0.5)
    expect(out[3 * P * P]).toBe(0)
    let inMargin = 0
    for (let y = 0; y < P; y++)
      for (let x = 0; x < P; x++)
        if (x < pad || y < pad || x >= W + pad || y >= W + pad) inMargin += out[3 * P * P + y * P + x]!
    expect(inMargin).toBe(0)
  })
})

describe('faceOvalMask', () => {
  it('fills the polygon of the face oval landmarks at pixel centres', () => {
    // The oval's landmarks on a circle of radius 10 about (20, 20); every other landmark at 0.
    const lm = new Float32Array(478 * 3)
    FACE_OVAL.forEach((k, j) => {
      const t = (2 * Math.PI * j) / FACE_OVAL.length
      lm[3 * k] = 20 + 10 * Math.cos(t)
      lm[3 * k + 1] = 20 + 10 * Math.sin(t)
    })
    const mask = faceOvalMask(lm, 40, 40)
    expect(mask[20 * 40 + 20]).toBe(1)
    expect(mask[20 * 40 + 28]).toBe(1)
    expect(mask[20 * 40 + 31]).toBe(0)
    expect(mask[5 * 40 + 20]).toBe(0)
    const area = mask.reduce((s, v) => s + v, 0)
    expect(area).toBeGreaterThan(0.95 * Math.PI * 100)
    expect(area).toBeLessThan(1.02 * Math.PI * 100)
  })
})
