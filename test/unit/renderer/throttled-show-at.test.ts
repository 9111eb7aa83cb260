import { describe, expect, it } from 'vitest'
import { throttledShowAt } from '../../../src/renderer/src/components/throttled-show-at'

describe('throttledShowAt', () => {
  it('shows the first change at once', () => {
    expect(throttledShowAt(null, 1000, 200)).toBe(1000)
  })

  it('shows a change after a quiet spell at once', () => {
    expect(throttledShowAt(500, 1000, 200)).toBe(1000)
    expect(throttledShowAt(800, 1000, 200)).toBe(1000)
  })

  it('holds a change inside the interval until the interval ends', () => {
    expect(throttledShowAt(900, 1000, 200)).toBe(1100)
    expect(throttledShowAt(999, 1000, 200)).toBe(1199)
  })

  it('while settling, shows a change only once it has rested for the interval', () => {
    expect(throttledShowAt(null, 1000, 200, true)).toBe(1200)
    expect(throttledShowAt(500, 1000, 200, true)).toBe(1200)
  })
})
