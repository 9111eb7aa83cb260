import { describe, expect, it } from 'vitest'
import type { DriverSummary } from '@shared/ipc/contract'
import { describeDriver, describeGaps, formatClipTime } from '../../../src/renderer/src/components/drive-text'
import { isDriverVideoName } from '../../../src/renderer/src/components/driver-video-file'

const driver: DriverSummary = {
  name: 'actor.mp4',
  frames: 450,
  framesWithFace: 420,
  fps: 29.97,
  durationSec: 15.015,
  width: 1280,
  height: 720,
  gaps: [],
  referenceSec: 1.2,
  hasAudio: true,
  facesAtStart: 1,
  faceIndex: 0,
  warning: null
}

describe('drive dialog wording', () => {
  it('formats clip times in seconds, then minutes', () => {
    expect(formatClipTime(0)).toBe('0 s')
    expect(formatClipTime(3.2)).toBe('3.2 s')
    expect(formatClipTime(4.149)).toBe('4.1 s')
    expect(formatClipTime(64.5)).toBe('1 min 4.5 s')
    expect(formatClipTime(-1)).toBe('0 s')
  })

  it('says where the face was lost and what happens there', () => {
    expect(describeGaps([{ start: 3.2, end: 4.1 }])).toEqual([
      'No face from 3.2 s to 4.1 s: the head eases back to the reference there.'
    ])
    const many = Array.from({ length: 5 }, (_, i) => ({ start: i, end: i + 0.5 }))
    const lines = describeGaps(many)
    expect(lines).toHaveLength(4)
    expect(lines[3]).toBe('…and 2 more stretches without a face.')
    expect(describeGaps([])).toEqual([])
  })

  it('sums the clip up in one line', () => {
    expect(describeDriver(driver)).toBe(
      '450 frames at 29.97 fps · 15 s · face in 420 of 450 frames · with sound'
    )
    expect(describeDriver({ ...driver, framesWithFace: 450, hasAudio: false, fps: 15 })).toBe(
      '450 frames at 15 fps · 15 s · face in every frame · no sound'
    )
  })

  it('recognises the videos that can drive by their extension', () => {
    for (const name of ['a.mp4', 'B.MOV', 'c.webm', 'd.mkv', 'e.avi', 'take.2.m4v'])
      expect(isDriverVideoName(name)).toBe(true)
    for (const name of ['face.png', 'notes.txt', 'mp4', 'project.mimesis', 'x.mp4.png'])
      expect(isDriverVideoName(name)).toBe(false)
  })
})
