import { describe, expect, it } from 'vitest'
import { boxOfPoints, frameHeadView, MAX_HEAD_VIEW_ZOOM } from '@shared/engine/frame-head-view'
import { headRegion } from '@shared/engine/frame-on-head'

/** The portrait fraction the output's centre shows, and the window's span, for a framing (see the module). */
const centreOf = (f: { zoom: number; panX: number; panY: number }) => ({
  u: 0.5 - f.panX / f.zoom,
  v: 0.5 - f.panY / f.zoom
})

describe('frame the head', () => {
  const portrait = { width: 1000, height: 1000 }

  it('zooms until the head region fills the tighter axis, centred on it', () => {
    const face = { x: 400, y: 400, width: 150, height: 150 }
    const region = headRegion(face)
    const view = frameHeadView(portrait, face)
    expect(view.zoom).toBeCloseTo(1000 / Math.max(region.width, region.height))
    const { u, v } = centreOf(view)
    expect(u * 1000).toBeCloseTo(region.x + region.width / 2)
    expect(v * 1000).toBeCloseTo(region.y + region.height / 2)
  })

  it('keeps the window inside the portrait, caps the zoom, and leaves a head as large as the picture unzoomed', () => {
    const corner = frameHeadView(portrait, { x: 0, y: 0, width: 10, height: 10 })
    expect(corner.zoom).toBe(MAX_HEAD_VIEW_ZOOM)
    const { u, v } = centreOf(corner)
    expect(u).toBeCloseTo(1 / (2 * MAX_HEAD_VIEW_ZOOM))
    expect(v).toBeCloseTo(1 / (2 * MAX_HEAD_VIEW_ZOOM))
    expect(frameHeadView(portrait, { x: 100, y: 200, width: 800, height: 700 })).toEqual({
      zoom: 1,
      panX: 0,
      panY: 0
    })
  })

  it('refuses an empty face box and boxes (x, y) pairs', () => {
    expect(() => frameHeadView(portrait, { x: 0, y: 0, width: 0, height: 10 })).toThrow(/face box/)
    expect(boxOfPoints([3, 4, 1, 8, 5, 6])).toEqual({ x: 1, y: 4, width: 4, height: 4 })
    expect(() => boxOfPoints([])).toThrow(RangeError)
  })
})
