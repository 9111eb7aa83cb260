import { describe, expect, it } from 'vitest'
import { createTakeRecorder } from '../../../src/main/core/live/live-take'

const codes = (jaw: number, yaw = 0) => ({
  expression: { jawOpen: jaw, smile: 0 },
  camera: { yaw, pitch: 0, roll: 0 }
})

describe('take recorder', () => {
  it('keeps every frame, on the take’s own clock, and reduces it to keys with the gaps', () => {
    const take = createTakeRecorder(['jawOpen', 'smile'], 'both', null)
    for (let i = 0; i < 30; i++) take.add(10 + i / 30, codes(i < 15 ? i / 15 : 0, 5), i < 20 || i > 24)
    expect(take.frames).toBe(30)
    const done = take.finish('Live take')!
    expect(done.frames).toBe(30)
    expect(done.denseKeys).toBe(30 * 5)
    expect(done.performance.tracks.map((t) => t.name)).toEqual(['jawOpen', 'smile', 'yaw', 'pitch', 'roll'])
    const jaw = done.performance.tracks[0]!.keys
    expect(jaw[0]).toEqual({ time: 0, value: 0 })
    expect(Math.max(...jaw.map((k) => k.value))).toBeCloseTo(14 / 15, 3)
    expect(done.keys).toBeLessThan(done.denseKeys)
    expect(done.performance.gaps).toHaveLength(1)
    expect(done.performance.gaps[0]!.start).toBeCloseTo(20 / 30, 6)
    expect(done.performance.durationSec).toBeCloseTo(1, 6)
  })

  it('records only the mode’s channels, and stops at a punch-in’s length', () => {
    const take = createTakeRecorder(['jawOpen'], 'pose', 1)
    let accepted = 0
    for (let i = 0; i < 60; i++) if (take.add(i / 30, codes(0.5, i), true)) accepted++
    expect(accepted).toBe(31)
    expect(take.full).toBe(true)
    const done = take.finish('Live take')!
    expect(done.performance.tracks.map((t) => t.name)).toEqual(['yaw', 'pitch', 'roll'])
    expect(done.frames).toBe(31)
    expect(done.performance.durationSec).toBe(1)
  })

  it('gives nothing for a take without frames, and skips repeated times', () => {
    expect(createTakeRecorder(['jawOpen'], 'both', null).finish('x')).toBeNull()
    const take = createTakeRecorder(['jawOpen'], 'expression', null)
    take.add(1, codes(0), true)
    take.add(1, codes(1), true)
    expect(take.frames).toBe(1)
  })
})
