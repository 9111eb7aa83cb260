import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  formatEta,
  formatSeconds
} from '../../../src/renderer/src/components/dialogs/export-format'

describe('export wording', () => {
  it.each([
    [null, 'estimating time left…'],
    [200, 'about 1 s left'],
    [12_400, 'about 12 s left'],
    [125_000, 'about 2 min 5 s left']
  ])('time left %o → %s', (ms, text) => expect(formatEta(ms)).toBe(text))

  it('durations and sizes', () => {
    expect(formatSeconds(2.5)).toBe('2.5 s')
    expect(formatSeconds(3.0449)).toBe('3.04 s')
    expect(formatBytes(100)).toBe('1 KB')
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB')
  })
})
