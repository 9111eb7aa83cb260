import { describe, expect, it } from 'vitest'
import { classifyVideoInputFailure } from '../../../src/main/core/media/classify-video-input-failure'

describe('classifyVideoInputFailure', () => {
  it('a file no demuxer recognised is not a video', () => {
    expect(classifyVideoInputFailure('text.mp4: Invalid data found when processing input')).toBe('not-video')
    expect(
      classifyVideoInputFailure('Format mov detected only with low score of 1\nmoov atom not found')
    ).toBe('not-video')
  })

  it('an MP4 whose index is missing (cut short, index at the end) is damaged', () => {
    expect(
      classifyVideoInputFailure('moov atom not found\nx.mp4: Invalid data found when processing input')
    ).toBe('corrupt')
  })

  it('an MP4 with its index at the start, cut short, is damaged, not "not a video" (its stream was listed)', () => {
    const stderr = [
      '    Stream #0:0(und): Video: h264 (avc1 / 0x31637661), none, 256x256, 68 kb/s, 25 fps (default)',
      'Stream mapping:',
      '[h264 @ 0x7f28e80] Invalid NAL unit size (15498 > 8973).',
      'Error while decoding stream #0:0: Invalid data found when processing input',
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x7f24d80] stream 0, offset 0x4552: partial file',
      'file:x.mp4: Invalid data found when processing input'
    ].join('\n')
    expect(classifyVideoInputFailure(stderr)).toBe('corrupt')
  })
})
