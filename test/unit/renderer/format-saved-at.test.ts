import { describe, expect, it } from 'vitest'
import { formatSavedAt } from '../../../src/renderer/src/components/format-saved-at'

const now = new Date('2026-11-21T15:00:00Z')
const utc = { timeZone: 'UTC' }

describe('formatSavedAt', () => {
  it('says only the time for today, "yesterday" for yesterday, and the date before', () => {
    expect(formatSavedAt('2026-11-21T14:32:10Z', now, utc)).toBe('14:32')
    expect(formatSavedAt('2026-11-20T09:05:00Z', now, utc)).toBe('yesterday, 09:05')
    expect(formatSavedAt('2026-11-02T18:40:00Z', now, utc)).toBe('2 Nov, 18:40')
    expect(formatSavedAt('2025-12-31T23:59:00Z', now, utc)).toBe('31 Dec 2025, 23:59')
  })

  it('passes through a time it cannot read', () => {
    expect(formatSavedAt('not a time', now, utc)).toBe('not a time')
  })
})
