import { describe, expect, it } from 'vitest'
import {
  depthFrameName,
  depthSidecarName,
  isSequenceFileName,
  sequenceDigits,
  sequenceFrameName,
  sequencePattern,
  sequenceStemProblem
} from '../../../src/shared/export/image-sequence-names'
import { isImageSequence, outputFormatOfName } from '../../../src/shared/export/output-formats'

describe('image sequence names', () => {
  it('numbers frames from 1, zero-padded to 5 digits', () => {
    expect(sequenceFrameName('shot', 0)).toBe('shot_00001.png')
    expect(sequenceFrameName('shot', 41)).toBe('shot_00042.png')
    expect(depthFrameName('shot', 0)).toBe('shot_depth_00001.png')
    expect(depthSidecarName('shot')).toBe('shot_depth.json')
  })

  it('pads to more digits only when a sequence has more frames than 5 digits count', () => {
    expect(sequenceDigits(1)).toBe(5)
    expect(sequenceDigits(99_999)).toBe(5)
    expect(sequenceDigits(100_000)).toBe(6)
    expect(sequenceFrameName('s', 99_999, sequenceDigits(100_000))).toBe('s_100000.png')
  })

  it('sorts frames in time order by name', () => {
    const names = [9, 10, 99, 100, 0].map((i) => sequenceFrameName('a', i))
    expect([...names].sort()).toEqual([0, 9, 10, 99, 100].map((i) => sequenceFrameName('a', i)))
  })

  it('gives the printf patterns compositors and ffmpeg read', () => {
    expect(sequencePattern('shot', 5, 'colour')).toBe('shot_%05d.png')
    expect(sequencePattern('shot', 6, 'depth')).toBe('shot_depth_%06d.png')
  })

  it('refuses a negative or fractional frame index', () => {
    expect(() => sequenceFrameName('a', -1)).toThrow(RangeError)
    expect(() => sequenceFrameName('a', 1.5)).toThrow(RangeError)
  })

  it('names what makes a folder name unusable', () => {
    expect(sequenceStemProblem('shot')).toBeNull()
    expect(sequenceStemProblem('my shot.v2')).toBeNull()
    expect(sequenceStemProblem('')).toMatch(/empty/)
    expect(sequenceStemProblem('a/b')).toMatch(/separator/)
    expect(sequenceStemProblem('a\\b')).toMatch(/separator/)
    expect(sequenceStemProblem('..')).toMatch(/not a name/)
    expect(sequenceStemProblem('a\nb')).toMatch(/control/)
    expect(sequenceStemProblem('x'.repeat(201))).toMatch(/200/)
  })

  it('counts only PNG and JSON files as an earlier sequence', () => {
    expect(isSequenceFileName('shot_00001.png')).toBe(true)
    expect(isSequenceFileName('shot_depth.json')).toBe(true)
    expect(isSequenceFileName('notes.txt')).toBe(false)
    expect(isSequenceFileName('.DS_Store')).toBe(false)
  })

  it('reads a name without an extension as a sequence folder, a video extension as that video', () => {
    expect(outputFormatOfName('shot')).toBe('png-seq')
    expect(outputFormatOfName('clip.mp4')).toBe('mp4-h264')
    expect(outputFormatOfName('clip.gif')).toBe('gif')
    expect(outputFormatOfName('frame.png')).toBeUndefined()
    expect(outputFormatOfName('take.csv')).toBe('arkit-csv')
    expect(outputFormatOfName('take.JSON')).toBe('arkit-json')
    expect(outputFormatOfName('face.glb')).toBe('glb')
    expect(isImageSequence('png-seq')).toBe(true)
    expect(isImageSequence('webm-vp9')).toBe(false)
  })
})
