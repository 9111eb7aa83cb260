import { describe, expect, it } from 'vitest'
import { personalMotionScale } from '../../../src/main/core/engine/personal-motion-scale'

/** 468 points at 0 but the mouth corners (61, 291) and outer eye corners (33, 263), x apart as given (cm). */
function face(mouth: number, eyes: number): Float32Array {
  const p = new Float32Array(468 * 3)
  p[3 * 61] = -mouth / 2
  p[3 * 291] = mouth / 2
  p[3 * 33] = -eyes / 2
  p[3 * 263] = eyes / 2
  return p
}

const NAMES = ['jawOpen', 'mouthStretch', 'smile', 'blinkL']
const canonical = face(5, 9)

describe('personalMotionScale', () => {
  it('leaves a face with the canonical proportions (or a wider mouth) at full amplitude', () => {
    expect(personalMotionScale(canonical, canonical, NAMES)).toEqual({})
    // Scale does not matter, only the mouth against the eyes.
    expect(personalMotionScale(face(10, 18), canonical, NAMES)).toEqual({})
    expect(personalMotionScale(face(6, 9), canonical, NAMES)).toEqual({})
  })

  it('opens a small mouth less, never below 0.7, and only the directions that open the mouth', () => {
    // 0.8 of the canonical proportion, and small from 0.9 of it: 0.8 / 0.9.
    expect(personalMotionScale(face(4, 9), canonical, NAMES)).toEqual({ jawOpen: 0.889, mouthStretch: 0.889 })
    expect(personalMotionScale(face(2, 9), canonical, NAMES)).toEqual({ jawOpen: 0.7, mouthStretch: 0.7 })
    // Within the usual spread of people: full amplitude.
    expect(personalMotionScale(face(4.6, 9), canonical, NAMES)).toEqual({})
    expect(personalMotionScale(face(4, 9), canonical, ['smile'])).toEqual({})
  })

  it('keeps full amplitude where the landmarks are degenerate', () => {
    expect(personalMotionScale(face(4, 0), canonical, NAMES)).toEqual({})
  })
})
