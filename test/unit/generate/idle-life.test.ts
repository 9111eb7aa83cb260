import { describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import {
  DEFAULT_IDLE,
  generateSeries,
  idleHeadBound,
  IDLE_DRIFT_DIRECTIONS,
  type IdleLifeParams
} from '@shared/generate'
import type { PerformanceSeries } from '@shared/performance/performance'

const FPS = 30

function series(idle: IdleLifeParams, seed: number, seconds = 120): PerformanceSeries {
  return generateSeries({
    settings: { seed, idle, emotions: [] },
    range: { from: 0, to: seconds },
    fps: FPS,
    directions: BUILTIN_EXPRESSION_DIRECTIONS
  })
}

const channel = (s: PerformanceSeries, name: string) => {
  const found = s.channels.find((c) => c.name === name)
  if (!found) throw new Error(`no channel ${name}`)
  return [...found.values]
}
const peak = (values: number[]) => Math.max(...values.map(Math.abs))

describe('idle life', () => {
  it.each([
    [{ energy: 0, blinkRate: 17, headMotion: 1 }, 1],
    [{ energy: 1, blinkRate: 17, headMotion: 1 }, 2],
    [{ energy: 0.5, blinkRate: 17, headMotion: 2 }, 3],
    [{ energy: 1, blinkRate: 17, headMotion: 0.3 }, 4]
  ])('keeps the head within a few degrees (%o, seed %d)', (idle, seed) => {
    const s = series(idle, seed, 300)
    const bound = idleHeadBound(idle)
    expect(bound.yaw).toBeLessThanOrEqual(3 * 1.3 * idle.headMotion)
    for (const axis of ['yaw', 'pitch', 'roll'] as const) {
      const values = channel(s, axis)
      expect(peak(values)).toBeLessThanOrEqual(bound[axis] + 1e-5)
      // It moves: at least a fifth of its bound over five minutes.
      expect(peak(values)).toBeGreaterThan(bound[axis] / 5)
    }
  })

  it('keeps a still head at head motion 0', () => {
    const s = series({ ...DEFAULT_IDLE, headMotion: 0 }, 1)
    for (const axis of ['yaw', 'pitch', 'roll']) expect(peak(channel(s, axis))).toBe(0)
  })

  it('moves more with energy: gaze shifts and drift', () => {
    const calm = series({ ...DEFAULT_IDLE, energy: 0 }, 9, 300)
    const lively = series({ ...DEFAULT_IDLE, energy: 1 }, 9, 300)
    const shifts = (s: PerformanceSeries) => {
      const gaze = channel(s, 'gazeHorizontal')
      let count = 0
      for (let i = 1; i < gaze.length; i++) if (Math.abs(gaze[i]! - gaze[i - 1]!) > 0.01) count++
      return count
    }
    expect(shifts(lively)).toBeGreaterThan(shifts(calm))
    expect(peak(channel(lively, 'smile'))).toBeGreaterThan(peak(channel(calm, 'smile')))
    for (const s of [calm, lively]) {
      expect(peak(channel(s, 'gazeHorizontal'))).toBeLessThanOrEqual(0.4 + 1e-6)
      for (const name of IDLE_DRIFT_DIRECTIONS)
        expect(peak(channel(s, name))).toBeLessThanOrEqual(0.09 + 1e-6)
    }
  })

  it('starts and ends at rest (the continuous motions fade in and out)', () => {
    const s = series(DEFAULT_IDLE, 4, 20)
    for (const name of ['yaw', 'pitch', 'roll', 'gazeHorizontal', 'smile']) {
      const values = channel(s, name)
      expect(values[0]).toBe(0)
      expect(values.at(-1)).toBe(0)
    }
  })

  it('is deterministic, and each part keeps its own stream', () => {
    const a = series(DEFAULT_IDLE, 21)
    const b = series(DEFAULT_IDLE, 21)
    for (const c of a.channels) expect(channel(b, c.name)).toEqual([...c.values])
    // More head motion changes the head only: blinks and gaze stay exactly the same.
    const more = series({ ...DEFAULT_IDLE, headMotion: 2 }, 21)
    expect(channel(more, 'blinkL')).toEqual(channel(a, 'blinkL'))
    expect(channel(more, 'gazeVertical')).toEqual(channel(a, 'gazeVertical'))
    expect(channel(more, 'yaw')).not.toEqual(channel(a, 'yaw'))
    // Another seed, other motion.
    expect(channel(series(DEFAULT_IDLE, 22), 'blinkL')).not.toEqual(channel(a, 'blinkL'))
  })

  it('writes only the directions the head has', () => {
    const s = generateSeries({
      settings: { seed: 1, idle: DEFAULT_IDLE, emotions: [] },
      range: { from: 0, to: 4 },
      fps: FPS,
      directions: [{ name: 'blinkL', oneSided: true }, { name: 'smile' }]
    })
    expect(s.channels.map((c) => `${c.kind}:${c.name}`).sort()).toEqual(
      ['camera:pitch', 'camera:roll', 'camera:yaw', 'expression:blinkL', 'expression:smile'].sort()
    )
  })
})
