// Blink statistics of long generated ranges, read back from the document's keys (after reduction), on
// fixed seeds. Tolerances: the rate of a renewal process over 10 minutes (about 170 blinks at 17 /min)
// has a standard error near 6 %, so ±15 % holds for every seed here.
import { describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { DEFAULT_IDLE, generateIntoDocument, type IdleLifeParams } from '@shared/generate'
import { createDocument, seconds } from '@shared/timeline'
import { lidCurve, measureBlinks } from './measure-blinks'

const MINUTES = 10

function generatedLids(idle: IdleLifeParams, seed: number, fps = 30) {
  const doc = createDocument({
    expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
    settings: { fps, durationSec: seconds(MINUTES * 60) }
  })
  const { document } = generateIntoDocument(doc, {
    settings: { seed, idle, emotions: [] },
    range: { from: 0, to: MINUTES * 60 },
    directions: BUILTIN_EXPRESSION_DIRECTIONS
  })
  return { left: lidCurve(document, 'blinkL'), right: lidCurve(document, 'blinkR'), fps }
}

describe('idle life blinks', () => {
  it.each([
    [10, 1],
    [17, 7],
    [17, 42],
    [30, 3]
  ])('blink at %d /min (seed %d) within 15 percent of the rate', (rate, seed) => {
    const { left, fps } = generatedLids({ ...DEFAULT_IDLE, blinkRate: rate }, seed)
    const blinks = measureBlinks(left, fps)
    const measured = blinks.length / MINUTES
    expect(measured).toBeGreaterThan(rate * 0.85)
    expect(measured).toBeLessThan(rate * 1.15)
  })

  it.each([24, 30, 60])('at %d fps: every blink lasts 100–400 ms, closes faster than it opens', (fps) => {
    const { left } = generatedLids(DEFAULT_IDLE, 11, fps)
    const blinks = measureBlinks(left, fps)
    expect(blinks.length).toBeGreaterThan(100)
    for (const blink of blinks) {
      expect(blink.duration).toBeGreaterThanOrEqual(0.1 - 1e-9)
      expect(blink.duration).toBeLessThanOrEqual(0.4 + 1e-9)
      expect(blink.closing).toBeLessThan(blink.opening)
      expect(blink.peak).toBeGreaterThan(0.9)
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
    // Closing about a third of the blink.
    const share = mean(blinks.map((b) => b.closing / b.duration))
    expect(share).toBeGreaterThan(0.25)
    expect(share).toBeLessThan(0.45)
    const duration = mean(blinks.map((b) => b.duration))
    expect(duration).toBeGreaterThan(0.15)
    expect(duration).toBeLessThan(0.3)
  })

  it('has double blinks in about 10 % of blink events, and both lids blink together', () => {
    const { left, right, fps } = generatedLids(DEFAULT_IDLE, 5)
    const blinks = measureBlinks(left, fps)
    // A second closure starting within 200 ms of the previous one's end.
    let doubles = 0
    for (let i = 1; i < blinks.length; i++) {
      const previousEnd = blinks[i - 1]!.start + blinks[i - 1]!.duration
      if (blinks[i]!.start - previousEnd < 0.2) doubles++
    }
    const events = blinks.length - doubles
    expect(doubles / events).toBeGreaterThan(0.04)
    expect(doubles / events).toBeLessThan(0.18)
    const rightBlinks = measureBlinks(right, fps)
    expect(rightBlinks.map((b) => b.start)).toEqual(blinks.map((b) => b.start))
  })

  it('does not blink at rate 0', () => {
    const { left } = generatedLids({ ...DEFAULT_IDLE, blinkRate: 0 }, 1)
    expect(Math.max(...left)).toBe(0)
  })
})
