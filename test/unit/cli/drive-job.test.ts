import { describe, expect, it } from 'vitest'
import { resolveDriveJob } from '../../../src/main/cli/drive-job'

const base = { audio: true, threads: 2 }

describe('resolveDriveJob', () => {
  it('drives one portrait into --out', () => {
    const job = resolveDriveJob('clip.mp4', ['me.jpg'], { ...base, out: 'me-driven.mp4' })
    expect(job.targets[0]).toMatchObject({ portrait: 'me.jpg', out: 'me-driven.mp4', project: null })
  })

  it('refuses an output that is the driving clip or a portrait (it would overwrite it)', () => {
    expect(() => resolveDriveJob('clip.mp4', ['me.jpg'], { ...base, out: './clip.mp4' })).toThrow(
      /is one of the inputs/
    )
    expect(() => resolveDriveJob('in/clip.mp4', ['a.jpg'], { ...base, outDir: 'in' })).not.toThrow()
    expect(() => resolveDriveJob('in/a.mp4', ['x/a.jpg'], { ...base, outDir: 'in' })).toThrow(
      /is one of the inputs/
    )
  })
})
