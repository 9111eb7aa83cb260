import { describe, expect, it } from 'vitest'
import { classifyVideoInputFailure } from '../../../src/main/core/media/classify-video-input-failure'
import { parseFfmpegInputInfo } from '../../../src/main/core/media/parse-ffmpeg-input-info'
import { parseInputHeader } from '../../../src/main/core/media/parse-input-header'
import { normalizeRotation, parseProbeJson } from '../../../src/main/core/media/parse-probe-json'
import { parseShowinfoLine } from '../../../src/main/core/media/parse-showinfo-line'

// Captured from ffmpeg 5.1 (Debian) and the bundled static build, on a 1 s 64x48 30 fps clip with
// AAC audio, tagged with a 90 degree rotation.
const BANNER_5_1 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'av90.mp4':
  Metadata:
    major_brand     : isom
  Duration: 00:00:01.02, start: 0.000000, bitrate: 107 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 64x48 [SAR 1:1 DAR 4:3], 18 kb/s, 30 fps, 30 tbr, 15360 tbn (default)
    Metadata:
      handler_name    : VideoHandler
    Side data:
      displaymatrix: rotation of 90.00 degrees
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 70 kb/s (default)
At least one output file must be specified
`
const BANNER_BUNDLED = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'av90.mp4':
  Duration: 00:00:01.02, start: 0.000000, bitrate: 107 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 64x48 [SAR 1:1 DAR 4:3], 18 kb/s, 30 fps, 30 tbr, 15360 tbn, 60 tbc (default)
    Metadata:
      rotate          : 270
      handler_name    : VideoHandler
    Side data:
      displaymatrix: rotation of 90.00 degrees
    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 70 kb/s (default)
At least one output file must be specified
`

describe('parseShowinfoLine', () => {
  it('reads ffmpeg 5.1 and older showinfo lines', () => {
    expect(
      parseShowinfoLine(
        '[Parsed_showinfo_2 @ 0x55bd517bd7c0] n:   1 pts:    512 pts_time:0.04    pos:     1321 fmt:rgb24 sar:1/1 s:64x48 i:P iskey:0 type:B checksum:600D8829 plane_checksum:[600D8829] mean:[125] stdev:[120.8]'
      )
    ).toEqual({ n: 1, ptsTime: 0.04, width: 64, height: 48 })
    expect(
      parseShowinfoLine(
        '[Parsed_showinfo_2 @ 0x373d6780] n:   0 pts:      0 pts_time:0       pos:       48 fmt:rgb24 sar:1/1 s:48x64 i:P iskey:1 type:I checksum:63828514 plane_checksum:[63828514] mean:[125 ] stdev:[120.8 ]'
      )
    ).toEqual({ n: 0, ptsTime: 0, width: 48, height: 64 })
  })

  it('maps NOPTS to null and ignores other lines', () => {
    expect(
      parseShowinfoLine(
        '[Parsed_showinfo_1 @ 0x1] n:   3 pts:NOPTS pts_time:NOPTS pos: -1 fmt:rgb24 sar:0/1 s:8x8 i:P'
      )
    ).toEqual({ n: 3, ptsTime: null, width: 8, height: 8 })
    expect(
      parseShowinfoLine('[Parsed_showinfo_1 @ 0x1] config in time_base: 1/12800, frame_rate: 25/1')
    ).toBeNull()
    expect(parseShowinfoLine('  Duration: 00:00:01.02, start: 0.000000')).toBeNull()
  })
})

describe('parseInputHeader', () => {
  it('reads duration and nominal rate', () => {
    expect(parseInputHeader(BANNER_5_1)).toEqual({ durationSec: 1.02, fps: 30 })
    expect(parseInputHeader('  Duration: N/A, bitrate: N/A\n')).toEqual({ durationSec: null, fps: null })
  })
})

