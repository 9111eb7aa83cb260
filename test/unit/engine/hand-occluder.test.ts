import { describe, expect, it } from 'vitest'
import { handOccluderMatte, type OccludingHand } from '../../../src/main/core/engine/avatar/hand-occluder'

// A 200 x 200 px portrait at 5 px per cm; an upright right hand, palm facing the camera: wrist at (100, 170), the
// MCPs 45 px (9 cm) above it, each finger's three joints 12 px apart above its MCP, the thumb to the left.
const W = 200
const SCALE = 5
const PINK = [230, 180, 170] as const

function uprightHand(presence = 0.99, shrink = 1): OccludingHand {
  const pts: [number, number][] = [[100, 170]]
  const thumb: [number, number][] = [
    [88, 160],
    [78, 148],
    [70, 138],
    [64, 128]
  ]
  pts.push(...thumb)
  for (const x of [85, 95, 105, 115]) for (let j = 0; j < 4; j++) pts.push([x, 125 - 12 * j])
  const landmarks = new Float32Array(63)
  pts.forEach(([x, y], k) => {
    landmarks[3 * k] = 100 + (x - 100) * shrink
    landmarks[3 * k + 1] = 170 + (y - 170) * shrink
  })
  return { landmarks, presence }
}

function image(paint?: (x: number, y: number) => readonly number[] | null): {
  data: Uint8Array
  width: number
  height: number
} {
  const data = new Uint8Array(3 * W * W)
  for (let i = 0; i < W * W; i++) {
    const c = paint?.((i % W) + 0.5, Math.floor(i / W) + 0.5) ?? PINK
    data.set(c, 3 * i)
  }
  return { data, width: W, height: W }
}

const onHead = (): number => 1
const at = (m: Float32Array, x: number, y: number): number => m[Math.floor(y) * W + Math.floor(x)]!

describe('handOccluderMatte', () => {
  it('covers the hand along its bones and palm, and nothing far from it', () => {
    const hand = uprightHand()
    const matte = handOccluderMatte([hand], image(), null, SCALE, onHead)
    expect(matte).not.toBeNull()
    for (let k = 0; k < 21; k++)
      expect(at(matte!, hand.landmarks[3 * k]!, hand.landmarks[3 * k + 1]!)).toBe(1)
    expect(at(matte!, 100, 150)).toBe(1) // the palm between wrist and MCPs
    expect(at(matte!, 20, 20)).toBe(0)
    expect(at(matte!, 100, 30)).toBe(0) // above the fingertips (at y 89)
    expect(at(matte!, 150, 120)).toBe(0) // right of the little finger
  })

  it('makes no occluder of an unsure, a small or an off-head hand', () => {
    expect(handOccluderMatte([uprightHand(0.6)], image(), null, SCALE, onHead)).toBeNull()
    // scaled to a third: 4 cm across, an ear's size
    expect(handOccluderMatte([uprightHand(0.99, 1 / 3)], image(), null, SCALE, onHead)).toBeNull()
    expect(handOccluderMatte([uprightHand()], image(), null, SCALE, () => 0)).toBeNull()
  })

  it('ends where the person segmentation ends', () => {
    const mask = new Float32Array(W * W).fill(1)
    for (let i = 0; i < W * W; i++) if (i % W >= 100) mask[i] = 0 // the right half is background
    const matte = handOccluderMatte([uprightHand()], image(), mask, SCALE, onHead)!
    expect(at(matte, 95, 110)).toBe(1)
    expect(at(matte, 115, 110)).toBe(0)
  })

  it('keeps only the hand’s colours in its rim: a blue patch past the fingertip stays out', () => {
    // Just above the index fingertip (85, 89), inside the widened shape but outside its core.
    const blue = (x: number, y: number): readonly number[] | null =>
      y >= 81 && y < 86 && x >= 80 && x < 90 ? [40, 60, 200] : null
    const plain = handOccluderMatte([uprightHand()], image(), null, SCALE, onHead)!
    const trimmed = handOccluderMatte([uprightHand()], image(blue), null, SCALE, onHead)!
    expect(at(plain, 85, 84)).toBe(1)
    expect(at(trimmed, 85, 84)).toBe(0)
    expect(at(trimmed, 85, 95)).toBe(1) // the fingertip itself stays
  })
})
