import { InferenceSession } from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildRendererGraph } from '../../../build/pack/renderer-graph'
import { SQUARE_SOURCE, squareFeeds } from './square-scene'

// The square scene (square-scene.ts: a 56 px square of 4 px cells, rigid, in front of the pivot), red, over a blue
// plate, 160 x 160 source px rendered at its own size; optionally an occluder in the plate's fourth channel: a yellow bar (x 60-84, y 40-120 source px)
// across the square's left part, like a hand in front of a face.
const S = SQUARE_SOURCE
const P = S + 2 // the plate's 1 px margin on each side
const inBar = (x: number, y: number): boolean => x >= 60 && x < 84 && y >= 40 && y < 120

let session: InferenceSession
beforeAll(async () => {
  session = await InferenceSession.create(buildRendererGraph().bytes)
})
afterAll(async () => {
  await session.release()
})

/** The plate: blue, and with `occluder` a yellow bar whose alpha rides in a fourth channel. */
function plate(occluder: boolean): Float32Array {
  const channels = occluder ? 4 : 3
  const out = new Float32Array(channels * P * P)
  for (let py = 0; py < P; py++)
    for (let px = 0; px < P; px++) {
      const i = py * P + px
      const bar = occluder && inBar(px - 1 + 0.5, py - 1 + 0.5)
      out[i] = bar ? 1 : 0
      out[P * P + i] = bar ? 1 : 0
      out[2 * P * P + i] = bar ? 0 : 1
      if (occluder) out[3 * P * P + i] = bar ? 1 : 0
    }
  return out
}

/** RGBA bytes of the frame at `camera` (yaw, pitch, roll in degrees, zoom, pan x, pan y). */
async function render(camera: number[], occluder: boolean): Promise<Uint8Array> {
  const tex = new Float32Array(4 * S * S)
  tex.fill(1, 0, S * S) // red
  tex.fill(1, 3 * S * S) // person alpha 1
  const out = await session.run(
    squareFeeds({ camera, texture: tex, plate: plate(occluder), plateChannels: occluder ? 4 : 3 })
  )
  return out.rgba!.data as Uint8Array
}

const pixel = (rgba: Uint8Array, i: number): number[] => Array.from(rgba.subarray(4 * i, 4 * i + 4))
/** Output pixels at least `margin` px inside the bar (inside = true) or outside it (inside = false). */
function pixelsOf(inside: boolean, margin: number): number[] {
  const out: number[] = []
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      const [cx, cy] = [x + 0.5, y + 0.5]
      const deep = inBar(cx - margin, cy - margin) && inBar(cx + margin, cy + margin)
      const far =
        !inBar(cx - margin, cy - margin) &&
        !inBar(cx + margin, cy + margin) &&
        !inBar(cx - margin, cy + margin) &&
        !inBar(cx + margin, cy - margin)
      if (inside ? deep : far) out.push(y * S + x)
    }
  return out
}

describe('renderer graph (occluder in front of a turning head)', () => {
  it('keeps the occluder where it is, over the turning square, and changes nothing around it', async () => {
    const inside = pixelsOf(true, 1.5)
    const outside = pixelsOf(false, 1.5)
    for (const camera of [
      [0, 0, 0, 1, 0, 0],
      [30, 0, 0, 1, 0, 0],
      [-30, 0, 0, 1, 0, 0],
      [0, 20, 0, 1, 0, 0],
      [20, -15, 10, 1, 0, 0]
    ]) {
      const bare = await render(camera, false)
      const withBar = await render(camera, true)
      // The bar is opaque yellow wherever it is, whatever the square does behind it.
      for (const i of inside) expect(pixel(withBar, i)).toEqual([255, 255, 0, 255])
      // Without the occluder those pixels show the square (red) or the plate (blue), never yellow.
      expect(inside.some((i) => bare[4 * i]! > 200 && bare[4 * i + 1]! < 50)).toBe(true)
      // Around it the frame is the frame without an occluder, byte for byte.
      for (const i of outside) expect(pixel(withBar, i)).toEqual(pixel(bare, i))
    }
  })

  it('lets the square move behind it: the square covers other pixels next to the bar once turned', async () => {
    // The test above would pass with a square that never moves; the square's red next to the bar changes.
    const still = await render([0, 0, 0, 1, 0, 0], true)
    const turned = await render([30, 0, 0, 1, 0, 0], true)
    const red = (rgba: Uint8Array): number => pixelsOf(false, 1.5).filter((i) => rgba[4 * i]! > 128).length
    expect(red(still)).toBeGreaterThan(0)
    expect(Math.abs(red(turned) - red(still))).toBeGreaterThan(100)
  })
})
