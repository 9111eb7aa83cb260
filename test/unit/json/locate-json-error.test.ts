import { describe, expect, it } from 'vitest'
import { lineAndColumn, locateJsonError } from '../../../src/shared/json/locate-json-error'

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1}', null],
    ['[1, 2.5e3, -0, true, false, null, "x\\u00e9\\n"]', null],
    ['{\n  "a": oops\n}', [2, 8]],
    ['{"a": 1', [1, 8]],
    ['{"a": 1,}', [1, 9]],
    ['[1 2]', [1, 4]],
    ['"unterminated', [1, 14]],
    ['{"a": 1} x', [1, 10]],
    ['', [1, 1]],
    ['{\r\n"a":\r\n  01}', [3, 4]]
  ] as [string, [number, number] | null][])('%j -> %j', (text, expected) => {
    const where = locateJsonError(text)
    if (expected === null) {
      expect(where).toBeNull()
      expect(() => JSON.parse(text)).not.toThrow()
    } else {
      expect(() => JSON.parse(text)).toThrow()
      expect([where?.line, where?.column]).toEqual(expected)
    }
  })

  it('computes 1-based line and column', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 })
  })

  it('points at the offending character of a bad literal or escape', () => {
    expect(locateJsonError('{"a": 1,\n "b": tru }')).toMatchObject({ line: 2, column: 10 })
    expect(locateJsonError('[1, 2')).toMatchObject({ line: 1, column: 6 })
    expect(locateJsonError('{"a": "x\\q"}')).toMatchObject({
      line: 1,
      column: 10,
      message: 'bad escape in string'
    })
  })

  it('locates errors in very deep nesting without running out of stack', () => {
    const deep = '['.repeat(9_000)
    expect(locateJsonError(deep)).toMatchObject({ offset: 9_000, message: 'unexpected end of file' })
    const valid = '['.repeat(20_000) + ']'.repeat(20_000)
    expect(locateJsonError(valid)).toBeNull()
    const tooDeep = '['.repeat(100_001)
    expect(locateJsonError(tooDeep)).toMatchObject({ offset: 100_000, message: 'nesting too deep' })
  })
})
