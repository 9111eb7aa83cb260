import { describe, expect, it } from 'vitest'
import { createAvatarGrid } from '../../../src/main/core/engine/avatar/avatar-grid'
import { type CellDepth } from '../../../src/main/core/engine/avatar/cell-depth'
import { faceOpenings, inPolygon } from '../../../src/main/core/engine/avatar/face-openings'
import { mouthBackLayer } from '../../../src/main/core/engine/avatar/mouth-back-layer'
import { PHOTO_TEETH_SIDE } from '../../../src/main/core/engine/avatar/mouth-points'
import {
  assemblePoints,
  splatWindow,
  type PointLayers
} from '../../../src/main/core/engine/avatar/point-assembly'
import { INNER_LIP_LOWER, INNER_LIP_UPPER } from '../../../src/main/core/engine/expression/face-regions'
import { blankLandmarks, flatHead, placeMouth } from './avatar-synthetic-face'

// 24 x 24 px at 2.5 px per cm: 2 px cells (12 x 12), centres at 1, 3, .., 23 px. Two directions: jawOpen, smile.
const grid = createAvatarGrid(24, 24, 2.5)
const { gw, cells } = grid
const K = 2
const head = flatHead({
  pivot: [12, 12, 30],
  scale: 2.5,
  radius: 100,
  depth: 20,
  rigidityAt: (_x, y) => (y < 20 ? 1 : 0.5)
})
const isFace = (i: number): boolean => Math.floor(i / gw) >= 3 && Math.floor(i / gw) <= 9
const raster = { faceTri: Int32Array.from({ length: cells }, (_, i) => (isFace(i) ? 0 : -1)) }

/** Skin depth 10 + column, fields j * 1000 + cell, 2 cells off the face where it is not face. */
function depth(): CellDepth {
  const vertexBasis = new Float32Array(468 * 3 * K)
  for (const v of INNER_LIP_LOWER) vertexBasis[(v * K + 0) * 3 + 1] = 1 // jawOpen: the lower lip 1 px down
  // the smile lifts the upper lip's inner edge (not its corners) 0.5 px and moves it 0.25 px sideways
  for (const v of INNER_LIP_UPPER.slice(1, -1)) {
    vertexBasis[(v * K + 1) * 3] = 0.25
    vertexBasis[(v * K + 1) * 3 + 1] = -0.5
  }
  return {
    skinZ: Float32Array.from({ length: cells }, (_, i) => 10 + (i % gw)),
    faceDistance: Float32Array.from({ length: cells }, (_, i) => (isFace(i) ? 0 : 2)),
    vertexBasis,
    cellBasis: Float32Array.from(
      { length: 3 * K * cells },
      (_, k) => Math.floor(k / cells) * 1000 + (k % cells)
    ),
    basisFade: 1.5
  }
}

/**
 * The mouth back layer's depth at cell i with depth(): the mouth's own depth, or behind the skin by as far as the
 * two directions move it in depth (fields (3 k + 2) * 1000 + i) plus 0.2 cm, whichever is deeper.
 */
function backDepthAt(mouthDepth: number, i: number): number {
  return Math.max(mouthDepth, 10 + (i % gw) + 2000 + i + 5000 + i + 0.2 * 2.5)
}

/** Moving cells: grid rows 2..11 (touching the bottom edge); margin cells below it; two eyeball cells in row 1. */
function layers(halfOpening: number): PointLayers {
  const lm = blankLandmarks()
  placeMouth(lm, [12, 12], 4, halfOpening, 8)
  const openings = faceOpenings(lm, grid.cell)
  const moving = new Uint8Array(cells)
  moving.fill(1, 2 * gw)
  return {
    moving,
    margin: [
      { gx: 3, gy: 12, from: 11 * gw + 3 },
      { gx: 4, gy: 12, from: 11 * gw + 4 },
      { gx: 4, gy: 14, from: 11 * gw + 4 }
    ],
    mouth: mouthBackLayer(grid, lm, 30, ['jawOpen', 'smile']),
    mouthOpening: openings.mouth,
    eyes: [
      { cell: gw + 2, depth: 9, eye: 0 },
      { cell: gw + 3, depth: 9, eye: 1 }
    ]
  }
}

