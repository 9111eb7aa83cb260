import { describe, expect, it } from 'vitest'
import { analysisImageOf } from '../../../src/main/core/analysis/analyze-rendered-frame'

describe('analysisImageOf', () => {
  it('drops alpha and keeps the render at its own size, not downscaled', () => {
    const rgba = Uint8Array.from([10, 20, 30, 255, 40, 50, 60, 0])
    const image = analysisImageOf({ rgba, width: 2, height: 1 })
    expect(Array.from(image.data)).toEqual([10, 20, 30, 40, 50, 60])
    expect(image).toMatchObject({ width: 2, height: 1, originalWidth: 2, originalHeight: 1, scale: 1 })
  })
})
