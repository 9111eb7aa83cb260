import { describe, expect, it } from 'vitest'
import { RgbFrameAssembler } from '../../../src/main/core/media/rgb-frame-assembler'

describe('RgbFrameAssembler', () => {
  it('cuts a byte stream into frames across chunk boundaries, holding bytes that come before the size', () => {
    const frames = new RgbFrameAssembler()
    const bytes = Buffer.from(Array.from({ length: 2 * 2 * 3 * 3 + 5 }, (_, i) => i % 251))
    frames.push(bytes.subarray(0, 7)) // before the size is known
    expect(frames.ready).toHaveLength(0)
    frames.setFrameSize(2, 2) // 12 bytes a frame
    frames.push(bytes.subarray(7, 30))
    frames.push(bytes.subarray(30))
    expect(frames.ready.map((f) => Array.from(f))).toEqual(
      [0, 1, 2].map((k) => Array.from(bytes.subarray(12 * k, 12 * k + 12)))
    )
    expect(frames.partialBytes).toBe(5)
  })

  it('reuses a recycled buffer for the next frame', () => {
    const frames = new RgbFrameAssembler()
    frames.setFrameSize(1, 1)
    frames.push(Buffer.from([1, 2, 3]))
    const first = frames.ready.shift()!
    frames.recycle(first)
    frames.push(Buffer.from([4, 5, 6]))
    expect(frames.ready[0]).toBe(first)
    expect(Array.from(first)).toEqual([4, 5, 6])
  })
})
