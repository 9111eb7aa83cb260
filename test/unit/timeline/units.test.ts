import { describe, expect, it } from 'vitest'
import {
  frameCount,
  frames,
  framesToSeconds,
  isOnFrame,
  isSameFrame,
  seconds,
  secondsToFrame,
  secondsToFrames,
  snapToFrame
} from '@shared/timeline'

describe('units', () => {
  it.each([
    [0, 30, 0],
    [1, 30, 30],
    [0.5, 24, 12],
    [1 / 60, 30, 0.5]
  ])('secondsToFrames(%f s, %i fps) = %f', (s, fps, expected) => {
    expect(secondsToFrames(seconds(s), fps)).toBeCloseTo(expected, 12)
  })

  it.each([
    [0.016, 30, 0],
    [0.017, 30, 1],
    [7 / 30, 30, 7],
    [1.02, 25, 26]
  ])('secondsToFrame(%f s, %i fps) = frame %i', (s, fps, expected) => {
    expect(secondsToFrame(seconds(s), fps)).toBe(expected)
  })

  it('round-trips frames and seconds', () => {
    for (let f = 0; f < 500; f++) expect(secondsToFrame(framesToSeconds(frames(f), 29.97), 29.97)).toBe(f)
  })

  it('snaps to frame starts', () => {
    expect(snapToFrame(seconds(1.01), 30)).toBeCloseTo(1, 12)
    expect(snapToFrame(seconds(1.02), 30)).toBeCloseTo(31 / 30, 12)
    expect(isOnFrame(snapToFrame(seconds(2.345), 24), 24)).toBe(true)
    expect(isOnFrame(seconds(0.01), 24)).toBe(false)
  })

  it('compares frames', () => {
    expect(isSameFrame(seconds(1), seconds(1.01), 30)).toBe(true)
    expect(isSameFrame(seconds(1), seconds(1.02), 30)).toBe(false)
  })

  it('counts frames of a duration', () => {
    expect(frameCount(seconds(2), 30)).toBe(60)
    expect(frameCount(seconds(0), 30)).toBe(0)
  })
})
