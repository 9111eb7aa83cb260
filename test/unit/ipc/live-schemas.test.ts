import { describe, expect, it } from 'vitest'
import { invokeContract, MAX_LIVE_FRAME_SIDE } from '@shared/ipc/contract'

const request = (width: number, height: number, bytes = width * height * 4) => ({
  frame: { width, height, rgba: new Uint8Array(bytes) },
  capturedAtMs: 12.5,
  preview: { width: 256, height: 256 },
  options: {
    mode: 'both',
    intensity: 1,
    regions: { eyes: true, gaze: true, brows: true, mouth: true, jaw: true, nose: true }
  }
})

describe('live frame payloads', () => {
  const schema = invokeContract.liveFrame.request
  it('accepts a downscaled camera frame', () => {
    expect(schema.safeParse(request(320, 240)).success).toBe(true)
  })

  it('refuses frames past the size cap, and bytes that do not match the size', () => {
    expect(schema.safeParse(request(MAX_LIVE_FRAME_SIDE + 1, 240)).success).toBe(false)
    expect(schema.safeParse(request(1920, 1080)).success).toBe(false)
    expect(schema.safeParse(request(320, 240, 320 * 240 * 3)).success).toBe(false)
    expect(schema.safeParse({ ...request(320, 240), capturedAtMs: Number.NaN }).success).toBe(false)
  })

  it('takes a punch-in length or none, with the mode recorded', () => {
    const record = invokeContract.liveRecord.request
    expect(record.safeParse({ mode: 'both', maxSec: null }).success).toBe(true)
    expect(record.safeParse({ mode: 'pose', maxSec: 2.5 }).success).toBe(true)
    expect(record.safeParse({ mode: 'both', maxSec: 0 }).success).toBe(false)
  })
})
