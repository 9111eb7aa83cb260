import { describe, expect, it } from 'vitest'
import { keyId, seconds, type KeyId } from '@shared/timeline'
import { dragSlide, selectedOnWholeFrames } from '../../../src/renderer/src/components/timeline/lane-slide'

// 520 px lanes over 5 s: 100 px per second, 10 px inset either side.
const layout = { fps: 30, view: { start: 0, span: 5 }, width: 520, dpr: 1 }

describe('dragSlide', () => {
  it('slides by the whole frames between the two shifts, on whole device pixels', () => {
    // 3 frames = 0.1 s = 10 px.
    expect(dragSlide(0, 0.1, layout)).toBeCloseTo(10, 9)
    expect(dragSlide(0.1, 0, layout)).toBeCloseTo(-10, 9)
    // 0.4 of a frame rounds to none; 0.6 to one frame (3.33 px), on a whole device pixel.
    expect(dragSlide(0, 0.4 / 30, layout)).toBe(0)
    expect(dragSlide(0, 0.6 / 30, layout)).toBe(3)
    expect(dragSlide(0, 0.6 / 30, { ...layout, dpr: 2 })).toBe(3.5)
  })

  it('refuses a slide past the canvas margin, less a marker either side', () => {
    // 14 frames = 46.7 px fits in 64 - 2 × 8.4 px; 15 frames = 50 px does not.
    expect(dragSlide(0, 14 / 30, layout)).not.toBeNull()
    expect(dragSlide(0, 15 / 30, layout)).toBeNull()
    expect(dragSlide(1, 1 - 15 / 30, layout)).toBeNull()
  })
})

describe('selectedOnWholeFrames', () => {
  const keys = [0, 1 / 30, 0.05, 2].map((t, i) => ({ id: keyId(`k${i}`), time: seconds(t) }))
  const ids = (...n: number[]) => new Set<KeyId>(n.map((i) => keyId(`k${i}`)))
  it('looks at the selected keys only', () => {
    expect(selectedOnWholeFrames(keys, ids(0, 1, 3), 30)).toBe(true)
    // 0.05 s is a frame and a half at 30 fps.
    expect(selectedOnWholeFrames(keys, ids(0, 2), 30)).toBe(false)
    expect(selectedOnWholeFrames(keys, ids(0, 2), 20)).toBe(true)
  })
})
