import { describe, expect, it } from 'vitest'
import { patchMatchFill } from '../../../src/main/core/engine/avatar/patch-match-fill'
import { pushPullFill } from '../../../src/main/core/engine/avatar/push-pull-fill'
import { seededRandom } from '../timeline/seeded-random'

const W = 128
const H = 128
const CX = 64
const CY = 60
const HOLE = 26

type Texture = 'stripes' | 'checker' | 'noise'

/** A textured plate with a disc-shaped hole (push-pull filled, as the avatar's plate is before the fill). */
function texturedPlate(texture: Texture) {
  const prng = seededRandom(7)
  const plate = new Float32Array(3 * W * H)
  const known = new Float32Array(W * H)
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x
      const v =
        texture === 'stripes'
          ? 0.5 + 0.25 * Math.sin((2 * Math.PI * (x + 0.5 * y)) / 9)
          : texture === 'checker'
            ? 0.3 + 0.4 * ((Math.floor(x / 6) + Math.floor(y / 6)) % 2)
            : 0.5 + 0.3 * (prng.next() - 0.5)
      for (let c = 0; c < 3; c++) plate[c * W * H + i] = v * (0.8 + 0.1 * c) + 0.05 * (x / W)
      known[i] = Math.hypot(x - CX, y - CY) < HOLE ? 0 : 1
    }
  const original = plate.slice()
  pushPullFill(plate, known, W, H, 3)
  const fill = Uint8Array.from(known, (k) => (k > 0 ? 0 : 1))
  const context = Uint8Array.from(known, (k) => (k > 0 ? 1 : 0))
  const source = new Uint8Array(W * H)
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const d = Math.hypot(x - CX, y - CY)
      source[y * W + x] = d >= HOLE + 2 && d <= HOLE + 40 ? 1 : 0
    }
  return { plate, original, known, masks: { fill, context, source } }
}

/** Luma (channel mean) of a planar RGB plate. */
function luma(plate: Float32Array): Float32Array {
  const l = new Float32Array(W * H)
  for (let i = 0; i < W * H; i++) l[i] = (plate[i]! + plate[W * H + i]! + plate[2 * W * H + i]!) / 3
  return l
}

/** Gradient magnitudes and 3 x 3 local variances of the pixels `where` selects. */
function statistics(plate: Float32Array, where: (x: number, y: number) => boolean) {
  const l = luma(plate)
  const gradients: number[] = []
  let variance = 0
  for (let y = 1; y < H - 1; y++)
    for (let x = 1; x < W - 1; x++) {
      if (!where(x, y)) continue
      const i = y * W + x
      gradients.push(Math.hypot(l[i + 1]! - l[i - 1]!, l[i + W]! - l[i - W]!) / 2)
      let s = 0
      let s2 = 0
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const v = l[i + dy * W + dx]!
          s += v
          s2 += v * v
        }
      variance += s2 / 9 - (s / 9) ** 2
    }
  gradients.sort((a, b) => a - b)
  const quantile = (q: number) => gradients[Math.floor(q * (gradients.length - 1))]!
  return {
    meanGradient: gradients.reduce((a, b) => a + b, 0) / gradients.length,
    gradientQuartiles: [quantile(0.25), quantile(0.5), quantile(0.75)],
    variance: variance / gradients.length
  }
}

const inHole = (x: number, y: number) => Math.hypot(x - CX, y - CY) < HOLE - 2
const around = (x: number, y: number) => {
  const d = Math.hypot(x - CX, y - CY)
  return d > HOLE + 4 && d < HOLE + 30
}

/** Hole statistics over the surround's: 1 = the same texture. */
function ratios(plate: Float32Array): number[] {
  const a = statistics(plate, inHole)
  const b = statistics(plate, around)
  return [
    a.meanGradient / b.meanGradient,
    a.variance / b.variance,
    ...a.gradientQuartiles.map((q, k) => (q + 1e-3) / (b.gradientQuartiles[k]! + 1e-3))
  ]
}

describe('patchMatchFill', () => {
  for (const texture of ['stripes', 'checker', 'noise'] as const) {
    it(`fills a hole in ${texture} with the surrounding texture statistics (push-pull alone does not)`, () => {
      const { plate, masks } = texturedPlate(texture)
      const smear = ratios(plate)
      // Push-pull is a blur: gradient and local variance far below the surrounding plate's.
      expect(smear[0]).toBeLessThan(0.5)
      expect(smear[1]).toBeLessThan(0.5)
      expect(patchMatchFill(plate, W, H, masks)).not.toBeNull()
      for (const x of ratios(plate)) {
        expect(x).toBeGreaterThan(0.75)
        expect(x).toBeLessThan(1.25)
      }
    })
  }

  it('keeps the statistics when it matches at a coarser level and copies the full-resolution detail', () => {
    for (const texture of ['stripes', 'noise'] as const) {
      const { plate, masks } = texturedPlate(texture)
      const result = patchMatchFill(plate, W, H, masks, { maxWorkPixels: 600 })
      expect(result!.workLevel).toBeGreaterThan(0)
      for (const x of ratios(plate)) {
        expect(x).toBeGreaterThan(0.75)
        expect(x).toBeLessThan(1.25)
      }
    }
  })

  it('is deterministic, and writes only the fill', () => {
    const a = texturedPlate('noise')
    const b = texturedPlate('noise')
    const before = a.plate.slice()
    patchMatchFill(a.plate, W, H, a.masks)
    patchMatchFill(b.plate, W, H, b.masks)
    expect(a.plate).toEqual(b.plate)
    let changed = 0
    for (let i = 0; i < W * H; i++) {
      for (let c = 0; c < 3; c++) {
        const k = c * W * H + i
        if (a.masks.fill[i]) changed += a.plate[k] !== before[k] ? 1 : 0
        else expect(a.plate[k]).toBe(before[k])
      }
    }
    expect(changed).toBeGreaterThan(0)
    // Another seed: another arrangement of the same texture.
    const c = texturedPlate('noise')
    patchMatchFill(c.plate, W, H, c.masks, { seed: 99 })
    expect(c.plate).not.toEqual(a.plate)
  })

  it('copies only from the sources', () => {
    // A red band in the known plate that is context (compared against) but no source: like hair or a
    // shoulder next to the background, it must not be copied into the hole.
    const { plate, masks } = texturedPlate('noise')
    const source = masks.source.slice()
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const i = y * W + x
        if (Math.abs(x - (CX + HOLE + 12)) > 4 || masks.fill[i]) continue
        plate[i] = 1
        plate[W * H + i] = 0
        plate[2 * W * H + i] = 0
        source[i] = 0
      }
    patchMatchFill(plate, W, H, { ...masks, source })
    for (let i = 0; i < W * H; i++) {
      if (!masks.fill[i]) continue
      expect(plate[i]! - plate[W * H + i]!).toBeLessThan(0.5)
    }
  })

  it('gives up, leaving the plate alone, when no whole patch of source exists', () => {
    const { plate, masks } = texturedPlate('checker')
    const before = plate.slice()
    const source = new Uint8Array(W * H)
    for (let x = 0; x < W; x++) source[x] = 1 // one row: no 7 x 7 patch fits
    expect(patchMatchFill(plate, W, H, { ...masks, source })).toBeNull()
    expect(plate).toEqual(before)
  })
})
