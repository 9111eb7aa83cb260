import { describe, expect, it } from 'vitest'
import { waveformColumns } from '../../../src/renderer/src/components/timeline/waveform-columns'
import { timeToX } from '../../../src/renderer/src/components/timeline/timeline-geometry'

describe('waveform columns', () => {
  // 10 buckets a second for 2 s: loud (255) in the first second, silent in the second.
  const peaks = new Uint8Array(20).map((_, i) => (i < 10 ? 255 : 0))
  const view = { start: 0, span: 5 }
  const width = 520

  it('shows the sound where it plays on the document clock, and nothing before or after it', () => {
    const columns = waveformColumns({ peaks, peaksPerSec: 10, startSec: 1 }, view, width, width)
    const at = (time: number) => columns[Math.floor(timeToX(time, view, width))]!
    expect(at(0.5)).toBe(0)
    expect(at(1.5)).toBe(1)
    expect(at(2.5)).toBe(0)
    expect(at(4)).toBe(0)
  })

  it('a column wider than a bucket takes the loudest of the buckets it covers', () => {
    const one = new Uint8Array([0, 0, 200, 0, 0, 0, 0, 0, 0, 0])
    const columns = waveformColumns(
      { peaks: one, peaksPerSec: 10, startSec: 0 },
      { start: 0, span: 1 },
      220,
      2
    )
    expect(columns[0]).toBeCloseTo(200 / 255)
    expect(columns[1]).toBe(0)
  })
})
