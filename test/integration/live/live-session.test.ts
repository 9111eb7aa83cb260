import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LiveFrameRequest, LiveFrameResult } from '@shared/ipc/contract'
import { createFileLogger } from '../../../src/main/core/app/logger'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import type { AvatarCalibration } from '../../../src/main/core/drive/calibrate-avatar'
import { renderFrame, type Avatar } from '../../../src/main/core/engine/engine'
import { createAvatarSession } from '../../../src/main/core/studio/avatar-session'
import { createLiveSession, type LiveSession } from '../../../src/main/core/studio/live-session'

const resourcesDir = resolveResourcesDir()
const fixture = resolve(__dirname, '../../fixtures/astronaut.png')
const ready = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

const SIDE = 192
const FPS = 15
/** The performer's jaw over the camera clip: closed for 0.8 s, opens to 0.9 by 1.4 s, closes by 2.0 s. */
function jawAt(t: number): number {
  if (t < 0.8 || t > 2.0) return 0
  return t < 1.4 ? (0.9 * (t - 0.8)) / 0.6 : (0.9 * (2.0 - t)) / 0.6
}

const OPTIONS: LiveFrameRequest['options'] = {
  mode: 'both',
  intensity: 1,
  regions: { eyes: true, gaze: true, brows: true, mouth: true, jaw: true, nose: true }
}

describe.skipIf(!ready)(
  'live session (real analysis and engine, camera frames rendered from the fixture)',
  () => {
    let dir: string
    let avatar: Avatar
    let live: LiveSession
    const camera: Uint8Array[] = []

    /** Sends camera frame `rgba` (default: frame `i` of the clip) as captured at frame time `i`. */
    const send = (i: number, rgba = camera[i % camera.length]!): Promise<LiveFrameResult> =>
      live.frame({
        frame: { width: SIDE, height: SIDE, rgba },
        capturedAtMs: (1000 * i) / FPS,
        preview: { width: 128, height: 128 },
        options: OPTIONS
      })

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'mimesis-live-'))
      const avatars = createAvatarSession({ resourcesDir })
      await avatars.build(fixture, 0)
      avatar = avatars.requireAvatar()
      live = createLiveSession({
        avatars,
        logger: createFileLogger(dir),
        modelsDir: join(resourcesDir, 'models'),
        calibrations: new WeakMap<Avatar, AvatarCalibration>()
      })
      for (let i = 0; i < 2.4 * FPS; i++) {
        const frame = await renderFrame(avatar, {
          expression: { jawOpen: jawAt(i / FPS) },
          width: SIDE,
          height: SIDE
        })
        camera.push(frame.rgba)
      }
    }, 180_000)

    afterAll(async () => {
      await rm(dir, { recursive: true, force: true })
    })

    it('refuses frames before Live mode is open', async () => {
      await expect(send(0)).rejects.toMatchObject({ code: 'live-not-open' })
    })

    it('sets the reference automatically, records every frame of a take, and the jaw follows the performer', async () => {
      await live.open()
      const first = await send(0)
      expect(first.face?.landmarks).toHaveLength(468 * 2)
      expect(first.neutral.state).toBe('collecting')
      expect(first.preview.width).toBe(128)
      let i = 1
      let result = first
      while (result.neutral.state === 'collecting') result = await send(i++)
      // Half a second of frames at 15 fps, averaged into the reference.
      expect(i).toBeGreaterThanOrEqual(8)
      expect(result.neutral, JSON.stringify(result.neutral)).toMatchObject({
        auto: true,
        count: 1,
        hints: []
      })
      await live.record('both', null)
      const recordedFrom = i
      const jawOut: number[] = []
      for (; i < camera.length; i++) {
        result = await send(i)
        jawOut.push(result.expression['jawOpen']!)
        expect(result.take?.frames).toBe(i - recordedFrom + 1)
      }
      const take = await live.stop()
      expect(take?.frames).toBe(camera.length - recordedFrom)
      expect(take?.denseKeys).toBe(take!.frames * (avatar.engine.directionNames.length + 3))
      const jaw = take!.performance.tracks.find((t) => t.name === 'jawOpen')!
      // The keys are on the take's clock: 0 = the first recorded frame.
      const peak = jaw.keys.reduce((a, b) => (b.value > a.value ? b : a))
      const truthPeak = 1.4 - recordedFrom / FPS
      expect(peak.value).toBeGreaterThan(0.4)
      // A causal filter lags; the peak comes a little after the performer's.
      expect(peak.time).toBeGreaterThan(truthPeak - 0.1)
      expect(peak.time).toBeLessThan(truthPeak + 0.35)
      expect(jaw.keys[0]!.value).toBeLessThan(0.15)
      expect(Math.max(...jawOut)).toBeGreaterThan(0.4)
    }, 120_000)

    it('hints at an open mouth when Set neutral catches one, and eases to the reference when the face leaves', async () => {
      await live.setNeutral()
      const open = camera.findIndex((_, k) => jawAt(k / FPS) > 0.8)
      let result = await send(100)
      for (let k = 0; result.neutral.state === 'collecting' && k < 20; k++)
        result = await send(100 + k, camera[open])
      expect(result.neutral).toMatchObject({ state: 'set', auto: false })
      expect(result.neutral.hints).toContain('mouth-open')
      // Back to a closed-mouth reference, then the face leaves: a black frame has no face and is dark.
      await live.setNeutral()
      for (let k = 0; k < 12; k++) result = await send(200 + k, camera[0])
      expect(result.neutral.hints).toEqual([])
      for (let k = 0; k < 4; k++) result = await send(212 + k, camera[open])
      expect(result.expression['jawOpen']).toBeGreaterThan(0.3)
      const black = new Uint8Array(SIDE * SIDE * 4)
      const lost = await send(216, black)
      expect(lost.face).toBeNull()
      expect(lost.dark).toBe(true)
      for (let k = 1; k < 10; k++) result = await send(216 + k, black)
      expect(result.expression['jawOpen']).toBeLessThan(0.05)
      await live.close()
      await expect(send(0)).rejects.toMatchObject({ code: 'live-not-open' })
    }, 120_000)
  }
)
