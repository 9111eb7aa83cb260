import { InferenceSession, Tensor } from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildRendererGraph } from '../../../build/pack/renderer-graph'

// A tiny synthetic avatar: an 8 x 8 source, 2 px cells (a 4 x 4 grid), left half red, right half blue,
// a green plate. One point per cell sampling its own pixel; person cells at depth 4 (in front of the pivot at
// depth 10), background cells at depth 30.
const W = 8
const CELL = 2
let session: InferenceSession

function texture(person: (x: number, y: number) => boolean): Float32Array {
  const t = new Float32Array(4 * W * W)
  for (let y = 0; y < W; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x
      t[i] = x < 4 ? 1 : 0
      t[2 * W * W + i] = x < 4 ? 0 : 1
      t[3 * W * W + i] = person(x + 0.5, y + 0.5) ? 1 : 0
    }
  }
  return t
}

async function render(
  extra: { at: [number, number]; depth: number; src: [number, number] }[],
  camera = [0, 0, 0, 1, 0, 0],
  person: (x: number, y: number) => boolean = () => true
) {
  const grid: [number, number, number, number, number][] = []
  for (let gy = 0; gy < 4; gy++) {
    for (let gx = 0; gx < 4; gx++) {
      const c: [number, number] = [(gx + 0.5) * CELL, (gy + 0.5) * CELL]
      grid.push([c[0], c[1], person(c[0], c[1]) ? 4 : 30, c[0], c[1]])
    }
  }
  for (const e of extra) grid.push([e.at[0], e.at[1], e.depth, e.src[0], e.src[1]])
  const n = grid.length
  const points = new Float32Array(3 * n)
  const attrs = new Float32Array(4 * n)
  grid.forEach(([x, y, z, sx, sy], p) => {
    points[p] = x
    points[n + p] = y
    points[2 * n + p] = z
    attrs[p] = sx
    attrs[n + p] = sy
    attrs[2 * n + p] = 1
  })
  // Grid points have their grid neighbours; the extra points have none (themselves).
  const neighbours = new BigInt64Array(4 * n)
  for (let p = 0; p < n; p++) {
    const gx = p % 4
    const gy = Math.floor(p / 4)
    const grid16 = p < 16
    neighbours[p] = BigInt(grid16 && gx > 0 ? p - 1 : p)
    neighbours[n + p] = BigInt(grid16 && gx < 3 ? p + 1 : p)
    neighbours[2 * n + p] = BigInt(grid16 && gy > 0 ? p - 4 : p)
    neighbours[3 * n + p] = BigInt(grid16 && gy < 3 ? p + 4 : p)
  }
  const plate = new Float32Array(3 * 10 * 10)
  plate.fill(1, 100, 200) // green
  const out = await session.run({
    points: new Tensor('float32', points, [1, 3, n]),
    pointAttrs: new Tensor('float32', attrs, [1, 4, n]),
    pointNeighbours: new Tensor('int64', neighbours, [4, n]),
    camera: new Tensor('float32', Float32Array.from(camera), [6]),
    view: new Tensor('float32', Float32Array.from([4, 4, 10, CELL, 1, W, W, 0.5, 0, 0]), [10]),
    gridShape: new Tensor('int64', BigInt64Array.from([4n, 4n]), [2]),
    texture: new Tensor('float32', texture(person), [1, 4, W, W]),
    plate: new Tensor('float32', plate, [1, 3, 10, 10]),
    backTexture: new Tensor('float32', new Float32Array(3 * W * W), [1, 3, W, W]),
    outSize: new Tensor('int64', BigInt64Array.from([8n, 8n]), [2])
  })
  return out.rgba!.data as Uint8Array
}

const pixel = (rgba: Uint8Array, x: number, y: number): number[] =>
  Array.from(rgba.slice(4 * (y * W + x), 4 * (y * W + x) + 4))

beforeAll(async () => {
  session = await InferenceSession.create(buildRendererGraph().bytes)
})
afterAll(async () => {
  await session.release()
})

describe('renderer graph (forward splat with a z-test)', () => {
  it('reproduces the source texture at the source camera', async () => {
    const rgba = await render([])
    for (let y = 0; y < W; y++) {
      for (let x = 0; x < W; x++)
        expect(pixel(rgba, x, y)).toEqual(x < 4 ? [255, 0, 0, 255] : [0, 0, 255, 255])
    }
  })

  it('keeps the nearest point where two land on one cell (self-occlusion)', async () => {
    const near = await render([{ at: [3, 3], depth: 0, src: [6, 3] }])
    expect(pixel(near, 3, 3)[2]).toBeGreaterThan(200) // the near point's blue source pixel wins
    const far = await render([{ at: [3, 3], depth: 8, src: [6, 3] }])
    expect(pixel(far, 3, 3)).toEqual([255, 0, 0, 255]) // hidden behind the red surface
  })

  it('composites the plate where the head uncovers the background', async () => {
    // Only the middle 4 x 4 px are person (alpha 1), their points sit in front of the pivot, so a yaw moves them
    // sideways; the other cells are background points far behind with alpha 0.
    const rgba = await render([], [40, 0, 0, 1, 0, 0], (x, y) => x >= 2 && x < 6 && y >= 2 && y < 6)
    const greenCount = Array.from({ length: W * W }, (_, i) => pixel(rgba, i % W, Math.floor(i / W))).filter(
      (p) => p[1]! > 200 && p[0]! < 60 && p[2]! < 60
    ).length
    expect(greenCount).toBeGreaterThan(0)
    expect(pixel(rgba, 0, 0)).toEqual([0, 255, 0, 0]) // background: plate, alpha 0
  })
})
