import { describe, expect, it } from 'vitest'
import {
  buildAudioEncodeArgs,
  buildAudioFilter,
  buildAudioInputArgs,
  buildEncodeArgs
} from '../../../src/main/core/export/build-encode-args'

const base = {
  width: 128,
  height: 128,
  fps: 24,
  outputPath: '/out/.clip.mp4.mimesis-partial-ab12.mp4'
} as const

describe('buildEncodeArgs', () => {
  it('encodes RGBA from stdin to H.264 yuv420p MP4 with an explicit muxer', () => {
    expect(buildEncodeArgs({ ...base, format: 'mp4-h264' })).toEqual([
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostats',
      '-progress',
      'pipe:2',
      '-y',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-s',
      '128x128',
      '-framerate',
      '24',
      '-i',
      'pipe:0',
      '-an',
      '-vf',
      'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p',
      '-c:v',
      'libx264',
      '-preset',
      'medium',
      '-crf',
      '18',
      '-colorspace',
      'bt709',
      '-color_primaries',
      'bt709',
      '-color_trc',
      'bt709',
      '-color_range',
      'tv',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      '/out/.clip.mp4.mimesis-partial-ab12.mp4'
    ])
  })

  it.each([
    ['draft', 'veryfast', '23'],
    ['standard', 'medium', '18'],
    ['high', 'slow', '14']
  ] as const)('maps quality %s to preset %s and crf %s', (quality, preset, crf) => {
    const args = buildEncodeArgs({ ...base, format: 'mp4-h264', quality })
    expect(args[args.indexOf('-preset') + 1]).toBe(preset)
    expect(args[args.indexOf('-crf') + 1]).toBe(crf)
  })

  it('takes an explicit crf and rejects one out of range, naming the parameter', () => {
    const args = buildEncodeArgs({ ...base, format: 'mp4-h264', quality: { crf: 0 } })
    expect(args[args.indexOf('-crf') + 1]).toBe('0')
    expect(() => buildEncodeArgs({ ...base, format: 'mp4-h264', quality: { crf: 52 } })).toThrow(
      /crf .* 0\.\.51/
    )
    expect(() => buildEncodeArgs({ ...base, format: 'webm-vp9', quality: { crf: 63 } })).not.toThrow()
  })

  it.each([
    [24, '24'],
    [25, '25'],
    [30, '30'],
    [60, '60'],
    [29.97, '30000/1001'],
    [23.976, '24000/1001'],
    [59.94, '60000/1001'],
    [12.5, '25/2'],
    [{ num: 30000, den: 1001 }, '30000/1001'],
    [{ num: 50, den: 2 }, '25']
  ] as const)('writes fps %o as %s', (fps, expected) => {
    const args = buildEncodeArgs({ ...base, format: 'mp4-h264', fps })
    expect(args[args.indexOf('-framerate') + 1]).toBe(expected)
  })

  it('rejects non-positive or non-integer rational rates', () => {
    expect(() => buildEncodeArgs({ ...base, format: 'mp4-h264', fps: 0 })).toThrow(/fps/)
    expect(() => buildEncodeArgs({ ...base, format: 'mp4-h264', fps: { num: 30, den: 0 } })).toThrow(/fps/)
    expect(() => buildEncodeArgs({ ...base, format: 'mp4-h264', fps: Number.NaN })).toThrow(/fps/)
  })

  it('pads odd sizes to even for yuv420 formats, or rejects them when asked', () => {
    const args = buildEncodeArgs({ ...base, width: 127, height: 95, format: 'mp4-h264' })
    expect(args[args.indexOf('-s') + 1]).toBe('127x95')
    expect(args[args.indexOf('-vf') + 1]).toBe(
      'pad=128:96:0:0:color=black,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p'
    )
    expect(() => buildEncodeArgs({ ...base, width: 127, format: 'mp4-h264', oddSize: 'reject' })).toThrow(
      /even width and height, got 127x128/
    )
    const webm = buildEncodeArgs({ ...base, width: 127, format: 'webm-vp9' })
    expect(webm[webm.indexOf('-vf') + 1]).toBe('pad=128:128:0:0:color=black@0,format=yuva420p')
  })

  it('keeps odd sizes for ProRes 4444, which has no chroma subsampling', () => {
    const args = buildEncodeArgs({ ...base, width: 127, height: 95, format: 'mov-prores4444' })
    expect(args[args.indexOf('-vf') + 1]).toBe('format=yuva444p10le')
  })

  it('rejects sizes that are not positive integers', () => {
    expect(() => buildEncodeArgs({ ...base, width: 0, format: 'mp4-h264' })).toThrow(/width/)
    expect(() => buildEncodeArgs({ ...base, height: 12.5, format: 'mp4-h264' })).toThrow(/height/)
  })

  it('writes ProRes 4444 with alpha into MOV', () => {
    const args = buildEncodeArgs({ ...base, format: 'mov-prores4444', outputPath: '/o/.a.mov.part.mov' })
    expect(args.slice(args.indexOf('-vf'))).toEqual([
      '-vf',
      'format=yuva444p10le',
      '-c:v',
      'prores_ks',
      '-profile:v',
      '4444',
      '-vendor',
      'apl0',
      '-alpha_bits',
      '16',
      '-f',
      'mov',
      '/o/.a.mov.part.mov'
    ])
  })

  it('writes VP9 with alpha into WebM in constant-quality mode', () => {
    const args = buildEncodeArgs({ ...base, format: 'webm-vp9', quality: 'draft', outputPath: '/o/t' })
    expect(args.slice(args.indexOf('-vf'))).toEqual([
      '-vf',
      'format=yuva420p',
      '-c:v',
      'libvpx-vp9',
      '-b:v',
      '0',
      '-crf',
      '40',
      '-cpu-used',
      '8',
      '-row-mt',
      '1',
      '-auto-alt-ref',
      '0',
      '-lag-in-frames',
      '0',
      '-f',
      'webm',
      '/o/t'
    ])
  })

  it('accepts packed RGB input', () => {
    const args = buildEncodeArgs({ ...base, format: 'mp4-h264', inputPixelFormat: 'rgb24' })
    expect(args[args.indexOf('-pix_fmt') + 1]).toBe('rgb24')
  })
})

