import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyzeImage } from '../../../src/main/core/analysis/analyze-image'
import { createAvatar, createEngine, renderFrame } from '../../../src/main/core/engine/engine'
import { decodeImage } from '../../../src/main/core/image/decode-image'
import type { FaceAnalysis } from '../../../src/shared/face/face-analysis'

// A third-party portrait with a hand on the chin and cheek, read from the shared data folder when it is there
// (never copied into the repository); the built-in pack and the models must have been built.
const HAND_ON_CHIN = resolve(process.cwd(), '..', 'shared', 'data', 'portraits', 'lp_drv30.jpg')
const PACK = resolve(__dirname, '../../../resources/packs/builtin/manifest.json')
const ready =
  existsSync(HAND_ON_CHIN) &&
  existsSync(PACK) &&
  existsSync(resolve(__dirname, '../../../resources/models/hand_landmark_full.onnx'))

/** The portrait at 512 px, as the avatar takes it, and its face analysis. */
async function loadHandPortrait(): Promise<{
  d: Awaited<ReturnType<typeof decodeImage>>
  image: { data: Uint8Array; width: number; height: number }
  face: FaceAnalysis
}> {
  const d = await decodeImage(HAND_ON_CHIN, { maxSide: 512 })
  const image = { data: d.data, width: d.width, height: d.height }
  const [face] = await analyzeImage({ ...image, originalWidth: d.width, originalHeight: d.height, scale: 1 })
  return { d, image, face: face! }
}

describe.skipIf(!ready)('a hand in front of the face (lp_drv30)', () => {
  it('stays where it is when the head turns, and the source camera still shows the source', async () => {
    const { d, image, face } = await loadHandPortrait()
    const avatar = await createAvatar(image, face)
    expect(avatar.plateChannels).toBe(4)
    const matte = avatar.occluder!
    const { width: W, height: H } = image
    // The hand's inside: matte 1 with its 3 x 3 neighbourhood, so resampling cannot blur it.
    const inside: number[] = []
    for (let y = 1; y < H - 1; y++)
      for (let x = 1; x < W - 1; x++) {
        let all = true
        for (let dy = -1; dy <= 1 && all; dy++)
          for (let dx = -1; dx <= 1 && all; dx++) all = matte[(y + dy) * W + x + dx]! >= 1
        if (all) inside.push(y * W + x)
      }
    expect(inside.length).toBeGreaterThan(500)

    const still = await renderFrame(avatar)
    let se = 0
    for (let i = 0; i < W * H; i++)
      for (let c = 0; c < 3; c++) se += (still.rgba[4 * i + c]! - d.data[3 * i + c]!) ** 2
    const psnr = 10 * Math.log10((255 * 255) / (se / (3 * W * H)))
    console.log(`lp_drv30 zero-code PSNR with the occluder ${psnr.toFixed(2)} dB`)
    expect(psnr).toBeGreaterThanOrEqual(35)

    for (const camera of [{ yaw: 30 }, { yaw: -30 }, { pitch: 20 }, { pitch: -20 }]) {
      const turned = await renderFrame(avatar, { camera })
      // Every pixel inside the hand is what it was before the turn (within one step of rounding).
      const moved = inside.filter((i) =>
        [0, 1, 2].some((c) => Math.abs(turned.rgba[4 * i + c]! - still.rgba[4 * i + c]!) > 1)
      ).length
      // ... while the face beside it did move: the frame changed elsewhere.
      let changed = 0
      for (let i = 0; i < W * H; i++) if (Math.abs(turned.rgba[4 * i]! - still.rgba[4 * i]!) > 8) changed++
      console.log(
        `lp_drv30 ${JSON.stringify(camera)}: ${moved} of ${inside.length} hand px moved; ${changed} px changed`
      )
      expect(moved).toBe(0)
      expect(changed).toBeGreaterThan(2000)
    }
  })

  it('renders with a pack whose renderer takes a 3-channel plate (no occluder there: the hand turns with the head)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mimesis-rgb-plate-'))
    try {
      await cp(dirname(PACK), dir, { recursive: true })
      const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
        stages: { renderer: { inputs: { name: string; shape: (number | string)[] }[] } }
      }
      manifest.stages.renderer.inputs.find((t) => t.name === 'plate')!.shape[1] = 3
      await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest))
      const engine = await createEngine({ packDir: dir, threads: 2 })
      const { image, face } = await loadHandPortrait()
      const avatar = await createAvatar(image, face, engine)
      expect(avatar.plateChannels).toBe(4)
      const still = await renderFrame(avatar)
      const turned = await renderFrame(avatar, { camera: { yaw: 30 } })
      const matte = avatar.occluder!
      let handMoved = 0
      for (let i = 0; i < matte.length; i++)
        if (matte[i]! >= 1 && Math.abs(turned.rgba[4 * i]! - still.rgba[4 * i]!) > 8) handMoved++
      expect(handMoved).toBeGreaterThan(500)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
