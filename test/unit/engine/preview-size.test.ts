import { describe, expect, it } from 'vitest'
import { previewSize } from '../../../src/shared/engine/preview-size'

describe('preview size', () => {
  const avatar = { width: 512, height: 384 }

  it('is quick while interacting, whatever the stage', () => {
    expect(previewSize(avatar, { interactive: true, stage: { width: 4000, height: 3000 }, zoom: 3 })).toEqual(
      {
        width: 256,
        height: 192
      }
    )
  })

  it('idle: the avatar size in a small stage or unzoomed, the stage size when zoomed in, capped by the detail', () => {
    const small = { width: 300, height: 300 }
    const big = { width: 1600, height: 1000 }
    expect(previewSize(avatar, { interactive: false, stage: small, zoom: 1 })).toEqual(avatar)
    expect(previewSize(avatar, { interactive: false, stage: big, zoom: 1 })).toEqual(avatar)
    // 1000 / 384 ≈ 2.6 fits the stage; a 2× view shows twice the avatar's detail.
    expect(previewSize(avatar, { interactive: false, stage: big, zoom: 2 })).toEqual({
      width: 1024,
      height: 768
    })
    expect(previewSize(avatar, { interactive: false, stage: big, zoom: 4 })).toEqual({
      width: 1333,
      height: 1000
    })
    expect(previewSize(avatar, { interactive: false, stage: { width: 0, height: 0 }, zoom: 4 })).toEqual(
      avatar
    )
  })
})
