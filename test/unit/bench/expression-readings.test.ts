import { describe, expect, it } from 'vitest'
import {
  MAX_BLINK_FRAMES,
  blinkFrames,
  canonicalReadings,
  reachSpecOf,
  relativeChange,
  type Readings
} from '../../../bench/expression-readings'
import { LEFT_EYE, RIGHT_EYE } from '../../../src/main/core/engine/expression/face-regions'

/** Frames with both eyes' lid gap at `open` (cm). */
const frames = (open: readonly number[]): Readings[] => open.map((o) => ({ eyeOpenL: o, eyeOpenR: o }))

describe('blinkFrames', () => {
  it('marks a short closure and the frame either side of it, not the open frames', () => {
    const open = [1, 1, 1, 0.9, 0.2, 0.1, 0.3, 0.9, 1, 1, 1, 1]
    expect(blinkFrames(frames(open))).toEqual(open.map((_, i) => i >= 3 && i <= 7))
  })

  it('keeps a held closure (a squint, a look down): only runs of at most MAX_BLINK_FRAMES are blinks', () => {
    const held = [...Array(10).fill(1), ...Array(MAX_BLINK_FRAMES + 1).fill(0.3), ...Array(10).fill(1)]
    expect(blinkFrames(frames(held)).some(Boolean)).toBe(false)
    const wink = frames([1, 1, 1, 1, 1, 1]).map((f, i) => (i === 2 ? { ...f, eyeOpenL: 0.1 } : f))
    expect(blinkFrames(wink)).toEqual([false, true, true, true, false, false])
  })
})

describe('the squint and eyesWide readings', () => {
  it('reads the lower lid’s rise over the eye corners as lowerLid (a squint), not the corners’ own rise', () => {
    const c = new Float32Array(468 * 3)
    const lift = (ids: readonly number[], dy: number): void => ids.forEach((i) => (c[3 * i + 1] += dy))
    const base = canonicalReadings(c).lowerLid!
    for (const eye of [RIGHT_EYE, LEFT_EYE]) lift(eye.lower.slice(1, -1), 0.2)
    expect(canonicalReadings(c).lowerLid! - base).toBeCloseTo(0.2, 5)
    for (const eye of [RIGHT_EYE, LEFT_EYE]) lift(eye.lower, 0.3) // the whole eye rises: no squint
    expect(canonicalReadings(c).lowerLid! - base).toBeCloseTo(0.2, 5)
  })

  it('measures squint and eyesWide −1 and the gaze against the footage outside blinks, the blinks with them', () => {
    expect(reachSpecOf('squint')!.plus).toEqual({ reading: 'lowerLid', sign: 1, outsideBlinks: true })
    expect(reachSpecOf('eyesWide')!.minus).toEqual({ reading: 'eyeOpen', sign: -1, outsideBlinks: true })
    expect(reachSpecOf('gazeVertical')!.minus!.outsideBlinks).toBe(true)
    expect(reachSpecOf('blinkL')!.plus).toEqual({
      reading: 'eyeOpenL',
      sign: -1,
      outsideBlinks: false,
      relative: true
    })
  })
})

describe('the blinks’ relative yardstick', () => {
  it('measures a blink as the share of the gap it closes, whatever the gap', () => {
    // A narrow eye (0.85 cm) and a wide one (1.1 cm), both shut to the ~0.1 cm a closed eye reads.
    expect(relativeChange(0.1, 0.85)! / relativeChange(0.1, 1.1)!).toBeCloseTo(0.971, 3)
    expect(relativeChange(1.2, 1)).toBeCloseTo(0.2, 10)
    expect(relativeChange(0.5, 0)).toBeNull()
    expect(reachSpecOf('blinkR')!.plus.relative).toBe(true)
    expect(reachSpecOf('eyesWide')!.plus.relative).toBeUndefined()
  })
})
