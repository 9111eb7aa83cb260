import { describe, expect, it } from 'vitest'
import { driverPipTime } from '../../../src/renderer/src/components/viewport/driver-pip-time'

// A 3 s clip at 15 fps: frames at 0, 1/15, …, 44/15 (2.933 s).
const clip = { durationSec: 3, fps: 15 }

describe('driverPipTime: the driver frame beside the playhead', () => {
  it('shows the driver at playhead − offset, on the frame shown at that time', () => {
    expect(driverPipTime(1.5, 0, clip)).toEqual({ timeSec: 22 / 15, position: 'inside' })
    expect(driverPipTime(2.5, 1, clip)).toEqual({ timeSec: 22 / 15, position: 'inside' })
    expect(driverPipTime(1, 1, clip)).toEqual({ timeSec: 0, position: 'inside' })
  })

  it('counts a time a hair before a frame (float error) as on that frame', () => {
    expect(driverPipTime(7 / 15 - 1e-12, 0, clip).timeSec).toBeCloseTo(7 / 15, 12)
    expect(driverPipTime(0.1 + 0.2, 0, { durationSec: 1, fps: 10 }).timeSec).toBeCloseTo(0.3, 12)
  })

  it('snaps every time inside one frame to that frame, so playback asks for each frame once', () => {
    const times = [0.4, 0.41, 0.45, 0.466].map((t) => driverPipTime(t, 0, clip).timeSec)
    expect(new Set(times).size).toBe(1)
  })

  it('before the clip shows its first frame, after it its last, and says which', () => {
    expect(driverPipTime(0.5, 1, clip)).toEqual({ timeSec: 0, position: 'before' })
    expect(driverPipTime(4, 1, clip)).toEqual({ timeSec: 44 / 15, position: 'after' })
    expect(driverPipTime(3, 0, clip).position).toBe('after')
    expect(driverPipTime(2.99, 0, clip)).toEqual({ timeSec: 44 / 15, position: 'inside' })
  })

  it('a one-frame clip always shows its only frame', () => {
    expect(driverPipTime(0.01, 0, { durationSec: 1 / 30, fps: 30 })).toEqual({
      timeSec: 0,
      position: 'inside'
    })
  })
})
