import { describe, expect, it } from 'vitest'
import { audioPeaks, pcm16 } from '../../../src/main/core/media/audio-peaks'

describe('audio peaks', () => {
  it('keeps the loudest |sample| of each bucket, 0..255, the last bucket shorter', () => {
    const samples = new Float32Array([0, -0.5, 0.25, 1, 0, 0, -2])
    expect([...audioPeaks(samples, 3)]).toEqual([128, 255, 255])
    expect([...audioPeaks(new Float32Array(4), 2)]).toEqual([0, 0])
  })

  it('refuses a bucket size that is not a positive integer', () => {
    expect(() => audioPeaks(new Float32Array(4), 0)).toThrow(/samplesPerBucket/)
    expect(() => audioPeaks(new Float32Array(4), 1.5)).toThrow(/samplesPerBucket/)
  })

  it('packs samples as 16-bit little-endian PCM, clipped', () => {
    const bytes = pcm16(new Float32Array([0, 1, -1, 2, 0.5]))
    const view = new DataView(bytes.buffer)
    expect([0, 1, 2, 3, 4].map((i) => view.getInt16(i * 2, true))).toEqual([0, 32767, -32767, 32767, 16384])
  })
})