describe('buildEncodeArgs with audio', () => {
  const audio = { path: '/cache/voice.m4a', offsetSec: 1, durationSec: 2 }

  it('adds the audio file as input 1, maps both streams and cuts the audio by seconds (MP4: AAC 192k)', () => {
    expect(buildEncodeArgs({ ...base, format: 'mp4-h264', quality: 'draft', audio })).toEqual([
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostats',
      '-progress',
      'pipe:2',
      '-y',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      '-s',
      '128x128',
      '-framerate',
      '24',
      '-i',
      'pipe:0',
      '-i',
      'file:/cache/voice.m4a',
      '-map',
      '0:v:0',
      '-map',
      '1:a:0',
      '-vf',
      'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '23',
      '-colorspace',
      'bt709',
      '-color_primaries',
      'bt709',
      '-color_trc',
      'bt709',
      '-color_range',
      'tv',
      '-movflags',
      '+faststart',
      '-af',
      'asetpts=PTS-1.000000/TB,aresample=48000:async=1:first_pts=0,aformat=channel_layouts=mono|stereo,apad,atrim=end=2.000000',
      '-c:a',
      'aac',
      '-b:a',
      '192k',
      '-ar',
      '48000',
      '-f',
      'mp4',
      '/out/.clip.mp4.mimesis-partial-ab12.mp4'
    ])
  })

  it('writes 16-bit PCM into MOV and Opus 128k into WebM', () => {
    const mov = buildEncodeArgs({ ...base, format: 'mov-prores4444', outputPath: '/o/m', audio })
    expect(mov.slice(mov.indexOf('-alpha_bits'))).toEqual([
      '-alpha_bits',
      '16',
      '-af',
      buildAudioFilter(audio),
      '-c:a',
      'pcm_s16le',
      '-ar',
      '48000',
      '-f',
      'mov',
      '/o/m'
    ])
    const webm = buildEncodeArgs({ ...base, format: 'webm-vp9', outputPath: '/o/w', audio })
    expect(webm.slice(webm.indexOf('-af'))).toEqual([
      '-af',
      buildAudioFilter(audio),
      '-c:a',
      'libopus',
      '-b:a',
      '128k',
      '-ar',
      '48000',
      '-f',
      'webm',
      '/o/w'
    ])
    expect(webm).not.toContain('-an')
  })

  it.each([
    ['mp4-h264', ['-c:a', 'aac', '-b:a', '192k', '-ar', '48000']],
    ['mov-prores4444', ['-c:a', 'pcm_s16le', '-ar', '48000']],
    ['webm-vp9', ['-c:a', 'libopus', '-b:a', '128k', '-ar', '48000']]
  ] as const)('buildAudioEncodeArgs(%s)', (format, expected) => {
    expect(buildAudioEncodeArgs(format)).toEqual(expected)
  })

  it('places the audio by seconds: a negative offset moves it later (silence first), the length is the video', () => {
    expect(buildAudioFilter({ offsetSec: -0.5, durationSec: 1001 / 30 })).toBe(
      'asetpts=PTS+0.500000/TB,aresample=48000:async=1:first_pts=0,aformat=channel_layouts=mono|stereo,apad,atrim=end=33.366667'
    )
    expect(buildAudioFilter({ offsetSec: 0, durationSec: 0.04 })).toMatch(/^asetpts=PTS\+0\.000000\/TB,/)
  })

  it('reads the audio as file:/absolute only, and refuses offsets or lengths that are not finite seconds', () => {
    expect(buildAudioInputArgs({ ...audio, path: '/c/pipe:1.m4a' })).toEqual(['-i', 'file:/c/pipe:1.m4a'])
    expect(() => buildAudioInputArgs({ ...audio, path: 'voice.m4a' })).toThrow(/absolute/)
    expect(() => buildAudioFilter({ offsetSec: Number.NaN, durationSec: 2 })).toThrow(/offsetSec/)
    expect(() => buildAudioFilter({ offsetSec: 0, durationSec: 0 })).toThrow(/durationSec/)
    expect(() =>
      buildEncodeArgs({ ...base, format: 'mp4-h264', audio: { ...audio, offsetSec: Infinity } })
    ).toThrow(/offsetSec/)
  })
})

describe('GIF', () => {
  it('drops the alpha, takes one palette per frame and loops', () => {
    const args = buildEncodeArgs({ ...base, format: 'gif', outputPath: '/o/g' })
    const vf = args[args.indexOf('-vf') + 1]!
    expect(vf.startsWith('format=rgb24,split')).toBe(true)
    expect(vf).toContain('palettegen=stats_mode=single')
    expect(vf).toContain('paletteuse=new=1')
    expect(args).toEqual(expect.arrayContaining(['-c:v', 'gif', '-loop', '0', '-an']))
    expect(args.slice(-3)).toEqual(['-f', 'gif', '/o/g'])
    expect(() => buildAudioEncodeArgs('gif')).toThrow(/no sound/)
  })
})
