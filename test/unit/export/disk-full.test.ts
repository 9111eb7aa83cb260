import { describe, expect, it } from 'vitest'
import { DiskFullError } from '../../../src/main/core/export/disk-full-error'
import { isDiskFullFailure } from '../../../src/main/core/export/is-disk-full-failure'

describe('isDiskFullFailure', () => {
  it('recognises ENOSPC and EDQUOT errno codes', () => {
    expect(isDiskFullFailure({ errnoCode: 'ENOSPC' })).toBe(true)
    expect(isDiskFullFailure({ errnoCode: 'EDQUOT' })).toBe(true)
    expect(isDiskFullFailure({ errnoCode: 'EACCES' })).toBe(false)
  })

  it("recognises ffmpeg's messages", () => {
    expect(isDiskFullFailure({ stderr: 'Error writing trailer of /x.mp4: No space left on device' })).toBe(
      true
    )
    expect(isDiskFullFailure({ stderr: 'av_interleaved_write_frame(): Disk quota exceeded' })).toBe(true)
    expect(isDiskFullFailure({ stderr: 'Invalid argument' })).toBe(false)
    expect(isDiskFullFailure({})).toBe(false)
  })
})

describe('DiskFullError', () => {
  it('says the disk is full, how much was written and how much was free', () => {
    const error = new DiskFullError('/videos/a.mp4', 3 * 1024 * 1024, 2 * 1024 * 1024)
    expect(error.message).toBe(
      'The disk is full: could not finish writing /videos/a.mp4. The export needed more than 3.0 MB and 2.0 MB free. ' +
        'Free up space or choose another folder, then export again.'
    )
    expect(new DiskFullError('/a.mp4', null, null).message).toBe(
      'The disk is full: could not finish writing /a.mp4. Free up space or choose another folder, then export again.'
    )
  })
})
