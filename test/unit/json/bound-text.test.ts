import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_CHARS, boundText } from '../../../src/shared/text/bound-text'
import { describeJsonValue } from '../../../src/shared/json/describe-json-value'

describe('boundText', () => {
  it('leaves short text alone', () => {
    expect(boundText('abc', 10)).toBe('abc')
  })

  it('keeps the start and the end of long text, within the bound', () => {
    const text = `start ${'x'.repeat(20_000_000)} end`
    const bounded = boundText(text, MAX_MESSAGE_CHARS)
    expect(bounded.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
    expect(bounded.startsWith('start x')).toBe(true)
    expect(bounded.endsWith('x end')).toBe(true)
    expect(bounded).toMatch(/characters left out/)
  })
})

describe('describeJsonValue', () => {
  it('describes values without walking into them', () => {
    let deep: unknown = 'mimesis-project'
    for (let i = 0; i < 200_000; i++) deep = { a: deep }
    expect(describeJsonValue(deep)).toBe('an object')
    expect(describeJsonValue([[1], 2])).toBe('an array of 2 items')
    expect(describeJsonValue('x'.repeat(1_000_000)).length).toBeLessThan(100)
    expect(describeJsonValue(undefined)).toBe('nothing')
    expect(describeJsonValue(1e308)).toBe('1e+308')
  })
})
