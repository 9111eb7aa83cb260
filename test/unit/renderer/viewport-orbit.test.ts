import { describe, expect, it } from 'vitest'
import { cameraAfterDrag, dragMode } from '../../../src/renderer/src/components/viewport/viewport-orbit-math'

const start = { yaw: 0, pitch: 0, roll: 5, zoom: 1, panX: 0, panY: 0 }
const none = { shiftKey: false, altKey: false, ctrlKey: false, metaKey: false }

describe('viewport orbit', () => {
  it('picks the gesture from the modifiers', () => {
    expect(dragMode(none)).toBe('orbit')
    expect(dragMode({ ...none, shiftKey: true })).toBe('pan')
    expect(dragMode({ ...none, altKey: true })).toBe('zoom')
    expect(dragMode({ ...none, ctrlKey: true })).toBe('zoom')
    expect(dragMode({ ...none, metaKey: true })).toBe('zoom')
  })

  it('orbits 70° per picture width with the head following the pointer, within the supported range', () => {
    // Right turns the face toward image right (negative yaw); up tilts it up (negative pitch).
    expect(cameraAfterDrag('orbit', start, 100, 0, 700, 700)).toEqual({ yaw: -10, pitch: 0 })
    expect(cameraAfterDrag('orbit', start, 0, -100, 700, 700).pitch).toBeCloseTo(-10)
    expect(cameraAfterDrag('orbit', start, 5000, 5000, 700, 700)).toEqual({ yaw: -35, pitch: 25 })
  })

  it('pans in frame fractions and zooms by doubling every 160 px', () => {
    expect(cameraAfterDrag('pan', start, 70, -35, 700, 350)).toEqual({ panX: 0.1, panY: -0.1 })
    expect(cameraAfterDrag('zoom', start, 0, -160, 700, 700).zoom).toBeCloseTo(2)
    expect(cameraAfterDrag('zoom', start, 0, 160, 700, 700).zoom).toBeCloseTo(0.5)
    expect(cameraAfterDrag('zoom', start, 0, 1000, 700, 700).zoom).toBe(0.5)
  })
})
