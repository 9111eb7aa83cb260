import { describe, expect, it } from 'vitest'
import { avatarSideFor } from '../../../src/main/core/render/avatar-from-file'

describe('avatarSideFor', () => {
  it('is the output’s longest side, at least the preview size and at most 1024 px', () => {
    expect(avatarSideFor(256, 256, 512)).toBe(512)
    expect(avatarSideFor(768, 432, 512)).toBe(768)
    expect(avatarSideFor(2048, 2048, 512)).toBe(1024)
  })

  it('for a portrait of the output’s own aspect, the same as without it', () => {
    expect(avatarSideFor(768, 768, 512, { width: 2000, height: 2000 })).toBe(768)
    expect(avatarSideFor(600, 900, 512, { width: 1200, height: 1800 })).toBe(900)
  })

  it('for a square of a portrait of another shape, large enough that the square window has the output’s px', () => {
    // 9:16: the square window is the portrait's width; 512 px of it need a 911 px long side.
    expect(avatarSideFor(512, 512, 512, { width: 720, height: 1280 })).toBe(911)
    // 16:9 the other way round; 3:5 at 768 px would need 1280, capped at 1024.
    expect(avatarSideFor(512, 512, 512, { width: 1280, height: 720 })).toBe(911)
    expect(avatarSideFor(768, 768, 512, { width: 600, height: 1000 })).toBe(1024)
    // A wide frame of a square portrait: the window is the portrait's full width.
    expect(avatarSideFor(640, 360, 512, { width: 1000, height: 1000 })).toBe(640)
    // A tall frame of a square portrait: the window is its full height, 9/16 of its width.
    expect(avatarSideFor(360, 640, 512, { width: 1000, height: 1000 })).toBe(640)
  })
})
