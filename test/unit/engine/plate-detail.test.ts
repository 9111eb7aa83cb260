import { describe, expect, it } from 'vitest'
import { addPlateDetail, nearestKnown } from '../../../src/main/core/engine/avatar/plate-detail'
import { pushPullFill } from '../../../src/main/core/engine/avatar/push-pull-fill'
import { seededRandom } from '../timeline/seeded-random'

const W = 96
const H = 96

/** A textured background (grain over a gentle gradient) with a disc-shaped hole where a head was. */
function texturedPlate() {
  const prng = seededRandom(11)
  const random = (): number => prng.next()
  const plate = new Float32Array(3 * W * H)
  const known = new Float32Array(W * H)
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x
      const grain = 0.12 * (random() - 0.5)
      for (let c = 0; c < 3; c++) plate[c * W * H + i] = 0.4 + 0.2 * (x / W) + 0.05 * c + grain
      known[i] = Math.hypot(x - 48, y - 48) < 22 ? 0 : 1
    }
  return { plate, known }
}

/** Mean gradient magnitude of channel 0 over the pixels `where` selects. */
function meanGradient(plate: Float32Array, where: (x: number, y: number) => boolean): number {
  let s = 0
  let n = 0
  for (let y = 1; y < H - 1; y++)
    for (let x = 1; x < W - 1; x++) {
      if (!where(x, y)) continue
      const i = y * W + x
      s += Math.hypot(plate[i + 1]! - plate[i - 1]!, plate[i + W]! - plate[i - W]!) / 2
      n++
    }
  return s / n
}

describe('plate detail', () => {
  it('gives a push-pull filled hole the texture of the background around it', () => {
    const { plate, known } = texturedPlate()
    const original = plate.slice()
    pushPullFill(plate, known, W, H, 3)
    const inHole = (x: number, y: number) => Math.hypot(x - 48, y - 48) < 18
    const around = (x: number, y: number) => {
      const d = Math.hypot(x - 48, y - 48)
      return d > 26 && d < 40
    }
    const smear = meanGradient(plate, inHole) / meanGradient(plate, around)
    expect(smear).toBeLessThan(0.5) // push-pull alone is a blur
    const target = Uint8Array.from(known, (k) => (k > 0 ? 0 : 1))
    addPlateDetail(plate, known, target, W, H, { edgeBand: 2 })
    const filled = meanGradient(plate, inHole) / meanGradient(plate, around)
    expect(filled).toBeGreaterThan(0.75)
    expect(filled).toBeLessThan(1.25)
    // The background itself is untouched.
    for (let i = 0; i < W * H; i++) if (known[i]! > 0) expect(plate[i]).toBe(original[i])
  })

  it('leaves hole pixels outside the target alone', () => {
    const { plate, known } = texturedPlate()
    pushPullFill(plate, known, W, H, 3)
    const before = plate.slice()
    addPlateDetail(plate, known, new Uint8Array(W * H), W, H)
    expect(plate).toEqual(before)
  })
})

describe('nearestKnown', () => {
  it('finds the nearest known pixel of every pixel, and −1 when nothing is known', () => {
    const w = 7
    const h = 5
    const known = new Float32Array(w * h)
    known[0] = 1 // (0, 0)
    known[w * 4 + 6] = 1 // (6, 4)
    const seed = nearestKnown(known, w, h)
    const at = (x: number, y: number) => [seed.x[y * w + x], seed.y[y * w + x]]
    expect(at(0, 0)).toEqual([0, 0])
    expect(at(1, 1)).toEqual([0, 0]) // nearer (0, 0)
    expect(at(5, 3)).toEqual([6, 4]) // nearer (6, 4)
    expect(Array.from(nearestKnown(new Float32Array(4), 2, 2).x)).toEqual([-1, -1, -1, -1])
  })
})