describe('assemblePoints', () => {
  // A closed source mouth: the lips are cut.
  const closed = layers(0.1)
  // Shading per cell: direction k of cell i is -(k + 1) / 100 - i / 1e5 (distinct, small).
  const shading = Float32Array.from({ length: K * grid.cells }, (_, j) => {
    const k = Math.floor(j / grid.cells)
    return -(k + 1) / 100 - (j % grid.cells) / 1e5
  })
  const points = assemblePoints(grid, head, raster, depth(), closed, K, shading)
  const n = points.count
  const skin = 10 * gw
  const back = closed.mouth.cells.length
  const ranges = [
    [0, skin + 3],
    [skin + 3, skin + 3 + back],
    [skin + 3 + back, n]
  ] as const
  const feature = (c: number, p: number): number => points.features[c * n + p]!
  const attr = (c: number, p: number): number => points.pointAttrs[c * n + p]!
  const neighbour = (side: number, p: number): number => Number(points.pointNeighbours[side * n + p])

  it('lays the layers out in order: skin, frame margin, mouth back, eyeballs', () => {
    expect(n).toBe(skin + 3 + back + 2)
    expect(back).toBeGreaterThan(4)
    expect(points.featureChannels).toBe(3 + 4 * K)
    expect(points.features).toHaveLength((3 + 4 * K) * n)
    expect(points.pointAttrs).toHaveLength(5 * n)
    expect(points.pointNeighbours).toHaveLength(4 * n)
    for (let p = 0; p < n; p++) {
      // Layers: 0 skin, 1 mouth back, 2 eyeballs (the last two points).
      expect(attr(3, p)).toBe(p >= ranges[1][0] && p < ranges[1][1] ? 1 : p >= n - 2 ? 2 : 0)
      expect([feature(0, p), feature(1, p)]).toEqual([attr(0, p), attr(1, p)])
    }
    closed.mouth.cells.forEach((i, b) =>
      expect(feature(2, ranges[1][0] + b)).toBeCloseTo(backDepthAt(closed.mouth.depth, i), 2)
    )
    expect([feature(2, n - 2), feature(2, n - 1)]).toEqual([9, 9])
    expect([attr(0, n - 1), attr(1, n - 1)]).toEqual([7, 3])
  })

  it('gives skin points their cell centre, depth, rigidity and fields, faded off the face', () => {
    const fade = Math.exp(-0.5 * (2 / 1.5) ** 2)
    for (let p = 0; p < skin; p++) {
      const i = 2 * gw + p
      expect([feature(0, p), feature(1, p), feature(2, p)]).toEqual([grid.cx(i), grid.cy(i), 10 + (i % gw)])
      expect(attr(2, p)).toBe(grid.cy(i) < 20 ? 1 : 0.5)
      for (let j = 0; j < 3 * K; j++) {
        expect(feature(3 + j, p)).toBeCloseTo((j * 1000 + i) * (isFace(i) ? 1 : fade), 2)
      }
      for (let k = 0; k < K; k++) expect(feature(3 + 3 * K + k, p)).toBe(shading[k * grid.cells + i])
    }
  })

  it('lays the skin points out on the portrait grid for the shading, N elsewhere', () => {
    expect(points.shadeCells).toHaveLength(cells)
    for (let i = 0; i < cells; i++) {
      const p = i - 2 * gw
      expect(Number(points.shadeCells[i])).toBe(p >= 0 && p < skin ? p : n)
    }
  })

  it("gives the eyeballs no shading, and the mouth back layer only the jaw's drop in its jawOpen field", () => {
    // The lower lip drops 1 px per unit of jawOpen (depth()): the back layer's jaw paint rides that far.
    for (let p = ranges[1][0]; p < ranges[1][1]; p++) {
      expect(feature(3 + 3 * K, p)).toBeCloseTo(1, 6)
      expect(feature(3 + 3 * K + 1, p)).toBe(0)
    }
    for (let p = ranges[2][0]; p < n; p++) {
      for (let k = 0; k < K; k++) expect(feature(3 + 3 * K + k, p)).toBe(0)
    }
  })

  it('copies the frame cell a margin point continues, at its own place past the frame', () => {
    closed.margin.forEach(({ gx, gy, from }, k) => {
      const p = skin + k
      const q = from - 2 * gw
      expect([feature(0, p), feature(1, p)]).toEqual([(gx + 0.5) * 2, (gy + 0.5) * 2])
      for (let c = 2; c < points.featureChannels; c++) expect(feature(c, p)).toBe(feature(c, q))
      expect(attr(2, p)).toBe(0.5)
    })
  })

  it('links grid neighbours within each layer only', () => {
    for (const [start, end] of ranges) {
      for (let p = start; p < end; p++) {
        for (let side = 0; side < 4; side++) {
          expect(neighbour(side, p)).toBeGreaterThanOrEqual(start)
          expect(neighbour(side, p)).toBeLessThan(end)
        }
      }
    }
    // Cell (5, 3), away from the lips: left, right, up, down.
    const p = 3 * gw + 5 - 2 * gw
    expect([0, 1, 2, 3].map((side) => neighbour(side, p))).toEqual([p - 1, p + 1, p - gw, p + gw])
    // The margin: the row below the frame links up to the skin; the sparse cell two rows further to it.
    expect(neighbour(2, skin)).toBe(11 * gw + 3 - 2 * gw)
    expect(neighbour(2, skin + 2)).toBe(skin + 1)
    expect(neighbour(0, skin + 2)).toBe(skin + 2)
    // Eyeballs: each other's left / right, no skin.
    expect([neighbour(1, n - 2), neighbour(0, n - 1)]).toEqual([n - 1, n - 2])
    expect(neighbour(3, n - 2)).toBe(n - 2)
  })

  it('marks the lips on a closed source mouth and parts neighbours across the seam', () => {
    // Seam at y = 12 from x = 7 to 17: upper lip up to 1.2 cm (3 px) above, lower lip to 1.5 cm (3.75 px) below.
    // The jaw drops the cells below the seam as far as the lower lip (1 px), and one cell above it, (13, 11), too.
    const cellAt = (x: number, y: number): number => ((y - 1) / 2) * gw + (x - 1) / 2
    const jawField = depth()
    for (let i = 0; i < cells; i++) jawField.cellBasis[1 * cells + i] = grid.cy(i) > 12 ? 1 : 0
    jawField.cellBasis[1 * cells + cellAt(13, 11)] = 0.9
    const pts = assemblePoints(grid, head, raster, jawField, closed, K, shading)
    const side = (x: number, y: number): number => pts.pointAttrs[4 * pts.count + cellAt(x, y) - 2 * gw]!
    expect([9, 11].map((y) => side(11, y))).toEqual([1, 1])
    expect([13, 15].map((y) => side(11, y))).toEqual([-1, -1])
    expect([side(11, 7), side(11, 17), side(5, 11), side(19, 13)]).toEqual([0, 0, 0, 0])
    // Above the seam but moving with the jaw (more than half the lower lip's drop): the lower lip.
    expect([side(13, 9), side(13, 11)]).toEqual([1, -1])
    const upper = cellAt(11, 11) - 2 * gw
    const link = (sideIndex: number, p: number): number =>
      Number(pts.pointNeighbours[sideIndex * pts.count + p])
    expect(link(3, upper)).toBe(upper)
    expect(link(2, upper + gw)).toBe(upper + gw)
  })

  it('keeps the mouth back layer behind the skin in front of it, as deep as the skin can move', () => {
    // No motion in depth, the skin 10 + 2 px per column deep: the back layer sits at the mouth's own depth where the
    // skin is nearer, 0.2 cm (0.5 px) behind the skin where the skin lies deeper (the cheek beside a corner).
    const flat = { ...depth(), skinZ: Float32Array.from({ length: cells }, (_, i) => 10 + 2 * (i % gw)) }
    flat.cellBasis = flat.cellBasis.map((v, k) => (Math.floor(k / cells) % 3 === 2 ? 0 : v))
    const pts = assemblePoints(grid, head, raster, flat, closed, K, shading)
    const m = pts.count
    let behind = 0
    closed.mouth.cells.forEach((i, b) => {
      const z = pts.features[2 * m + skin + 3 + b]!
      const skinZ = 10 + 2 * (i % gw)
      expect(z).toBeCloseTo(Math.max(closed.mouth.depth, skinZ + 0.5), 4)
      if (skinZ + 0.5 > closed.mouth.depth) behind++
    })
    expect(behind).toBeGreaterThan(0)
    expect(behind).toBeLessThan(closed.mouth.cells.length)
  })

  it("on an open source mouth cuts the lips and the photo's teeth along the seam, the lower ones with the jaw", () => {
    const open = layers(3)
    const pts = assemblePoints(grid, head, raster, depth(), open, K, shading)
    const m = pts.count
    const start = skin + 3
    let inside = 0
    let jaw = 0
    open.mouth.cells.forEach((i, b) => {
      const p = start + b
      const x = grid.cx(i)
      const y = grid.cy(i)
      const f = (c: number): number => pts.features[c * m + p]!
      const attr4 = (c: number): number => pts.pointAttrs[c * m + p]!
      if (!inPolygon(x, y, open.mouthOpening.polygon)) {
        expect(attr4(3)).toBe(1)
        expect(f(2)).toBeCloseTo(backDepthAt(open.mouth.depth, i), 2)
        return
      }
      inside++
      // the photo's own mouth, just behind the lips (0.4 cm), a lip side by the seam: the photo's teeth (±2), which
      // the renderer cuts at the opening's edges as well as at the seam
      expect(attr4(3)).toBe(0)
      expect(f(2)).toBeCloseTo(8 + 1, 4)
      const below = y > open.mouth.seamY(x)
      expect(attr4(4)).toBe((below ? -1 : 1) * PHOTO_TEETH_SIDE)
      // below the seam: the lower lip's jawOpen motion (1 px down), nothing else
      expect(f(3 + 1)).toBe(below ? 1 : 0)
      if (below) jaw++
      for (const c of [3, 5, 6, 7, 8]) expect(f(c)).toBe(0)
    })
    expect(inside).toBeGreaterThan(2)
    expect(jaw).toBeGreaterThan(0)
  })

  it("moves a closed mouth's slit with the lips, each side as its lip's nearest inner landmark", () => {
    const open = layers(3)
    // The same opening as the lips' own inner margin (no teeth in the photo).
    const slit = { ...open, mouth: { ...open.mouth, showsTeeth: false } }
    const pts = assemblePoints(grid, head, raster, depth(), slit, K, shading)
    const m = pts.count
    const basis = depth().vertexBasis
    let lifted = 0
    slit.mouth.cells.forEach((i, b) => {
      const x = grid.cx(i)
      const y = grid.cy(i)
      if (!inPolygon(x, y, slit.mouthOpening.polygon)) return
      const f = (c: number): number => pts.features[c * m + skin + 3 + b]!
      const below = y > slit.mouth.seamY(x)
      const v = below ? slit.mouth.nearestLowerLip(x) : slit.mouth.nearestUpperLip(x)
      for (let c = 0; c < 3 * K; c++) expect(f(3 + c)).toBe(basis[v * K * 3 + c])
      if (!below && f(3 + 4) === -0.5) lifted++
    })
    // Above the seam the smile's lift, which photo teeth (riding the skull) do not take.
    expect(lifted).toBeGreaterThan(0)
  })
})

describe('splatWindow', () => {
  it('boxes the points, widened by 8 cm of travel, in whole cells clamped to the grid', () => {
    const small = createAvatarGrid(24, 24, 0.25) // reach 2 px
    expect(splatWindow(small, Float32Array.from([12, 12, 0]), 1)).toEqual({
      gridWidth: 2,
      gridHeight: 2,
      gridOrigin: [10, 10]
    })
    const wide = splatWindow(grid, Float32Array.from([1, 40, 23, -10, 0, 0]), 2)
    expect(wide).toEqual({ gridWidth: 12, gridHeight: 12, gridOrigin: [0, 0] })
  })
})
