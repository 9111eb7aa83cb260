import { describe, expect, it } from 'vitest'
import {
  snapSoundStart,
  soundStartAfterDrag,
  soundStartAfterKey
} from '../../../src/renderer/src/components/timeline/sound-offset'

describe('moving the sound along the timeline', () => {
  it('snaps to the document’s frames and keeps within the format’s hour', () => {
    expect(snapSoundStart(0.51, 30)).toBeCloseTo(0.5, 9)
    expect(snapSoundStart(-0.01, 30)).toBe(0)
    expect(snapSoundStart(5000, 30)).toBe(3600)
    expect(snapSoundStart(-5000, 24)).toBe(-3600)
  })

  it('drags by the lane’s seconds per pixel', () => {
    // 400 px showing 8 s: 50 px is 1 s.
    expect(soundStartAfterDrag(0.5, 50, 8, 400, 30)).toBeCloseTo(1.5, 9)
    expect(soundStartAfterDrag(0.5, -100, 8, 400, 30)).toBeCloseTo(-1.5, 9)
  })

  it('steps a frame with the arrows, a second with Shift, and ignores other keys', () => {
    expect(soundStartAfterKey(1, 'ArrowRight', false, 25)).toBeCloseTo(1.04, 9)
    expect(soundStartAfterKey(1, 'ArrowLeft', true, 25)).toBe(0)
    expect(soundStartAfterKey(1, 'Home', false, 25)).toBeNull()
  })
})
