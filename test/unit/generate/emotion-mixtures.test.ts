import { describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS, directionMin } from '@shared/engine/expression-directions'
import {
  EMOTION_MIXTURES,
  EMOTION_NAMES,
  emotionEnvelope,
  generateSeries,
  type EmotionArc
} from '@shared/generate'
import { CAMERA_TRACK_DEFINITIONS } from '@shared/timeline'

const byName = new Map(BUILTIN_EXPRESSION_DIRECTIONS.map((d) => [d.name, d]))

describe('the emotion table', () => {
  it('has a mixture for every emotion, and nothing else', () => {
    expect(Object.keys(EMOTION_MIXTURES).sort()).toEqual([...EMOTION_NAMES].sort())
  })

  it.each(EMOTION_NAMES)('%s uses built-in directions within their ranges', (emotion) => {
    const mixture = EMOTION_MIXTURES[emotion]
    expect(Object.keys(mixture.expression).length).toBeGreaterThanOrEqual(3)
    for (const [name, weight] of Object.entries(mixture.expression)) {
      const direction = byName.get(name)
      expect(direction, `${emotion}: unknown direction ${name}`).toBeDefined()
      expect(weight, `${emotion}.${name}`).toBeGreaterThanOrEqual(directionMin(direction!))
      expect(weight, `${emotion}.${name}`).toBeLessThanOrEqual(0.9)
      expect(weight).not.toBe(0)
    }
    for (const [param, degrees] of Object.entries(mixture.head)) {
      const range = CAMERA_TRACK_DEFINITIONS[param as 'yaw'].range
      // A lean of a few degrees, far inside the track's range.
      expect(Math.abs(degrees)).toBeLessThanOrEqual(5)
      expect(degrees).toBeGreaterThan(range.min)
    }
  })

  it('gives one-sided directions non-negative weights', () => {
    for (const emotion of EMOTION_NAMES) {
      for (const [name, weight] of Object.entries(EMOTION_MIXTURES[emotion].expression)) {
        if (byName.get(name)?.oneSided) expect(weight, `${emotion}.${name}`).toBeGreaterThan(0)
      }
    }
  })
})

describe('an emotion arc', () => {
  const arc: EmotionArc = { emotion: 'joy', onsetSec: 1, apexSec: 2, offsetSec: 5, intensity: 0.5 }

  it('rises from the onset to the apex, holds, and is neutral again at the offset', () => {
    expect(emotionEnvelope(arc, 0.5)).toBe(0)
    expect(emotionEnvelope(arc, 1)).toBe(0)
    expect(emotionEnvelope(arc, 1.5)).toBeCloseTo(0.5, 6)
    expect(emotionEnvelope(arc, 2)).toBe(1)
    expect(emotionEnvelope(arc, 4)).toBe(1)
    expect(emotionEnvelope(arc, 4.5)).toBeCloseTo(0.5, 6)
    expect(emotionEnvelope(arc, 5)).toBe(0)
    // A short tail: the release takes all the time after the apex.
    expect(emotionEnvelope({ ...arc, offsetSec: 2.5 }, 2.25)).toBeCloseTo(0.5, 6)
  })

  it('layers over idle life additively, clamped to the directions’ ranges', () => {
    const settings = (emotions: EmotionArc[], idle = true) => ({
      seed: 3,
      idle: idle ? { energy: 0.5, blinkRate: 17, headMotion: 1 } : null,
      emotions
    })
    const run = (s: ReturnType<typeof settings>) =>
      generateSeries({
        settings: s,
        range: { from: 0, to: 6 },
        fps: 30,
        directions: BUILTIN_EXPRESSION_DIRECTIONS
      })
    const idleOnly = run(settings([]))
    const joyOnly = run(settings([arc], false))
    const both = run(settings([arc]))
    const values = (s: ReturnType<typeof run>, name: string) => [
      ...(s.channels.find((c) => c.name === name)?.values ?? [])
    ]
    const frame = 90 // 3 s: at the apex plateau
    const smile = values(both, 'smile')[frame]!
    expect(smile).toBeCloseTo(values(idleOnly, 'smile')[frame]! + values(joyOnly, 'smile')[frame]!, 5)
    expect(values(joyOnly, 'smile')[frame]!).toBeGreaterThan(0.85 * 0.5 * 0.93)
    // Emotion only: just its own tracks (joy's narrowed eyes come with the smile, which carries squint).
    expect(joyOnly.channels.map((c) => c.name).sort()).toEqual(
      ['smile', 'browOuterUp', 'jawOpen', 'pitch', 'roll'].sort()
    )
    // Two strong arcs at once stay within range; one-sided stay >= 0.
    const piled = run(
      settings([
        { emotion: 'surprise', onsetSec: 0, apexSec: 1, offsetSec: 6, intensity: 1 },
        { emotion: 'fear', onsetSec: 0, apexSec: 1, offsetSec: 6, intensity: 1 }
      ])
    )
    for (const c of piled.channels.filter((channel) => channel.kind === 'expression')) {
      const direction = byName.get(c.name)!
      for (const v of c.values) {
        expect(v).toBeLessThanOrEqual(1)
        expect(v).toBeGreaterThanOrEqual(directionMin(direction))
      }
    }
    expect(Math.max(...values(piled, 'eyesWide'))).toBe(1)
  })
})
