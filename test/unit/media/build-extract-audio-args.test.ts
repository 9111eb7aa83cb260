import { describe, expect, it } from 'vitest'
import {
  buildAudioProbeArgs,
  buildExtractAudioArgs
} from '../../../src/main/core/media/build-extract-audio-args'
import { ffmpegFilePath } from '../../../src/main/core/media/ffmpeg-file-path'
import { formatSeconds, shiftTimestamps } from '../../../src/main/core/media/ffmpeg-seconds'
import { parseAudioProbe } from '../../../src/main/core/media/parse-audio-probe'

// Captured (Metadata lines left out) from the probe run of ffmpeg 5.1 (Debian) and of the bundled
// static build, on a 1 s 64x48 25 fps H.264 clip with stereo AAC.
const PROBE_5_1 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/tmp/ax/clip.mp4':
  Duration: 00:00:01.00, start: 0.000000, bitrate: 101 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 64x48 [SAR 1:1 DAR 4:3], 18 kb/s, 25 fps, 25 tbr, 12800 tbn (default)
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 128 kb/s (default)
Stream mapping:
  Stream #0:0 -> #0:0 (h264 (native) -> wrapped_avframe (native))
  Stream #0:1 -> #0:1 (aac (native) -> pcm_s16le (native))
[Parsed_showinfo_0 @ 0x55f6014dc080] config in time_base: 1/12800, frame_rate: 25/1
[Parsed_showinfo_0 @ 0x55f6014dc080] n:   0 pts:   6400 pts_time:0.5     pos:       48 fmt:yuv420p sar:1/1 s:64x48 i:P iskey:1 type:I checksum:71996793 plane_checksum:[083A5C3D AFAC726F CA1598D8] mean:[72 123 136] stdev:[50.7 48.4 49.5]
[Parsed_showinfo_0 @ 0x55f6014dc080] n:   1 pts:   6912 pts_time:0.54    pos:     1824 fmt:yuv420p sar:1/1 s:64x48 i:P iskey:0 type:B checksum:71996793 plane_checksum:[083A5C3D AFAC726F CA1598D8] mean:[72 123 136] stdev:[50.7 48.4 49.5]
Finishing stream 0:1 without any data written to it.
Output #0, null, to 'pipe:':
  Stream #0:0(und): Video: wrapped_avframe, yuv420p(progressive), 64x48 [SAR 1:1 DAR 4:3], q=2-31, 200 kb/s, 25 fps, 25 tbn (default)
  Stream #0:1(und): Audio: pcm_s16le, 44100 Hz, stereo, s16, 1411 kb/s (default)
`
const PROBE_BUNDLED = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'file:/tmp/ax/clip.mp4':
  Duration: 00:00:01.00, start: 0.000000, bitrate: 101 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 64x48 [SAR 1:1 DAR 4:3], 18 kb/s, 25 fps, 25 tbr, 12800 tbn, 50 tbc (default)
    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 128 kb/s (default)
Stream mapping:
  Stream #0:0 -> #0:0 (h264 (native) -> wrapped_avframe (native))
[Parsed_showinfo_0 @ 0x2f53dfc0] n:   0 pts:      0 pts_time:0       pos:       48 fmt:yuv420p sar:1/1 s:64x48 i:P iskey:1 type:I checksum:71996793 plane_checksum:[083A5C3D AFAC726F CA1598D8] mean:[72 123 136 ] stdev:[50.7 48.4 49.5 ]
Output #0, null, to 'pipe:':
    Stream #0:0(und): Video: wrapped_avframe, yuv420p(progressive), 64x48 [SAR 1:1 DAR 4:3], q=2-31, 200 kb/s, 25 fps, 25 tbn, 25 tbc (default)
    Stream #0:1(und): Audio: pcm_s16le, 44100 Hz, stereo, s16, 1411 kb/s (default)
`

describe('buildAudioProbeArgs', () => {
  it('opens the file as file:/absolute, decodes one video and one audio frame and writes nothing', () => {
    expect(buildAudioProbeArgs('/clips/take 1.mp4')).toEqual([
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'info',
      '-i',
      'file:/clips/take 1.mp4',
      '-map',
      '0:V:0?',
      '-map',
      '0:a:0?',
      '-frames:v',
      '1',
      '-frames:a',
      '1',
      '-vf',
      'showinfo',
      '-f',
      'null',
      '-'
    ])
  })
})

