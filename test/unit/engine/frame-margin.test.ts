import { describe, expect, it } from 'vitest'
import { frameMarginCells, padTextureForMargin } from '../../../src/main/core/engine/avatar/frame-margin'

describe('frameMarginCells', () => {
  const gw = 10
  const gh = 8
  /** Moving cells: the bottom three rows (a chest cut by the frame's bottom edge). */
  const chest = (): Uint8Array => {
    const m = new Uint8Array(gw * gh)
    for (let gy = 5; gy < gh; gy++) for (let gx = 0; gx < gw; gx++) m[gy * gw + gx] = 1
    return m
  }

  it('continues the layer past the edges it reaches, each cell copying its nearest frame cell', () => {
    const cells = frameMarginCells(
      chest(),
      gw,
      gh,
      () => [3, 4],
      () => true,
      100
    )
    expect(cells.length).toBeGreaterThan(0)
    for (const c of cells) {
      const outside = c.gx < 0 || c.gx >= gw || c.gy < 0 || c.gy >= gh
      expect(outside).toBe(true)
      const cx = Math.min(gw - 1, Math.max(0, c.gx))
      const cy = Math.min(gh - 1, Math.max(0, c.gy))
      expect(c.from).toBe(cy * gw + cx)
      // nothing above the chest: the top edge is not reached
      expect(c.gy).toBeGreaterThanOrEqual(5)
    }
    // below the bottom edge: 4 rows (the extent across a top/bottom edge) under each of the 10 columns
    const below = cells.filter((c) => c.gy >= gh && c.gx >= 0 && c.gx < gw)
    expect(below).toHaveLength(4 * gw)
    // beside the left edge: the three chest rows, 3 columns out (the extent across a left/right edge)
    const left = cells.filter((c) => c.gx < 0 && c.gy < gh)
    expect(left).toHaveLength(3 * 3)
    // the corner block below-left: 3 x 4
    expect(cells.filter((c) => c.gx < 0 && c.gy >= gh)).toHaveLength(3 * 4)
  })

  it('keeps every cell near the frame and every other cell (even coordinates) further out', () => {
    const dense = frameMarginCells(
      chest(),
      gw,
      gh,
      () => [0, 8],
      () => true,
      100
    )
    const sparse = frameMarginCells(
      chest(),
      gw,
      gh,
      () => [0, 8],
      () => true,
      2
    )
    expect(dense).toHaveLength(8 * gw)
    for (const c of sparse) {
      const d = c.gy - gh + 1
      if (d > 2) expect([c.gx % 2, c.gy % 2]).toEqual([0, 0])
    }
    expect(sparse.filter((c) => c.gy - gh + 1 <= 2)).toHaveLength(2 * gw)
  })

  it('asks `keep` and returns nothing where no moving cell reaches the frame', () => {
    const cells = frameMarginCells(
      chest(),
      gw,
      gh,
      () => [3, 4],
      (gx) => gx >= 5,
      100
    )
    expect(cells.every((c) => c.gx >= 5)).toBe(true)
    const inner = new Uint8Array(gw * gh)
    inner[3 * gw + 4] = 1
    expect(
      frameMarginCells(
        inner,
        gw,
        gh,
        () => [5, 5],
        () => true
      )
    ).toEqual([])
  })
})

describe('padTextureForMargin', () => {
  const w = 40
  const h = 30
  /** RGB + alpha: a crown (alpha 1 over x in [10, 30) on every row) reaching the top edge; colour = x / w. */
  const crown = (): Float32Array => {
    const t = new Float32Array(4 * w * h)
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x
        t[i] = x / w
        t[w * h + i] = y / h
        t[2 * w * h + i] = 0.5
        t[3 * w * h + i] = x >= 10 && x < 30 ? 1 : 0
      }
    }
    return t
  }

  it('is the texture itself inside the frame, mirrored about the edge outside it', () => {
    const pad = 12
    const out = padTextureForMargin(crown(), w, h, 4, pad, 2, 1e6)
    const pw = w + 2 * pad
    const plane = pw * (h + 2 * pad)
    const at = (c: number, x: number, y: number): number => out[c * plane + (y + pad) * pw + x + pad]!
    const src = crown()
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        for (let c = 0; c < 4; c++) expect(at(c, x, y)).toBe(src[c * w * h + y * w + x])
      }
    }
    // mirrored: px -1 is px 0, px -3 is px 2 (colour channels)
    expect(at(0, -1, 5)).toBe(src[5 * w])
    expect(at(0, -3, 5)).toBe(src[5 * w + 2])
    expect(at(1, 7, -1)).toBe(src[w * h + 7])
    expect(at(1, 7, -4)).toBe(src[w * h + 3 * w + 7])
  })

  it('closes a crown cut by the top edge as an arc: highest mid-chord, nothing past its ends', () => {
    const pad = 20
    const out = padTextureForMargin(crown(), w, h, 4, pad, 1, 15)
    const pw = w + 2 * pad
    const plane = pw * (h + 2 * pad)
    const alpha = (x: number, y: number): number => out[3 * plane + (y + pad) * pw + x + pad]!
    const height = (x: number): number => {
      let d = 0
      while (d < pad && alpha(x, -d - 1) > 0.5) d++
      return d
    }
    // chord 20 px, radius 15 px: the arc rises 15 - sqrt(15^2 - 10^2) = 3.8 px at mid-chord
    expect(height(20)).toBeGreaterThanOrEqual(3)
    expect(height(20)).toBeLessThanOrEqual(4)
    expect(height(11)).toBeLessThan(height(20))
    expect(height(28)).toBeLessThan(height(20))
    expect(alpha(5, -1)).toBe(0)
    expect(alpha(35, -2)).toBe(0)
    // well past the arc: transparent, the colour still mirrored
    expect(alpha(20, -12)).toBe(0)
  })

  it('does not close a layer at a frame corner: it goes on round it', () => {
    // alpha 1 on the whole left column and the whole top row: runs that end at the corner
    const t = new Float32Array(4 * w * h)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) t[3 * w * h + y * w + x] = x < 8 || y < 8 ? 1 : 0
    const pad = 10
    const out = padTextureForMargin(t, w, h, 4, pad, 1, 5)
    const pw = w + 2 * pad
    const plane = pw * (h + 2 * pad)
    const alpha = (x: number, y: number): number => out[3 * plane + (y + pad) * pw + x + pad]!
    // along the top row the run covers the whole edge: open at both corners, no cap
    expect(alpha(20, -8)).toBe(1)
    // the corner block continues too
    expect(alpha(-5, -5)).toBe(1)
  })
})
