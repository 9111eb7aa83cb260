import { InferenceSession, Tensor } from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { buildGeneratorGraph } from '../../../build/pack/generator-graph'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { MAX_LID_LIFT, liftShutLidTone } from '../../../src/main/core/engine/avatar/lid-tone'
import { LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'
import { twoEyeLandmarks } from './avatar-synthetic-face'

// twoEyeLandmarks' scene: 200 x 100 px at 10 px per cm (2 px cells), upper margins' middle at y = 44, brows' lower
// edge at y = 24.
const grid = createAvatarGrid(200, 100, 10)
const lm = twoEyeLandmarks()
// The picture: skin of luminance 180 everywhere but the sockets between the brows and the upper margins (y 24 to
// 44), which are a dark grey `socket` (the right one) and `leftSocket`.
const picture = (
  socket: number,
  leftSocket = socket
): { data: Uint8Array; width: number; height: number } => {
  const data = new Uint8Array(200 * 100 * 3).fill(180)
  for (let y = 24; y < 44; y++) {
    for (let x = 0; x < 200; x++) {
      const v = Math.abs(x - 60) < 20 ? socket : Math.abs(x - 140) < 20 ? leftSocket : 180
      data.fill(v, 3 * (y * 200 + x), 3 * (y * 200 + x) + 3)
    }
  }
  return { data, width: 200, height: 100 }
}
// Directions: blinkR (the right upper margin drops 16 px at +1), a brow raise, blinkL (the left margin drops).
// Each blink moves its own upper lid's skin down, from below the brow to the margin.
const names = ['blinkR', 'browInnerUp', 'blinkL']
const K = names.length
const vertexBasis = new Float32Array(468 * K * 3)
for (const v of RIGHT_EYE.upper) vertexBasis[(v * K + 0) * 3 + 1] = 16
for (const v of LEFT_EYE.upper) vertexBasis[(v * K + 2) * 3 + 1] = 16
const cellBasis = new Float32Array(3 * K * grid.cells)
for (let i = 0; i < grid.cells; i++) {
  const [x, y] = [grid.cx(i), grid.cy(i)]
  if (y > 24 && y < 50 && Math.abs(x - 60) < 15) cellBasis[grid.cells + i] = Math.min(16, y - 24)
  if (y > 24 && y < 50 && Math.abs(x - 140) < 15)
    cellBasis[(3 * 2 + 1) * grid.cells + i] = Math.min(16, y - 24)
  cellBasis[4 * grid.cells + i] = y < 30 ? -5 : 0
}
const lifted = (socket: number, leftSocket = socket): Float32Array => {
  const shading = new Float32Array(K * grid.cells)
  liftShutLidTone(shading, grid, picture(socket, leftSocket), lm, cellBasis, vertexBasis, names)
  return shading
}
const at = (shading: Float32Array, k: number, x: number, y: number): number =>
  shading[k * grid.cells + Math.floor(y / grid.cell) * grid.gw + Math.floor(x / grid.cell)]!

describe('liftShutLidTone', () => {
  it("lifts a dark upper lid toward the cheek's tone, no further than the renderer's clip", () => {
    // Socket 120, cheek 180: 0.92 x 180 / 120 − 1 = 0.38 in the lid's middle.
    expect(at(lifted(120), 0, 61, 37)).toBeCloseTo((0.92 * 180) / 120 - 1, 2)
    // A socket of 40 would need 3.1×: the lift stops at MAX_LID_LIFT.
    expect(at(lifted(40), 0, 61, 37)).toBeCloseTo(MAX_LID_LIFT, 5)
  })

  it('never darkens: a lid as light as the cheek is left as it is, and the skin outside the lid too', () => {
    expect(lifted(180).every((v) => v === 0)).toBe(true)
    const s = lifted(100)
    expect(at(s, 0, 61, 37)).toBeGreaterThan(0)
    // Below the margin (the eye and the lower lid), above the brow's lower edge, beyond the eye's corners.
    for (const [x, y] of [
      [61, 50],
      [61, 60],
      [61, 21],
      [35, 37]
    ] as const) {
      expect(at(s, 0, x, y)).toBe(0)
    }
  })

  it('keeps the lash line at the margin and the brow above dark: the lift fades in from both', () => {
    const s = lifted(100)
    const middle = at(s, 0, 61, 35)
    expect(middle).toBeGreaterThan(0.5)
    expect(at(s, 0, 61, 43)).toBeLessThan(0.5 * middle)
    expect(at(s, 0, 61, 25)).toBeLessThan(0.6 * middle)
  })

  it('leaves a lit lid alone: a dark crease on a lid as light as the cheek is not lifted', () => {
    const image = picture(180)
    // A 4 px crease of 100 across the right lid (y 36 to 40); the lid's median stays the cheek's 180.
    for (let y = 36; y < 40; y++) image.data.fill(100, 3 * (y * 200 + 40), 3 * (y * 200 + 80))
    const lit = new Float32Array(K * grid.cells)
    liftShutLidTone(lit, grid, image, lm, cellBasis, vertexBasis, names)
    expect(lit.every((v) => v === 0)).toBe(true)
    // In a shaded socket (the lid's median at 120 of 180) the same crease is lifted.
    const shaded = picture(120)
    for (let y = 36; y < 40; y++) shaded.data.fill(110, 3 * (y * 200 + 40), 3 * (y * 200 + 80))
    const lifted2 = new Float32Array(K * grid.cells)
    liftShutLidTone(lifted2, grid, shaded, lm, cellBasis, vertexBasis, names)
    expect(at(lifted2, 0, 61, 37)).toBeCloseTo((0.92 * 180) / 110 - 1, 2)
  })

  it('lifts only the eye each blink closes, and no other direction', () => {
    const s = lifted(100, 100)
    expect(at(s, 0, 61, 35)).toBeGreaterThan(0)
    expect(at(s, 0, 141, 35)).toBe(0)
    expect(at(s, 2, 141, 35)).toBeGreaterThan(0)
    expect(at(s, 2, 61, 35)).toBe(0)
    expect(s.subarray(grid.cells, 2 * grid.cells).every((v) => v === 0)).toBe(true)
    // Each side aims at its own tone: a lighter left socket is lifted less.
    const own = lifted(100, 140)
    expect(at(own, 2, 141, 35)).toBeLessThan(at(own, 0, 61, 35))
  })

  it("changes nothing at zero code: the generator scales the lift by the blink's onset", async () => {
    const shading = lifted(100)
    const n = grid.cells
    const c = 3 + 4 * K
    const features = new Float32Array(c * n)
    features.set(shading, (3 + 3 * K) * n)
    const session = await InferenceSession.create(buildGeneratorGraph(K).bytes)
    const run = async (code: number[]): Promise<Float32Array> =>
      (
        await session.run({
          features: new Tensor('float32', features, [1, c, n]),
          code: new Tensor('float32', Float32Array.from(code), [1, K])
        })
      ).shade!.data as Float32Array
    expect((await run([0, 0, 0])).every((v) => v === 0)).toBe(true)
    expect((await run([-1, 0, 0])).every((v) => v === 0)).toBe(true)
    const half = await run([0.5, 0, 0])
    const i = Math.floor(35 / grid.cell) * grid.gw + Math.floor(61 / grid.cell)
    expect(shading[i]!).toBeGreaterThan(0.3)
    // onset(0.5) = 0.25: the lift sets in with the closing lid (see generator-graph)
    expect(half[i]!).toBeCloseTo(0.25 * shading[i]!, 5)
    await session.release()
  })
})
