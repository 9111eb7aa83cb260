import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { detectHands, loadHandModels } from '../../../src/main/core/analysis/detect-hands'
import { analyzeImage } from '../../../src/main/core/analysis/analyze-image'
import { releaseOnnxSessions } from '../../../src/main/core/analysis/onnx-session-cache'
import { decodeImage } from '../../../src/main/core/image/decode-image'

const MODELS = resolve(__dirname, '../../../resources/models')
const ASTRONAUT = resolve(__dirname, '../../fixtures/astronaut.png')
// A third-party portrait with a hand on the chin, read from the shared data folder when it is there (never copied).
const HAND_ON_CHIN = resolve(process.cwd(), '..', 'shared', 'data', 'portraits', 'lp_drv30.jpg')
const ready = existsSync(join(MODELS, 'palm_detection_full.onnx'))

afterAll(async () => {
  await releaseOnnxSessions()
})

async function load(path: string): Promise<{ data: Uint8Array; width: number; height: number }> {
  const d = await decodeImage(path, { maxSide: 512 })
  return { data: d.data, width: d.width, height: d.height }
}

describe.skipIf(!ready)('detectHands (real palm and hand landmark models)', () => {
  it('finds no hand on a portrait without one (the astronaut)', async () => {
    const models = await loadHandModels(MODELS)
    expect(models).not.toBeNull()
    expect(await detectHands(await load(ASTRONAUT), models!)).toEqual([])
  })

  it('returns null models for a folder without the hand models', async () => {
    expect(await loadHandModels(join(MODELS, 'no-such-folder'))).toBeNull()
  })

  it.skipIf(!existsSync(HAND_ON_CHIN))(
    'finds the hand on the chin of lp_drv30, beside the mouth and under the eyes',
    async () => {
      const image = await load(HAND_ON_CHIN)
      const hands = await detectHands(image, (await loadHandModels(MODELS))!)
      expect(hands).toHaveLength(1)
      const hand = hands[0]!
      expect(hand.presence).toBeGreaterThan(0.9)
      const [face] = await analyzeImage({
        ...image,
        originalWidth: image.width,
        originalHeight: image.height,
        scale: 1
      })
      const lm = face!.landmarks
      // landmarks 61 / 291: mouth corners (the subject's right one on the image's left); 1: nose tip
      const mouthRightX = lm[3 * 61]!
      const mouthY = (lm[3 * 61 + 1]! + lm[3 * 291 + 1]!) / 2
      const eyesY = (lm[3 * 33 + 1]! + lm[3 * 263 + 1]!) / 2
      const xs = Array.from({ length: 21 }, (_, k) => hand.landmarks[3 * k]!)
      const ys = Array.from({ length: 21 }, (_, k) => hand.landmarks[3 * k + 1]!)
      // The hand lies on the face's image-left side: its fingertips beside the cheek, the wrist below the mouth.
      expect(Math.min(...xs)).toBeLessThan(mouthRightX)
      expect(Math.min(...ys)).toBeGreaterThan(eyesY - 0.5 * (mouthY - eyesY))
      expect(hand.landmarks[1]!).toBeGreaterThan(mouthY) // wrist (landmark 0) y
      // The index fingertip (8) is above the wrist: the hand points up along the cheek.
      expect(hand.landmarks[3 * 8 + 1]!).toBeLessThan(hand.landmarks[1]!)
    }
  )
})
