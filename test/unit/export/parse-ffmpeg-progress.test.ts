import { describe, expect, it } from 'vitest'
import { parseFfmpegProgress } from '../../../src/main/core/export/parse-ffmpeg-progress'

// Captured from `ffmpeg 5.1 -loglevel error -nostats -progress pipe:2` encoding 30 frames with libx264.
const REAL = `frame=1
fps=0.00
stream_0_0_q=0.0
bitrate=N/A
total_size=48
out_time_us=0
out_time_ms=0
out_time=00:00:00.000000
dup_frames=0
drop_frames=0
speed=N/A
progress=continue
frame=30
fps=0.00
stream_0_0_q=29.0
bitrate=  53.7kbits/s
total_size=6044
out_time_us=900065
out_time_ms=900065
out_time=00:00:00.900065
dup_frames=0
drop_frames=0
speed= 104x
progress=end
`

describe('parseFfmpegProgress', () => {
  it('reads the last complete block of real output', () => {
    expect(parseFfmpegProgress(REAL)).toEqual({
      frame: 30,
      fps: 0,
      outTimeSec: 0.900065,
      totalSizeBytes: 6044,
      speed: 104,
      ended: true,
      messages: []
    })
  })

  it('ignores an unfinished block and an unfinished line', () => {
    const firstBlock = REAL.slice(0, REAL.indexOf('progress=continue\n') + 'progress=continue\n'.length)
    const parsed = parseFfmpegProgress(`${firstBlock}frame=17\nfps=3`)
    expect(parsed.frame).toBe(1)
    expect(parsed.ended).toBe(false)
    expect(parsed.speed).toBeNull()
  })

  it('keeps error lines as messages, in order', () => {
    // Captured: ffmpeg 5.1 writing to a tmpfs that filled up.
    const stderr =
      'frame=3\nprogress=continue\n' +
      'av_interleaved_write_frame(): No space left on device\n' +
      '    Last message repeated 4 times\n' +
      'Error writing trailer of /tmp/x/a.mp4: No space left on device\n'
    const parsed = parseFfmpegProgress(stderr)
    expect(parsed.frame).toBe(3)
    expect(parsed.messages).toEqual([
      'av_interleaved_write_frame(): No space left on device',
      'Last message repeated 4 times',
      'Error writing trailer of /tmp/x/a.mp4: No space left on device'
    ])
  })

  it('handles CRLF line ends and empty input', () => {
    expect(parseFfmpegProgress('frame=5\r\nprogress=end\r\n')).toMatchObject({ frame: 5, ended: true })
    expect(parseFfmpegProgress('')).toMatchObject({ frame: null, ended: false, messages: [] })
  })
})
