import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { MimesisError } from '@shared/errors/mimesis-error'
import { MAX_MESSAGE_CHARS } from '../../../src/shared/text/bound-text'
import {
  cameraValueParser,
  checkDirectionNames,
  fitLongestSide,
  formatDuration,
  formatRenderProgress,
  outputKindOf,
  parseExpressionList,
  parseFaceNumber,
  parseFps,
  parseSeconds,
  parseSize
} from '../../../src/main/cli/render-options'
import { EXIT_CODES, exitCodeFor } from '../../../src/main/cli/exit-code'

const DIRECTIONS = ['jawOpen', 'smile', 'blinkL', 'blinkR', 'browInnerUp']

describe('parseExpressionList (--expr)', () => {
  it.each([
    ['smile=0.8', { smile: 0.8 }],
    ['smile=0.8,jawOpen=0.3', { smile: 0.8, jawOpen: 0.3 }],
    [' smile = -1 , jawOpen=1 ,', { smile: -1, jawOpen: 1 }],
    ['smile=.5', { smile: 0.5 }],
    ['smile=0.2,smile=0.4', { smile: 0.4 }]
  ])('%j', (value, expected) => {
    expect(parseExpressionList(value)).toEqual(expected)
  })

  it('adds to earlier --expr flags (commander passes the previous value)', () => {
    expect(parseExpressionList('jawOpen=0.3', { smile: 0.8, jawOpen: 1 })).toEqual({
      smile: 0.8,
      jawOpen: 0.3
    })
  })

  it.each([
    ['', /expected name=value pairs/],
    ['smile', /"smile" is not name=value/],
    ['smile=', /"smile=" is not name=value/],
    ['=0.5', /"=0.5" is not name=value/],
    ['smile=lots', /smile=lots: the value is not a number/],
    ['smile=NaN', /the value is not a number/],
    ['smile=1.01', /smile=1\.01: expression values go from -1 to 1/],
    ['jawOpen=-2', /jawOpen=-2: expression values go from -1 to 1/]
  ])('refuses %j', (value, message) => {
    expect(() => parseExpressionList(value)).toThrow(InvalidArgumentError)
    expect(() => parseExpressionList(value)).toThrow(message)
  })
})

