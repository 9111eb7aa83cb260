import { describe, expect, it } from 'vitest'
import {
  chamferDistance,
  EDGE_FEATHER_PX,
  widenPersonLayer
} from '../../../src/main/core/engine/avatar/person-edge-band'

const W = 64
const H = 48

/** A disc of full coverage (radius 10 px around (32, 24)) with a 3 px soft rim outside it. */
function disc(): { coverage: Float32Array; layer: Float32Array } {
  const coverage = new Float32Array(W * H)
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const r = Math.hypot(x + 0.5 - 32, y + 0.5 - 24)
      coverage[y * W + x] = Math.max(0, Math.min(1, (13 - r) / 3))
    }
  }
  return { coverage, layer: Float32Array.from(coverage) }
}

describe('chamferDistance', () => {
  it('measures px along the axes and 4/3 px per diagonal step from the nearest known sample', () => {
    const known = new Float32Array(9 * 9)
    known[4 * 9 + 4] = 1
    const d = chamferDistance(known, 9, 9)
    expect(d[4 * 9 + 4]).toBe(0)
    expect(d[4 * 9 + 7]).toBeCloseTo(3, 6)
    expect(d[1 * 9 + 4]).toBeCloseTo(3, 6)
    expect(d[2 * 9 + 2]).toBeCloseTo(8 / 3, 6)
  })
})

describe('widenPersonLayer', () => {
  it('makes the band past the full-coverage core opaque, feathers its edge, and leaves the rest alone', () => {
    const { coverage, layer } = disc()
    const band = 6
    widenPersonLayer(layer, coverage, W, H, band, () => 1)
    const at = (x: number, y: number): number => layer[y * W + x]!
    // Along row 24 the core (coverage 1) ends at x = 41; x is d = x - 41 px from it.
    expect(at(32, 24)).toBe(1)
    for (let x = 41; x <= 41 + Math.floor(band - EDGE_FEATHER_PX); x++) expect(at(x, 24)).toBe(1)
    // past the band nothing changes (the original rim ended at x = 44)
    for (let x = 41 + band + 1; x < W; x++) expect(at(x, 24)).toBe(0)
    // the feather falls monotonically
    const row = Array.from({ length: 12 }, (_, k) => at(41 + k, 24))
    for (let k = 1; k < row.length; k++) expect(row[k]!).toBeLessThanOrEqual(row[k - 1]!)
    expect(row.some((v) => v > 0 && v < 1)).toBe(true)
  })

  it('never lowers alpha and follows the layer weight (no band where the layer fades out)', () => {
    const { coverage, layer } = disc()
    const before = Float32Array.from(layer)
    // the layer's weight is 0 on the left half (e.g. toward the shoulders)
    widenPersonLayer(layer, coverage, W, H, 6, (x) => (x < 32 ? 0 : 1))
    for (let i = 0; i < W * H; i++) expect(layer[i]!).toBeGreaterThanOrEqual(before[i]!)
    // row 24: the core spans x = 22..41; x = 19 and x = 44 are 3 px outside it, in the soft rim
    expect(layer[24 * W + 19]).toBe(before[24 * W + 19])
    expect(before[24 * W + 44]).toBeLessThan(1)
    expect(layer[24 * W + 44]).toBe(1)
  })

  it('does nothing for a band of 0 px or a layer without a full-coverage core', () => {
    const { coverage, layer } = disc()
    const before = Float32Array.from(layer)
    widenPersonLayer(layer, coverage, W, H, 0, () => 1)
    expect(layer).toEqual(before)
    const faint = coverage.map((v) => v * 0.5)
    widenPersonLayer(layer, faint, W, H, 6, () => 1)
    expect(layer).toEqual(before)
  })
})
