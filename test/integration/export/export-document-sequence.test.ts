// A short PNG sequence from the real engine, through exportDocument (the studio's and the CLI's path): 3 frames of
// the turntable at 64 px, 16-bit with the depth pass, read back from the files.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetDocument } from '../../../src/shared/timeline/presets'
import { seconds } from '../../../src/shared/timeline/units'
import { createEngine, type Avatar } from '../../../src/main/core/engine/engine'
import { depthOfLevel } from '../../../src/main/core/export/sequence-depth'
import { avatarFromFile } from '../../../src/main/core/render/avatar-from-file'
import { documentFrameRenderer } from '../../../src/main/core/render/document-frame-renderer'
import { exportDocument } from '../../../src/main/core/render/export-document'
import { sequenceDepthRange } from '../../../src/main/core/render/sequence-depth-range'
import type { AnimationDocument } from '../../../src/shared/timeline'
import { readPngSamples } from '../../support/read-png'

const ROOT = resolve(__dirname, '../../..')
const MODELS = join(ROOT, 'resources/models/canonical_face_mesh.json')
const SIZE = 64
const FPS = 8
const RANGE = { start: seconds(0), end: seconds(3 / FPS) }

describe.skipIf(!existsSync(MODELS))('a PNG sequence of the real engine', () => {
  let avatar: Avatar
  let document: AnimationDocument
  let dir: string | undefined

  beforeAll(async () => {
    const engine = await createEngine({ threads: 2 })
    avatar = await avatarFromFile(join(ROOT, 'test/fixtures/astronaut.png'), {
      engine,
      resourcesDir: join(ROOT, 'resources'),
      maxSide: 512
    })
    document = presetDocument('turntable', {
      expressionNames: engine.directionNames,
      durationSec: 1,
      fps: FPS,
      width: SIZE,
      height: SIZE
    })
    dir = mkdtempSync(join(tmpdir(), 'mimesis-seq-engine-'))
  }, 120_000)
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('writes 3 transparent 16-bit frames and their depth pass, the frames the preview renders', async () => {
    const outDir = join(dir!, 'turn')
    const result = await exportDocument({
      avatar,
      document,
      width: SIZE,
      height: SIZE,
      fps: FPS,
      range: RANGE,
      outPath: outDir,
      format: 'png-seq',
      transparent: true,
      sequence: { bitDepth: 16, depth: true }
    })
    expect(result).toMatchObject({ outPath: outDir, frameCount: 3, files: 7 })
    expect(readdirSync(dir!)).toEqual(['turn'])
    expect(readdirSync(outDir).sort()).toEqual([
      'turn_00001.png',
      'turn_00002.png',
      'turn_00003.png',
      'turn_depth.json',
      'turn_depth_00001.png',
      'turn_depth_00002.png',
      'turn_depth_00003.png'
    ])
    const range = sequenceDepthRange(avatar)
    const sidecar = JSON.parse(readFileSync(join(outDir, 'turn_depth.json'), 'utf8')) as typeof range
    expect(sidecar).toMatchObject(range)
    expect(range.nearPx).toBeLessThan(avatar.pivot[2])
    expect(range.farPx).toBeGreaterThan(avatar.pivot[2])

    // Frame 2 is the one the preview shows at 2 / fps: the same evaluate, the same renderer.
    const preview = await documentFrameRenderer({
      avatar,
      document,
      rangeStart: RANGE.start,
      fps: FPS,
      width: SIZE,
      height: SIZE
    })(2)
    const colour = await readPngSamples(join(outDir, 'turn_00003.png'))
    expect(colour).toMatchObject({ bitDepth: 16, channels: 4, width: SIZE, height: SIZE })
    expect(Array.from(colour.samples)).toEqual(Array.from(preview.rgba, (v) => v * 257))
    const alphas = new Set(Array.from(preview.rgba.filter((_, i) => i % 4 === 3)))
    // Transparent: the background is alpha 0, the person layer is not.
    expect(alphas.has(0)).toBe(true)
    expect(Math.max(...alphas)).toBeGreaterThan(128)

    const depth = await readPngSamples(join(outDir, 'turn_depth_00003.png'))
    expect(depth).toMatchObject({ bitDepth: 16, channels: 1, width: SIZE, height: SIZE })
    const step = (range.farPx - range.nearPx) / 65534
    let person = 0
    for (let p = 0; p < SIZE * SIZE; p++) {
      const level = depth.samples[p]!
      if (preview.rgba[4 * p + 3] === 0) {
        expect(level).toBe(0)
        continue
      }
      person++
      expect(Math.abs(depthOfLevel(level, range)! - preview.depth[p]!)).toBeLessThanOrEqual(step)
    }
    // The head in the whole portrait at 64 px: about 370 pixels.
    expect(person).toBeGreaterThan(200)
  }, 120_000)

  it('an opaque 8-bit sequence has every alpha at 255', async () => {
    const outDir = join(dir!, 'opaque')
    await exportDocument({
      avatar,
      document,
      width: SIZE,
      height: SIZE,
      fps: FPS,
      range: RANGE,
      outPath: outDir,
      format: 'png-seq',
      transparent: false
    })
    expect(readdirSync(outDir)).toHaveLength(3)
    const colour = await readPngSamples(join(outDir, 'opaque_00001.png'))
    expect(colour).toMatchObject({ bitDepth: 8, channels: 4 })
    expect(colour.samples.filter((_, i) => i % 4 === 3 && colour.samples[i] !== 255)).toHaveLength(0)
  }, 120_000)
})
