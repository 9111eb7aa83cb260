import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { renderFrame } from '../../../src/main/core/engine/engine'
import { createAvatarSession } from '../../../src/main/core/studio/avatar-session'

const resourcesDir = resolveResourcesDir()
const fixture = resolve(__dirname, '../../fixtures/astronaut.png')
const ready = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

const camera = { yaw: 12, pitch: -4, roll: 0, zoom: 1, panX: 0, panY: 0 }
const expression = { smile: 0.7, jawOpen: 0.4, blinkL: 0.5 }

/** The largest difference of the colour channels of two RGBA frames (levels of 255). */
function maxColourDifference(a: Uint8Array, b: Uint8Array): number {
  let worst = 0
  for (let i = 0; i < a.length; i += 4)
    for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(a[i + c]! - b[i + c]!))
  return worst
}

describe.skipIf(!ready)('the avatar session renders quick frames on one engine thread', () => {
  let avatars: ReturnType<typeof createAvatarSession>

  beforeAll(async () => {
    avatars = createAvatarSession({ resourcesDir, threads: 2 })
    await avatars.build(fixture, 0)
  }, 60_000)

  // The quick frame (256², one thread) and the sharp frame (two threads) show what the session's own engine
  // renders at that size: the thread count changes only the order of floating-point sums.
  it.each([256, 512])('a %i px preview frame matches the engine at that size', async (side) => {
    const frame = await avatars.render({ expression, camera, width: side, height: side, view: 'color' })
    const { avatar } = await avatars.avatarForExport(side, side)
    const direct = await renderFrame(avatar, { expression, camera, width: side, height: side })
    expect(frame).not.toBeNull()
    expect([frame!.width, frame!.height]).toEqual([side, side])
    expect(maxColourDifference(frame!.rgba, direct.rgba)).toBeLessThanOrEqual(2)
  })
})