describe('parseFfmpegInputInfo', () => {
  it.each([
    ['5.1', BANNER_5_1],
    ['bundled', BANNER_BUNDLED]
  ])('reads the %s banner, rotation included', (_version, banner) => {
    expect(parseFfmpegInputInfo(banner)).toEqual({
      width: 48,
      height: 64,
      durationSec: 1.02,
      frameCountEstimate: 31,
      avgFps: 30,
      isVariableFrameRate: false,
      hasAudio: true,
      codec: 'h264',
      rotation: 90
    })
  })

  it('returns null without a video stream', () => {
    expect(parseFfmpegInputInfo(BANNER_5_1.replace(/.*Video:.*\n/, ''))).toBeNull()
  })
})

describe('parseProbeJson', () => {
  const stream = {
    codec_type: 'video',
    codec_name: 'hevc',
    width: 1920,
    height: 1080,
    r_frame_rate: '30/1',
    avg_frame_rate: '30000/1001',
    duration: '10.010000',
    nb_frames: '300'
  }

  it('reads the first video stream, ignoring cover art', () => {
    const json = {
      streams: [
        {
          codec_type: 'video',
          codec_name: 'mjpeg',
          width: 600,
          height: 600,
          disposition: { attached_pic: 1 }
        },
        stream,
        { codec_type: 'audio', codec_name: 'aac' }
      ],
      format: { duration: '10.05' }
    }
    expect(parseProbeJson(JSON.stringify(json))).toEqual({
      width: 1920,
      height: 1080,
      durationSec: 10.01,
      frameCountEstimate: 300,
      avgFps: 30000 / 1001,
      isVariableFrameRate: false,
      hasAudio: true,
      codec: 'hevc',
      rotation: 0
    })
  })

  it('turns the display matrix (counterclockwise) and the legacy rotate tag (clockwise) into one rotation', () => {
    const matrix = { ...stream, side_data_list: [{ rotation: -90 }] }
    expect(parseProbeJson(JSON.stringify({ streams: [matrix] }))).toMatchObject({
      width: 1080,
      height: 1920,
      rotation: 270
    })
    const tag = { ...stream, tags: { rotate: '90' } }
    expect(parseProbeJson(JSON.stringify({ streams: [tag] }))).toMatchObject({ rotation: 270 })
  })

  it('estimates the frame count from duration and rate when the container has none', () => {
    const { nb_frames: _omit, ...noCount } = stream
    expect(
      parseProbeJson(
        JSON.stringify({ streams: [{ ...noCount, avg_frame_rate: '25/1', r_frame_rate: '25/1' }] })
      )
    ).toMatchObject({ frameCountEstimate: 250, isVariableFrameRate: false })
  })

  it('flags variable frame rate when the average rate is far from the nominal one', () => {
    const vfr = { ...stream, avg_frame_rate: '250/13', r_frame_rate: '25/1' }
    expect(parseProbeJson(JSON.stringify({ streams: [vfr] }))).toMatchObject({ isVariableFrameRate: true })
  })

  it('returns null without a video stream', () => {
    expect(parseProbeJson(JSON.stringify({ streams: [{ codec_type: 'audio' }] }))).toBeNull()
  })

  it.each([
    [0, 0],
    [90, 90],
    [-90, 270],
    [180, 180],
    [-180, 180],
    [270, 270],
    [450, 90],
    [89.9, 90],
    [Number.NaN, 0]
  ])('normalizes %d degrees to %d', (input, expected) => {
    expect(normalizeRotation(input)).toBe(expected)
  })
})

describe('classifyVideoInputFailure', () => {
  it.each([
    ["Stream map '0:v:0' matches no streams.", 'not-video'],
    ['notes.txt: Invalid data found when processing input', 'not-video'],
    [
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] Format mov,mp4,m4a,3gp,3g2,mj2 detected only with low score of 1, misdetection possible!\n' +
        '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\nnotes.mp4: Invalid data found when processing input',
      'not-video'
    ],
    [
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found\nclip.mp4: Invalid data found when processing input',
      'corrupt'
    ],
    ['[h264 @ 0x1] error while decoding MB 3 2', 'corrupt']
  ] as const)('classifies %j as %s', (stderr, expected) => {
    expect(classifyVideoInputFailure(stderr)).toBe(expected)
  })
})
