import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FaceAnalysis } from '@shared/face/face-analysis'
import { analyzeImage } from '../../../src/main/core/analysis/analyze-image'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { decodeVideoFrames } from '../../../src/main/core/media/decode-video-frames'
import { expectWholeFaceFramed, FRAMING_CROPS, landmarkBox, writeCrop } from '../../support/face-framing'
import { ROOT, runCli } from './run-cli'

const ASTRONAUT = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
const resourcesDir = resolveResourcesDir()
const modelsDir = join(resourcesDir, 'models')
const ready = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

async function largestFace(picture: string | Uint8Array): Promise<FaceAnalysis> {
  const faces = await analyzeImage(picture, { modelsDir, maxFaces: 1 })
  return faces[0]!
}

/**
 * Mean distance (output px) between the landmarks found in the output and the portrait's own landmarks
 * carried through the window: the source px s shows at output px (s − window start) · out / window.
 */
function meanLandmarkError(
  output: Float32Array,
  portrait: Float32Array,
  window: { x: number; y: number; side: number },
  outSide: number
): number {
  const scale = outSide / window.side
  let sum = 0
  for (let i = 0; i < 468; i++) {
    const dx = output[3 * i]! - (portrait[3 * i]! - window.x) * scale
    const dy = output[3 * i + 1]! - (portrait[3 * i + 1]! - window.y) * scale
    sum += Math.hypot(dx, dy)
  }
  return sum / 468
}

interface Framing {
  zoom: number
  panX: number
  panY: number
}

describe.skipIf(!ready)('mimesis render frames a square on the head of a portrait of another shape', () => {
  let dir: string
  let tall: string
  let wide: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-framing-'))
    tall = join(dir, 'tall.png')
    wide = join(dir, 'wide.png')
    await writeCrop(ASTRONAUT, tall, FRAMING_CROPS.tall)
    await writeCrop(ASTRONAUT, wide, FRAMING_CROPS.wide)
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('a tall (3:5) portrait: the whole face, forehead included, is in the still and roughly centred', async () => {
    const { width, height } = FRAMING_CROPS.tall
    const source = await largestFace(tall)
    // Today's centred square (rows 102..409) would cut the forehead and the brows off.
    expect(landmarkBox(source.landmarks).y).toBeLessThan((height - width) / 2)

    const out = join(dir, 'tall-square.png')
    const run = await runCli(['render', tall, '--size', '256', '--out', out, '--json'])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as { width: number; height: number; framing: Framing }
    expect(summary).toMatchObject({ width: 256, height: 256, framing: { zoom: 1, panX: 0 } })
    expect(summary.framing.panY).toBeGreaterThan(0.3) // the window moved up to the portrait's top

    const rendered = await largestFace(out)
    expectWholeFaceFramed(rendered.landmarks, 256, 256)
    // The window is the top square of the portrait: the landmarks land where the framing says.
    const windowTop = height / 2 - summary.framing.panY * width - width / 2
    expect(windowTop).toBeCloseTo(0, 1) // --json rounds the pan to 4 decimals
    expect(
      meanLandmarkError(rendered.landmarks, source.landmarks, { x: 0, y: windowTop, side: width }, 256)
    ).toBeLessThan(1.5)
  }, 60_000)

  it('a wide (16:9) portrait: the square moves onto the face at the left', async () => {
    const { width, height } = FRAMING_CROPS.wide
    const source = await largestFace(wide)
    // Today's centred square (columns 79..283) would cut the face's left side off.
    expect(landmarkBox(source.landmarks).x).toBeLessThan((width - height) / 2)

    const out = join(dir, 'wide-square.png')
    const run = await runCli(['render', wide, '--size', '256', '--out', out, '--json'])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as { framing: Framing }
    expect(summary.framing).toMatchObject({ zoom: 1, panY: 0 })
    expect(summary.framing.panX).toBeGreaterThan(0.3)

    const rendered = await largestFace(out)
    expectWholeFaceFramed(rendered.landmarks, 256, 256)
    const windowLeft = width / 2 - summary.framing.panX * height - height / 2
    expect(
      meanLandmarkError(rendered.landmarks, source.landmarks, { x: windowLeft, y: 0, side: height }, 256)
    ).toBeLessThan(1.5)
  }, 60_000)

  it('a user camera composes on the framing: --zoom 1.5 closes in on the centre of the framed square', async () => {
    const { width, height } = FRAMING_CROPS.tall
    const source = await largestFace(tall)
    const out = join(dir, 'tall-zoomed.png')
    const run = await runCli(['render', tall, '--size', '256', '--zoom', '1.5', '--out', out, '--json'])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as { camera: Record<string, number>; framing: Framing }
    expect(summary).toMatchObject({ camera: { zoom: 1.5 }, framing: { zoom: 1, panX: 0 } })
    // The framed square is centred on (width / 2, height / 2 − panY · width); zoom 1.5 shows its middle 2/3.
    const side = width / 1.5
    const centreY = height / 2 - summary.framing.panY * width
    const window = { x: width / 2 - side / 2, y: centreY - side / 2, side }
    const zoomed = await largestFace(out)
    expect(meanLandmarkError(zoomed.landmarks, source.landmarks, window, 256)).toBeLessThan(1.5)
  }, 60_000)

  it('--aspect portrait keeps the whole portrait at its own aspect, unframed', async () => {
    const out = join(dir, 'tall-portrait.png')
    const run = await runCli([
      'render',
      tall,
      '--size',
      '256',
      '--aspect',
      'portrait',
      '--out',
      out,
      '--json'
    ])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      width: 154,
      height: 256,
      framing: { zoom: 1, panX: 0, panY: 0 }
    })
    expect(await sharp(out).metadata()).toMatchObject({ width: 154, height: 256 })
  }, 60_000)

  it('a preset clip of the tall portrait is framed the same way', async () => {
    const out = join(dir, 'tall-turntable.mp4')
    const run = await runCli([
      'render',
      tall,
      '--preset',
      'turntable',
      '--seconds',
      '0.625',
      '--fps',
      '8',
      '--size',
      '256',
      '--out',
      out,
      '--json'
    ])
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as { frames: number; framing: Framing }
    expect(summary.frames).toBe(5)
    expect(summary.framing.panY).toBeGreaterThan(0.3)
    // The turntable starts on the source view: its first frame shows the whole face, framed.
    for await (const frame of decodeVideoFrames(out)) {
      const rendered = await largestFace(
        await sharp(frame.rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } })
          .png()
          .toBuffer()
      )
      expectWholeFaceFramed(rendered.landmarks, 256, 256)
      break
    }
  }, 90_000)
})
