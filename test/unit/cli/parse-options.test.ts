import { InvalidArgumentError } from 'commander'
import { describe, expect, it } from 'vitest'
import { MAX_THREADS, parseDecimal, parseThreads } from '../../../src/main/cli/parse-options'
import { cameraValueParser, parseFps, parseSize } from '../../../src/main/cli/render-options'
import { parseIntensity } from '../../../src/main/cli/drive-command'

describe('numbers on the command line are plain decimals', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['+0.25', 0.25],
    ['.5', 0.5],
    ['1e2', 100],
    [' 7 ', 7]
  ])('%j reads as %d', (text, value) => {
    expect(parseDecimal(text)).toBe(value)
  })

  it.each(['0x10', '0b11', '0o7', 'Infinity', '-Infinity', '', ' ', '1_000', '12px', 'NaN', '1e'])(
    '%j is not a number',
    (text) => {
      expect(parseDecimal(text)).toBeNaN()
    }
  )

  it('refuses hexadecimal camera values, sizes, rates and intensities', () => {
    expect(() => cameraValueParser('yaw')('0x10')).toThrow(InvalidArgumentError)
    expect(cameraValueParser('yaw')('16')).toBe(16)
    expect(() => parseSize('0x200')).toThrow(InvalidArgumentError)
    expect(() => parseFps('0x1e')).toThrow(InvalidArgumentError)
    expect(() => parseIntensity('0x1')).toThrow(InvalidArgumentError)
  })

  it('caps --threads', () => {
    expect(parseThreads('2')).toBe(2)
    expect(parseThreads(String(MAX_THREADS))).toBe(MAX_THREADS)
    expect(() => parseThreads('10000')).toThrow(/at most 64 threads/)
    expect(() => parseThreads('0')).toThrow(InvalidArgumentError)
    expect(() => parseThreads('2.5')).toThrow(InvalidArgumentError)
  })
})