describe('buildExtractAudioArgs', () => {
  it('writes AAC-LC 160 kb/s 48 kHz MP4, moving the first frame to time 0 and padding or cutting there', () => {
    expect(
      buildExtractAudioArgs({
        inputPath: '/clips/http:take.mp4',
        outputPath: '/out/.voice.m4a.mimesis-partial-ab12.m4a',
        videoStartSec: 0.52
      })
    ).toEqual([
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'error',
      '-progress',
      'pipe:2',
      '-y',
      '-i',
      'file:/clips/http:take.mp4',
      '-map',
      '0:a:0',
      '-vn',
      '-sn',
      '-dn',
      '-map_metadata',
      '-1',
      '-map_chapters',
      '-1',
      '-af',
      'asetpts=PTS-0.520000/TB,aresample=48000:async=1:first_pts=0,aformat=channel_layouts=mono|stereo',
      '-c:a',
      'aac',
      '-profile:a',
      'aac_low',
      '-b:a',
      '160000',
      '-ar',
      '48000',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      'file:/out/.voice.m4a.mimesis-partial-ab12.m4a'
    ])
  })

  it('moves timestamps later for a first frame before 0, and refuses a start that is not finite', () => {
    const args = buildExtractAudioArgs({ inputPath: '/a.mp4', outputPath: '/b.m4a', videoStartSec: -0.25 })
    expect(args[args.indexOf('-af') + 1]).toMatch(/^asetpts=PTS\+0\.250000\/TB,/)
    expect(() =>
      buildExtractAudioArgs({ inputPath: '/a.mp4', outputPath: '/b.m4a', videoStartSec: NaN })
    ).toThrow(/videoStartSec/)
  })

  it('refuses relative paths, which ffmpeg would resolve against its own working folder', () => {
    expect(() =>
      buildExtractAudioArgs({ inputPath: 'a.mp4', outputPath: '/b.m4a', videoStartSec: 0 })
    ).toThrow(/absolute/)
    expect(ffmpegFilePath('/x/concat:a|b.mp4')).toBe('file:/x/concat:a|b.mp4')
  })
})

describe('ffmpeg seconds', () => {
  it.each([
    [0, 'PTS+0.000000/TB'],
    [-0, 'PTS+0.000000/TB'],
    [1, 'PTS+1.000000/TB'],
    [-1.0000004, 'PTS-1.000000/TB'],
    [-3600, 'PTS-3600.000000/TB']
  ])('shiftTimestamps(%s) = %s', (delta, expected) => {
    expect(shiftTimestamps(delta)).toBe(expected)
  })

  it('formats seconds with microsecond precision and refuses infinities', () => {
    expect(formatSeconds(2)).toBe('2.000000')
    expect(formatSeconds(1001 / 30000)).toBe('0.033367')
    expect(formatSeconds(-1e-9)).toBe('0.000000')
    expect(() => formatSeconds(Infinity)).toThrow(RangeError)
  })
})

describe('parseAudioProbe', () => {
  it('reads the streams of input #0 only and the first frame time (ffmpeg 5.1)', () => {
    expect(parseAudioProbe(PROBE_5_1)).toEqual({
      opened: true,
      audio: { codec: 'aac', sampleRate: 44100, channels: 2 },
      hasVideo: true,
      firstVideoFrameSec: 0.5,
      durationSec: 1
    })
  })

  it('reads the indented banner of the bundled build', () => {
    expect(parseAudioProbe(PROBE_BUNDLED)).toMatchObject({
      opened: true,
      audio: { codec: 'aac', sampleRate: 44100, channels: 1 },
      hasVideo: true,
      firstVideoFrameSec: 0
    })
  })

  it('ignores cover art, counts channel layouts, and reports files without audio or video', () => {
    const art = `Input #0, mp3, from 'file:/a.mp3':
  Duration: 00:00:03.50, start: 0.025057, bitrate: 129 kb/s
  Stream #0:0: Audio: mp3, 44100 Hz, 5.1(side), fltp, 128 kb/s
  Stream #0:1: Video: png, rgb24(pc), 300x300, 90k tbr, 90k tbn (attached pic)
Output #0, null, to 'pipe:':
`
    expect(parseAudioProbe(art)).toEqual({
      opened: true,
      audio: { codec: 'mp3', sampleRate: 44100, channels: 6 },
      hasVideo: false,
      firstVideoFrameSec: null,
      durationSec: 3.5
    })
    const silent = PROBE_5_1.replace(/^.*Audio: aac.*$/m, '')
    expect(parseAudioProbe(silent).audio).toBeNull()
    expect(
      parseAudioProbe(`Input #0, wav, from 'file:/b.wav':
  Stream #0:0: Audio: pcm_s16le ([1][0][0][0] / 0x0001), 48000 Hz, 3 channels, s16, 2304 kb/s
`).audio
    ).toEqual({ codec: 'pcm_s16le', sampleRate: 48000, channels: 3 })
  })

  it('reports a file ffmpeg could not open', () => {
    expect(
      parseAudioProbe(`[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found
file:/a.mp4: Invalid data found when processing input
`)
    ).toEqual({ opened: false, audio: null, hasVideo: false, firstVideoFrameSec: null, durationSec: null })
  })
})
