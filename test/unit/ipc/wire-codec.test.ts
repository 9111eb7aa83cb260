import { describe, expect, it } from 'vitest'
import { decodeMessage, encodeMessage } from '../../host/wire-codec'

describe("the test host's wire codec", () => {
  it('carries byte and number arrays out of band and gives back their types and values', () => {
    const backing = new Float64Array([9, 1.5, -2.25, 3e-7, 9])
    const message = {
      frame: { rgba: Uint8Array.of(1, 2, 3, 4), width: 1 },
      keys: { times: backing.subarray(1, 4), codes: Uint8Array.of(5), counts: Int32Array.of(-7, 8) },
      list: [Float32Array.of(0.5), 'text', null]
    }
    const decoded = decodeMessage(encodeMessage(message)) as typeof message
    expect(decoded.keys.times).toBeInstanceOf(Float64Array)
    expect([...decoded.keys.times]).toEqual([1.5, -2.25, 3e-7])
    expect(decoded.keys.counts).toBeInstanceOf(Int32Array)
    expect(decoded.frame.rgba).toBeInstanceOf(Uint8Array)
    expect(decoded).toEqual(message)
  })
})
