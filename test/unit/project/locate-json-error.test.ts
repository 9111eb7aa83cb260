import { describe, expect, it } from 'vitest'
import { lineAndColumn, locateJsonError } from '../../../src/main/core/project/locate-json-error'

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
})
