import { describe, expect, it } from 'vitest'
import { isDiskFullFailure } from '../../../src/main/core/export/is-disk-full-failure'
import { WriteErrorScanner, isWriteErrorLine } from '../../../src/main/core/export/ffmpeg-write-errors'
import { checkEncodedLength, lengthToleranceSec } from '../../../src/main/core/export/verify-encoded-file'
import { parseProbeJson } from '../../../src/main/core/media/parse-probe-json'
import { type VideoInfo } from '../../../src/main/core/media/video-info'

describe('WriteErrorScanner', () => {
  it("finds ffmpeg's write errors however the chunks split the lines", () => {
    const text =
      'frame=47\nprogress=continue\n' +
      '[mp4 @ 0x1] Error writing trailer of /v/.a.mp4.mimesis-partial-1.mp4: No space left on device\n' +
      'frame=48\nprogress=end\n'
    for (const size of [1, 3, 7, text.length]) {
      const scanner = new WriteErrorScanner()
      for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size))
      scanner.end()
      expect(scanner.lines).toEqual([
        '[mp4 @ 0x1] Error writing trailer of /v/.a.mp4.mimesis-partial-1.mp4: No space left on device'
      ])
      expect(isDiskFullFailure({ stderr: scanner.lines.join('\n') })).toBe(true)
    }
  })

  it('reads an unterminated last line at the end, and keeps only the first few of many', () => {
    const scanner = new WriteErrorScanner()
    for (let i = 0; i < 100; i++) scanner.push(`av_interleaved_write_frame(): I/O error ${i}\n`)
    scanner.push('Error writing trailer of x.webm: Input/output error')
    expect(scanner.lines).toHaveLength(8)
    expect(scanner.lines[0]).toBe('av_interleaved_write_frame(): I/O error 0')
    const last = new WriteErrorScanner()
    last.push('Error writing trailer of x.webm: Input/output error')
    expect(last.lines).toEqual([])
    last.end()
    expect(last.lines).toEqual(['Error writing trailer of x.webm: Input/output error'])
  })

  it('tells write errors from progress and other messages', () => {
    expect(isWriteErrorLine('Error writing trailer of x.mp4: Invalid argument')).toBe(true)
    expect(isWriteErrorLine('av_interleaved_write_frame(): Disk quota exceeded')).toBe(true)
    expect(isWriteErrorLine('write failed: ENOSPC')).toBe(true)
    expect(isWriteErrorLine('frame=12')).toBe(false)
    expect(isWriteErrorLine('[libx264 @ 0x1] using cpu capabilities: MMX2 SSE2Fast')).toBe(false)
  })
})

describe('checkEncodedLength', () => {
  const info = (over: Partial<VideoInfo>): VideoInfo => ({
    width: 64,
    height: 64,
    durationSec: 5,
    frameCountEstimate: 120,
    avgFps: 24,
    isVariableFrameRate: false,
    hasAudio: false,
    codec: 'h264',
    rotation: 0,
    ...over
  })
  const expected = { frameCount: 120, fps: 24 }

  it('accepts the length sent, within a frame plus the audio priming', () => {
    expect(lengthToleranceSec(24)).toBeCloseTo(1 / 24 + 0.05)
    expect(checkEncodedLength(info({}), expected)).toBeNull()
    expect(checkEncodedLength(info({ durationSec: 5.09, frameCountEstimate: 122 }), expected)).toBeNull()
    expect(checkEncodedLength(info({ packetCount: 120 }), expected)).toBeNull()
    expect(checkEncodedLength(info({ frameCountEstimate: null }), expected)).toBeNull()
  })

  it('refuses a file with no duration, a short or long one, or fewer packets than frames', () => {
    expect(checkEncodedLength(info({ durationSec: null }), expected)).toMatch(/no duration/)
    expect(checkEncodedLength(info({ durationSec: 4.5, frameCountEstimate: 108 }), expected)).toBe(
      'it lasts 4.50 s instead of 5.00 s'
    )
    expect(checkEncodedLength(info({ durationSec: 6 }), expected)).toMatch(/lasts 6\.00 s/)
    expect(checkEncodedLength(info({ frameCountEstimate: 116 }), expected)).toBe(
      'it holds 116 frames instead of 120'
    )
    // A truncated MP4 whose index, at the start, still claims every frame.
    expect(checkEncodedLength(info({ packetCount: 55 }), expected)).toBe(
      'only 55 of its 120 frames can be read'
    )
  })
})

describe('parseProbeJson packet count', () => {
  const stream = { codec_type: 'video', codec_name: 'h264', width: 64, height: 64, r_frame_rate: '24/1' }
  it('reads nb_read_packets (ffprobe -count_packets) when there, and leaves it out otherwise', () => {
    const counted = parseProbeJson(JSON.stringify({ streams: [{ ...stream, nb_read_packets: '23' }] }))
    expect(counted?.packetCount).toBe(23)
    const plain = parseProbeJson(JSON.stringify({ streams: [stream] }))
    expect(plain).not.toHaveProperty('packetCount')
  })
})
