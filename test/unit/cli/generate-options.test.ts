import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { createDocument, seconds } from '@shared/timeline'
import { parseBlinkRate, parseEmotion, parseSeed } from '../../../src/main/cli/generate-options'
import { checkGenerateOptions, generateSettingsFor } from '../../../src/main/cli/run-generate'

describe('mimesis generate options', () => {
  it('reads an emotion with or without times and intensity, and repeats', () => {
    const one = parseEmotion('joy')
    expect(one).toEqual([{ emotion: 'joy', times: null, span: null, intensity: null }])
    expect(parseEmotion(' sadness , 1, 2.5, 4, 0.6', one)).toEqual([
      ...one,
      { emotion: 'sadness', times: { onsetSec: 1, apexSec: 2.5, offsetSec: 4 }, span: null, intensity: 0.6 }
    ])
    expect(parseEmotion('joy@1-3')).toEqual([
      { emotion: 'joy', times: null, span: { from: 1, to: 3 }, intensity: null }
    ])
    expect(parseEmotion('fear@0.5-2.25,0.7')).toEqual([
      { emotion: 'fear', times: null, span: { from: 0.5, to: 2.25 }, intensity: 0.7 }
    ])
  })

  it('places an emotion given as name@from-to inside its span', () => {
    const doc = createDocument({ expressionNames: ['smile'], settings: { durationSec: seconds(10) } })
    const { settings } = generateSettingsFor(doc, { seed: 1, emotion: parseEmotion('joy@1-3') })
    const arc = settings.emotions[0]!
    expect(arc.onsetSec).toBeGreaterThanOrEqual(1)
    expect(arc.offsetSec).toBeLessThanOrEqual(3)
    expect(arc.onsetSec < arc.apexSec && arc.apexSec < arc.offsetSec).toBe(true)
  })

  it.each([
    'rage',
    'joy,1,2',
    'joy,2,1,3',
    'joy,1,2,3,1.5',
    'joy,1,x,3',
    'joy,-1,2,3',
    '',
    'joy@3-1',
    'joy@1',
    'joy@a-2',
    'rage@1-2',
    'joy@1-2,3'
  ])('refuses --emotion %o', (value) => {
    expect(() => parseEmotion(value)).toThrow(InvalidArgumentError)
  })

  it('range-checks the seed and idle parameters', () => {
    expect(parseSeed('4294967295')).toBe(4294967295)
    for (const bad of ['-1', '1.5', '4294967296', '0x10', '']) expect(() => parseSeed(bad)).toThrow()
    expect(parseBlinkRate('25')).toBe(25)
    expect(() => parseBlinkRate('61')).toThrow('blinks per minute from 0 to 60')
  })

  it('defaults the range to the work area and emotions to spanning it', () => {
    const doc = createDocument({
      expressionNames: ['smile'],
      settings: { durationSec: seconds(10), workArea: { in: seconds(2), out: seconds(6) } }
    })
    const { range, settings } = generateSettingsFor(doc, {
      seed: 3,
      emotion: parseEmotion('joy'),
      idle: true,
      blinkRate: 20
    })
    expect(range).toEqual({ from: 2, to: 6 })
    expect(settings.idle).toEqual({ energy: 0.5, blinkRate: 20, headMotion: 1 })
    expect(settings.emotions[0]).toMatchObject({ emotion: 'joy', intensity: 1 })
    expect(settings.emotions[0]!.onsetSec).toBeGreaterThan(2)
    expect(settings.emotions[0]!.offsetSec).toBeLessThan(6)
  })

  it('asks for something to generate, and for idle life when its parameters are given', () => {
    expect(() => checkGenerateOptions({ seed: 1 })).toThrow('Say what to generate')
    expect(() => checkGenerateOptions({ seed: 1, emotion: parseEmotion('joy'), energy: 1 })).toThrow(
      'add --idle'
    )
    expect(() => checkGenerateOptions({ seed: 1, idle: true })).not.toThrow()
  })
})