describe('checkDirectionNames', () => {
  it('accepts known names', () => {
    expect(() => checkDirectionNames({ smile: 1, blinkL: -1 }, DIRECTIONS)).not.toThrow()
  })

  it('names each unknown direction, suggests the closest and lists the valid ones', () => {
    let error: unknown
    try {
      checkDirectionNames({ smile: 1, blinkLeft: 1, Smile: 0.2, bogus: 0 }, DIRECTIONS)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(MimesisError)
    expect(error).toMatchObject({
      code: 'usage',
      message:
        'Unknown expression directions "blinkLeft" (did you mean blinkL?), "Smile" (did you mean smile?), "bogus".',
      detail: 'Valid directions: jawOpen, smile, blinkL, blinkR, browInnerUp.'
    })
  })

  it('suggests a name one or two edits away', () => {
    expect(() => checkDirectionNames({ jawOpn: 1 }, DIRECTIONS)).toThrow('(did you mean jawOpen?)')
  })
})

describe('camera options', () => {
  it.each([
    ['yaw', '35', 35],
    ['yaw', '-35', -35],
    ['pitch', '-5', -5],
    ['roll', '30', 30],
    ['zoom', '0.5', 0.5],
    ['panX', '-0.5', -0.5],
    ['panY', '0.25', 0.25]
  ] as const)('%s %s', (param, value, expected) => {
    expect(cameraValueParser(param)(value)).toBe(expected)
  })

  it.each([
    ['yaw', '35.5', /yaw 35\.5 is outside the supported range -35…35°/],
    ['pitch', '26', /pitch 26 is outside the supported range -25…25°/],
    ['roll', '-31', /roll -31 is outside the supported range -30…30°/],
    ['zoom', '0', /zoom 0 is outside the supported range 0\.5…2×/],
    ['panX', '1', /panX 1 is outside the supported range -0\.5…0\.5 of the frame width/],
    ['yaw', 'left', /expected a number, got "left"/],
    ['yaw', '', /expected a number/]
  ] as const)('refuses %s %j', (param, value, message) => {
    expect(() => cameraValueParser(param)(value)).toThrow(message)
  })
})

describe('number options', () => {
  it('--size: whole pixels from 16 to 8192', () => {
    expect(parseSize('512')).toBe(512)
    expect(parseSize('16')).toBe(16)
    for (const bad of ['15', '8193', '512.5', 'big', ''])
      expect(() => parseSize(bad)).toThrow(InvalidArgumentError)
  })

  it('--fps: above 0 and up to 240, fractions allowed', () => {
    expect(parseFps('29.97')).toBe(29.97)
    for (const bad of ['0', '-30', '241', 'fast']) expect(() => parseFps(bad)).toThrow(InvalidArgumentError)
  })

  it('--seconds: above 0 and up to an hour', () => {
    expect(parseSeconds('0.5')).toBe(0.5)
    for (const bad of ['0', '3601', 'x']) expect(() => parseSeconds(bad)).toThrow(InvalidArgumentError)
  })

  it('--face: counted from 1', () => {
    expect(parseFaceNumber('1')).toBe(1)
    for (const bad of ['0', '-1', '1.5'])
      expect(() => parseFaceNumber(bad)).toThrow(/from 1 \(the largest face\)/)
  })
})

describe('outputKindOf (--out)', () => {
  it.each([
    ['frame.png', { kind: 'still' }],
    ['FRAME.PNG', { kind: 'still' }],
    ['clip.mp4', { kind: 'video', format: 'mp4-h264' }],
    ['clip.mov', { kind: 'video', format: 'mov-prores4444' }],
    ['clip.webm', { kind: 'video', format: 'webm-vp9' }],
    ['clip.GIF', { kind: 'video', format: 'gif' }],
    ['curves.csv', { kind: 'curves', format: 'arkit-csv' }],
    ['curves.JSON', { kind: 'curves', format: 'arkit-json' }],
    ['face.glb', { kind: 'mesh', format: 'glb' }],
    ['face.GLB', { kind: 'mesh', format: 'glb' }]
  ])('%s', (path, expected) => {
    expect(outputKindOf(path)).toEqual(expected)
  })

  it.each([
    ['frame.jpg', /not \.jpg/],
    ['clip.avi', /not \.avi/],
    [
      'noextension',
      /must end in \.png \(a still\), \.mp4, \.mov, \.webm or \.gif \(a video\), \.csv or \.json \(rig curves\) or \.glb \(the 3D face\); for a PNG sequence, add --format png-seq/
    ],
    ['shot_%05d.png', /for a PNG sequence, name its folder and add --format png-seq/]
  ])('refuses %s', (path, message) => {
    expect(() => outputKindOf(path)).toThrow(message)
  })
})

describe('fitLongestSide', () => {
  it.each([
    [1024, 1024, 512, { width: 512, height: 512 }],
    [1920, 1080, 1024, { width: 1024, height: 576 }],
    [1080, 1920, 512, { width: 288, height: 512 }],
    [128, 96, 64, { width: 64, height: 48 }],
    [100, 100, 200, { width: 200, height: 200 }]
  ])('%ix%i at %i', (w, h, side, expected) => {
    expect(fitLongestSide(w, h, side)).toEqual(expected)
  })
})

describe('progress text', () => {
  it('shows frames done of total, percent, fps and ETA', () => {
    expect(
      formatRenderProgress('clip.mp4', {
        framesDone: 48,
        frameCount: 180,
        fraction: 48 / 180,
        elapsedMs: 3900,
        etaMs: 10_725,
        fps: 12.31
      })
    ).toBe('clip.mp4: frame 48/180 (26%), 12.3 fps, ETA 0:11')
  })

  it('leaves the ETA out until a rate is known', () => {
    expect(
      formatRenderProgress('a.mp4', {
        framesDone: 0,
        frameCount: 10,
        fraction: 0,
        elapsedMs: 0,
        etaMs: null,
        fps: 0
      })
    ).toBe('a.mp4: frame 0/10 (0%), 0.0 fps')
  })

  it.each([
    [0, '0:00'],
    [59_400, '0:59'],
    [61_000, '1:01'],
    [3_725_000, '1:02:05']
  ])('formatDuration(%i) = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

describe('exit codes', () => {
  it.each([
    [new MimesisError('usage', 'x'), EXIT_CODES.usage],
    [new MimesisError('cancelled', 'x'), 130],
    [new MimesisError('ffmpeg-missing', 'x'), 69],
    [new MimesisError('input-not-found', 'x'), 66],
    [Object.assign(new Error('x'), { code: 'no-face-found' }), 65],
    [Object.assign(new Error('x'), { code: 'PROJECT_JSON_INVALID' }), 65],
    [Object.assign(new Error('x'), { code: 'ENOENT' }), 1],
    [new Error('x'), 1],
    ['a string', 1]
  ])('%s → %i', (error, code) => {
    expect(exitCodeFor(error)).toBe(code)
  })
})

describe('option errors on hostile arguments (found by the CLI fuzzer)', () => {
  const huge = '9'.repeat(131_072)
  const messageOf = (run: () => unknown): string => {
    try {
      run()
    } catch (error) {
      return (error as Error).message
    }
    throw new Error('expected an error')
  }

  it('quote at most 80 characters of a 128 KiB argument (the message stays within 500)', () => {
    for (const run of [
      () => parseSize(`x${huge}`),
      () => parseFps(`x${huge}`),
      () => parseSeconds(`x${huge}`),
      () => parseFaceNumber(`x${huge}`),
      () => cameraValueParser('yaw')(huge),
      () => parseExpressionList(`smile=${huge}`),
      () => parseExpressionList(`${huge}`),
      () => outputKindOf(`${huge}.${huge}`),
      () => checkDirectionNames({ [`a${huge}`]: 0 }, ['smile'])
    ]) {
      const message = messageOf(run)
      expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
    }
  })

  it('--expr values are plain decimals like every other number (0x1 was read as 1)', () => {
    expect(() => parseExpressionList('smile=0x1')).toThrow(/the value is not a number/)
    expect(parseExpressionList('smile=.5')).toEqual({ smile: 0.5 })
  })
})
