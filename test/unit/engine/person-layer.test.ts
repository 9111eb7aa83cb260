import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { buildPersonLayer } from '../../../src/main/core/engine/avatar/person-layer'
import { flatHead } from './avatar-synthetic-face'

// 24 x 24 px at 10 px per cm: 2 px cells (12 x 12), an edge band of 3 px.
const grid = createAvatarGrid(24, 24, 10)
const W = grid.width
const H = grid.height
const head = flatHead({ pivot: [12, 12, 40], scale: 10, radius: 4.5, depth: 30 })
const r = (x: number, y: number): number => Math.hypot(x + 0.5 - 12, y + 0.5 - 12)

/** Person probability 1 on a disc of radius 3 px around (12, 12), 0 elsewhere. */
function discMask(): Float32Array {
  const mask = new Float32Array(W * H)
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) mask[y * W + x] = r(x, y) <= 3 ? 1 : 0
  return mask
}

/** Grey person on white; with `fringe`, a half-transparent ring of hair colour just past the edge band. */
function portrait(fringe: boolean): Uint8Array {
  const rgb = new Uint8Array(3 * W * H)
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const d = r(x, y)
      const v = d <= 3 ? 60 : fringe && d > 6 && d <= 7.5 ? 155 : 250
      rgb.fill(v, 3 * (y * W + x), 3 * (y * W + x) + 3)
    }
  }
  return rgb
}

const noFace = (): { faceTri: Int32Array; inOpening: Uint8Array } => ({
  faceTri: new Int32Array(grid.cells).fill(-1),
  inOpening: new Uint8Array(grid.cells)
})

describe('buildPersonLayer', () => {
  it('is opaque on the segmented person, reaches the edge band past it, and is 0 beyond', () => {
    const layer = buildPersonLayer(grid, portrait(false), discMask(), head, noFace())
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const a = layer.alpha[y * W + x]!
        if (r(x, y) <= 3) expect(a).toBe(1)
        if (r(x, y) > 3 + 3 * Math.SQRT2 + 1) expect(a).toBe(0)
      }
    }
    // Along row 12 the core ends at x = 14: opaque 1 px past it, feathered 2 px past it, 0 from 3 px.
    expect(layer.alpha[12 * W + 15]).toBe(1)
    expect(layer.alpha[12 * W + 16]).toBeGreaterThan(0)
    expect(layer.alpha[12 * W + 16]).toBeLessThan(1)
    expect(layer.alpha[12 * W + 17]).toBe(0)
  })

  it('moves the cells within two cells of the layer and the face cells, never an opening', () => {
    const raster = noFace()
    raster.faceTri[0] = 0 // a face cell far from the layer
    const centre = 6 * grid.gw + 6
    raster.inOpening[centre] = 1
    const layer = buildPersonLayer(grid, portrait(false), discMask(), head, raster)
    expect(layer.moving[0]).toBe(1)
    expect(layer.moving[centre]).toBe(0)
    expect(layer.moving[grid.cells - 1]).toBe(0)
    expect(layer.moving[1]).toBe(0)
    // On row 6 the layer spans px 7..16 (cells 3..8): two cells further is still moving, three is not.
    expect(layer.moving[6 * grid.gw + 1]).toBe(1)
    expect(layer.moving[6 * grid.gw + 10]).toBe(1)
    expect(layer.moving[6 * grid.gw + 11]).toBe(0)
  })

  it("fades with the head's rigidity", () => {
    const stiffTop = { ...head, rigidityAt: (_x: number, y: number) => (y < 12 ? 1 : 0) }
    const layer = buildPersonLayer(grid, portrait(false), discMask(), stiffTop, noFace())
    expect(layer.alpha[10 * W + 12]).toBe(1)
    for (let y = 12; y < H; y++) for (let x = 0; x < W; x++) expect(layer.alpha[y * W + x]).toBe(0)
  })

  it("follows the head proxy's silhouette without a person mask", () => {
    const layer = buildPersonLayer(grid, portrait(false), null, head, noFace())
    expect(layer.alpha[12 * W + 12]).toBe(1)
    expect(layer.alpha[0]).toBe(0)
    expect(layer.wisp.every((v) => v === 0)).toBe(true)
  })

  it('takes a soft fringe past the band in with its matte alpha, marking it as wisp', () => {
    const layer = buildPersonLayer(grid, portrait(true), discMask(), head, noFace())
    let wisps = 0
    for (let i = 0; i < W * H; i++) {
      if (!layer.wisp[i]) continue
      wisps++
      const d = r(i % W, Math.floor(i / W))
      expect(d).toBeGreaterThan(3)
      expect(layer.alpha[i]).toBeGreaterThanOrEqual(0.05)
      expect(layer.alpha[i]).toBeLessThan(1)
    }
    expect(wisps).toBeGreaterThan(0)
    expect(buildPersonLayer(grid, portrait(false), discMask(), head, noFace()).wisp.some((v) => v > 0)).toBe(
      false
    )
  })
})
