import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GraphBuilder } from '../../../build/onnx'
import { buildBuiltinPack } from '../../../build/pack/build-builtin-pack'
import { analyzeImage } from '../../../src/main/core/analysis/analyze-image'
import { analyzeRenderedFrame } from '../../../src/main/core/analysis/analyze-rendered-frame'
import { measureFace, withIrises } from '../../../src/main/core/drive/face-measures'
import { createAvatar, createEngine, renderFrame, type Avatar } from '../../../src/main/core/engine/engine'

const fixture = resolve(__dirname, '../../fixtures/astronaut.png')
const models = resolve(__dirname, '../../../resources/models/canonical_face_mesh.json')

function psnr(
  rgba: Uint8Array,
  rgb: Uint8Array,
  box?: [number, number, number, number],
  width = 512
): number {
  let se = 0
  let count = 0
  const [x0, y0, x1, y1] = box ?? [0, 0, width, rgb.length / 3 / width]
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * width + x
      for (let c = 0; c < 3; c++) se += (rgba[4 * i + c]! - rgb[3 * i + c]!) ** 2
      count += 3
    }
  }
  return 10 * Math.log10((255 * 255) / Math.max(1e-12, se / count))
}

describe.skipIf(!existsSync(models))('built-in engine on the astronaut portrait', () => {
  let dir: string
  let avatar: Avatar
  let source: Uint8Array
  let landmarks: Float32Array

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-pack-'))
    buildBuiltinPack(dir)
    const engine = await createEngine({ packDir: dir, threads: 2 })
    const [face] = await analyzeImage(fixture)
    landmarks = face!.landmarks
    const { data, info } = await sharp(fixture).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    source = new Uint8Array(data)
    avatar = await createAvatar({ data: source, width: info.width, height: info.height }, face!, engine)
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reproduces the source at zero code and the source camera (PSNR >= 35 dB)', async () => {
    const frame = await renderFrame(avatar)
    expect(frame.width).toBe(512)
    const value = psnr(frame.rgba, source)
    console.log(`zero-code PSNR ${value.toFixed(2)} dB`)
    expect(value).toBeGreaterThanOrEqual(35)
  })

  it('turns the head at yaw 20 (different, finite, background kept)', async () => {
    const frame = await renderFrame(avatar, { camera: { yaw: 20 } })
    expect(frame.depth.every((v) => Number.isFinite(v))).toBe(true)
    const head = psnr(frame.rgba, source, [170, 60, 290, 200])
    expect(head).toBeLessThan(30)
    // the far corner of the backdrop does not move
    expect(psnr(frame.rgba, source, [400, 0, 512, 60])).toBeGreaterThan(40)
  })

  it('a camera that pans or zooms past the portrait shows the backdrop continued, not a black band', async () => {
    // Panned down by a tenth of the frame: the top 51 rows look past the photo's top edge.
    const panned = await renderFrame(avatar, { camera: { panY: 0.1 } })
    const rowMean = (f: { rgba: Uint8Array }, y: number) => {
      let sum = 0
      for (let x = 0; x < 512; x++) for (let c = 0; c < 3; c++) sum += f.rgba[4 * (y * 512 + x) + c]!
      return sum / (3 * 512)
    }
    const sourceTop = (() => {
      let sum = 0
      for (let x = 0; x < 512; x++) for (let c = 0; c < 3; c++) sum += source[3 * x + c]!
      return sum / (3 * 512)
    })()
    for (const y of [0, 20, 45]) expect(Math.abs(rowMean(panned, y) - sourceTop)).toBeLessThan(25)
    // Zoomed out to 0.7: the corners are past the photo on both axes, and still not black.
    const zoomed = await renderFrame(avatar, { camera: { zoom: 0.7 } })
    const corner = zoomed.rgba.subarray(0, 4 * 8)
    expect(Math.max(...corner.filter((_, i) => i % 4 !== 3))).toBeGreaterThan(10)
  })

  it('jawOpen shows a dark mouth cavity between the parted lips, not stretched lip skin', async () => {
    // Dark pixels in the mouth box (corner to corner, from the upper lip down by twice the lips' height): the
    // opening must add a cavity's worth of them (lips parted ~1.5 cm over a ~5 cm mouth, less the teeth).
    const lm = (i: number, c: number): number => Math.round(landmarks[3 * i + c]!)
    const [x0, x1] = [lm(61, 0), lm(291, 0)]
    const [y0, y1] = [lm(13, 1), lm(17, 1) + (lm(17, 1) - lm(13, 1))]
    const dark = (rgba: Uint8Array): number => {
      let count = 0
      for (let y = y0; y <= y1; y++)
        for (let x = x0; x <= x1; x++) {
          const i = 4 * (y * 512 + x)
          if (0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]! < 60) count++
        }
      return count
    }
    const rest = dark((await renderFrame(avatar)).rgba)
    const open = dark((await renderFrame(avatar, { expression: { jawOpen: 1 } })).rgba)
    const scale = Math.hypot(x1 - x0, lm(291, 1) - lm(61, 1)) / 5 // px per cm, from a ~5 cm mouth
    console.log(`mouth: dark px at rest ${rest}, jawOpen 1 ${open} (box ${x1 - x0 + 1}x${y1 - y0 + 1})`)
    // The fixture's mouth shows its teeth, so much of the opening is teeth rather than cavity; the dark part
    // (0.4–0.6 cm²) moves with small changes to the neighbouring directions' shapes (the smile's in 0.1).
    expect(open - rest).toBeGreaterThan(0.35 * scale * scale)
  })

  it('opens the mouth with jawOpen and renders smaller sizes', async () => {
    const open = await renderFrame(avatar, { expression: { jawOpen: 1 } })
    expect(psnr(open.rgba, source, [190, 130, 260, 190])).toBeLessThan(30)
    const small = await renderFrame(avatar, { width: 256, height: 256, camera: { pitch: 10 } })
    expect(small.rgba.length).toBe(256 * 256 * 4)
    await expect(renderFrame(avatar, { expression: { nope: 1 } })).rejects.toThrow(
      /unknown expression direction/
    )
    await expect(renderFrame(avatar, { width: 0 })).rejects.toThrow(/width must be an integer/)
    await expect(renderFrame(avatar, { camera: { zoom: 0 } })).rejects.toThrow(/zoom must be greater than 0/)
    await expect(renderFrame(avatar, { camera: { yaw: Number.NaN } })).rejects.toThrow(/camera.yaw/)
  })

  it('shades a smile and a furrow on the skin (folds darken), and only where the direction creases it', async () => {
    // The same avatar with its shading channels zeroed renders the geometry alone.
    const k = avatar.engine.directionNames.length
    // Only the skin's: the mouth back layer's points carry the jaw's drop in those fields (the painted lower
    // teeth ride down with it), which is geometry, not shading.
    const unshaded: Avatar = { ...avatar, features: avatar.features.slice() }
    const n = avatar.pointCount
    for (let p = 0; p < n; p++) {
      if (avatar.pointAttrs[3 * n + p] === 0)
        for (let j = 0; j < k; j++) unshaded.features[(3 + 3 * k + j) * n + p] = 0
    }
    const lum = (rgba: Uint8Array, i: number): number =>
      0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!
    const lm = (i: number, c: number): number => Math.round(landmarks[3 * i + c]!)
    /**
     * The share of a box's pixels that the shading darkens by more than 8 levels (of 255), and the largest change
     * in a band of rows (`quiet`, y0..y1) where the direction creases nothing.
     */
    const change = async (
      direction: string,
      box: [number, number, number, number],
      quiet: [number, number] = [0, 0]
    ) => {
      const [a, b] = await Promise.all([
        renderFrame(avatar, { expression: { [direction]: 1 } }),
        renderFrame(unshaded, { expression: { [direction]: 1 } })
      ])
      const [x0, y0, x1, y1] = box
      let darker = 0
      let count = 0
      let outside = 0
      for (let y = 0; y < 512; y++) {
        for (let x = 0; x < 512; x++) {
          const d = lum(a.rgba, y * 512 + x) - lum(b.rgba, y * 512 + x)
          if (x >= x0 && x < x1 && y >= y0 && y < y1) {
            if (d < -8) darker++
            count++
          } else if (y >= quiet[0] && y < quiet[1]) outside = Math.max(outside, Math.abs(d))
        }
      }
      return { darker: darker / count, outside }
    }
    // Between the nose wings and just below the mouth corners, corner to corner and a little beyond.
    const pad = Math.round((lm(291, 0) - lm(61, 0)) * 0.4)
    const browY = Math.min(lm(105, 1), lm(334, 1))
    const smile = await change(
      'smile',
      [lm(61, 0) - pad, lm(129, 1), lm(291, 0) + pad, lm(61, 1) + pad],
      [0, browY - 5]
    )
    console.log(`shading: smile ${JSON.stringify(smile)}`)
    expect(smile.darker).toBeGreaterThan(0.015)
    expect(smile.outside).toBeLessThan(2)
    // Between the inner brows, from the eyes' inner corners up by the brows' height above them.
    const up = lm(133, 1) - lm(107, 1)
    const furrow = await change(
      'browFurrow',
      [lm(133, 0), lm(107, 1) - up, lm(362, 0), lm(133, 1)],
      [lm(1, 1), 512]
    )
    console.log(`shading: furrow ${JSON.stringify(furrow)}`)
    expect(furrow.darker).toBeGreaterThan(0.03)
    expect(furrow.outside).toBeLessThan(2)
    // jawOpen has no shading: with and without the channels, the same frame.
    expect(await change('jawOpen', [0, 0, 512, 512])).toEqual({ darker: 0, outside: 0 })
  })

  it('refuses a pack whose generator has no shade output, naming what is missing', async () => {
    const old = `${dir}-old`
    await cp(dir, old, { recursive: true })
    // A generator of the previous interface: the same inputs, positions only (here the neutral ones).
    const manifestPath = join(old, 'manifest.json')
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      stages: { generator: { inputs: { shape: (number | string)[] }[]; outputs: { name: string }[] } }
    }
    const channels = manifest.stages.generator.inputs[0]!.shape[1] as number
    const k = avatar.engine.directionNames.length
    const g = new GraphBuilder('old_generator', { opset: 18 })
    const features = g.input('features', 'float32', [1, channels, 'N'])
    g.input('code', 'float32', [1, k])
    g.output(g.op('Slice', [features, g.int64s([0]), g.int64s([3]), g.int64s([1])]), 'points', 'float32', [
      1,
      3,
      'N'
    ])
    await writeFile(join(old, 'generator.onnx'), g.toBytes())
    manifest.stages.generator.outputs = manifest.stages.generator.outputs.filter((t) => t.name !== 'shade')
    await writeFile(manifestPath, JSON.stringify(manifest))
    await expect(createEngine({ packDir: old })).rejects.toThrow(
      /generator stage lacks the output\(s\) shade/
    )
  })

  it.each([
    // Before the shadow tint the view had 11 entries; before the lips' own edges the back texture had 11 channels.
    [
      'view',
      0,
      11,
      /renderer stage takes a view of 11 entries where this version of the studio sends 14; rebuild/
    ],
    [
      'backTexture',
      1,
      11,
      /renderer stage takes a back texture of 11 channels where this version of the studio sends 12; rebuild/
    ]
  ] as const)(
    'refuses a pack whose renderer takes the %s of an earlier version, saying to rebuild it',
    async (input, axis, size, message) => {
      const old = `${dir}-old-${input}`
      await cp(dir, old, { recursive: true })
      const manifestPath = join(old, 'manifest.json')
      type Spec = { name: string; dtype: 'float32' | 'int64' | 'uint8'; shape: (number | string)[] }
      const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
        stages: { renderer: { inputs: Spec[]; outputs: Spec[] } }
      }
      // A renderer of the earlier interface: the same tensors, that input's axis as it was (its frames are blank:
      // the engine must refuse it before rendering).
      const { inputs, outputs } = manifest.stages.renderer
      inputs.find((t) => t.name === input)!.shape[axis] = size
      const g = new GraphBuilder('old_renderer', { opset: 18 })
      const fed = Object.fromEntries(inputs.map((t) => [t.name, g.input(t.name, t.dtype, t.shape)]))
      const frame = (channels: number, dtype: 'uint8' | 'float32') => {
        const shape = g.op('Concat', [g.int64s([1]), fed['outSize']!, g.int64s([channels])], { axis: 0 })
        return g.op('Cast', [g.op('ConstantOfShape', [shape])], { to: dtype === 'uint8' ? 2 : 1 })
      }
      for (const t of outputs) {
        const value =
          t.dtype === 'uint8'
            ? frame(4, 'uint8')
            : g.op('Transpose', [frame(1, 'float32')], { perm: [0, 3, 1, 2] })
        g.output(value, t.name, t.dtype, t.shape)
      }
      await writeFile(join(old, 'renderer.onnx'), g.toBytes())
      await writeFile(manifestPath, JSON.stringify(manifest))
      await expect(createEngine({ packDir: old })).rejects.toThrow(message)
    }
  )

  it('turns the eyes with the gaze directions, the irises staying inside the openings', async () => {
    const read = async (expression: Record<string, number>) => {
      const seen = await analyzeRenderedFrame(await renderFrame(avatar, { expression }))
      expect(seen?.canonicalIrises).toBeDefined()
      return { seen: seen!, m: measureFace(withIrises(seen!.canonicalLandmarks, seen!.canonicalIrises)) }
    }
    const rest = await read({})
    const right = await read({ gazeHorizontal: 1 })
    const left = await read({ gazeHorizontal: -1 })
    const up = await read({ gazeVertical: 1 })
    console.log(
      `gaze read (cm): +x ${(right.m.gazeX - rest.m.gazeX).toFixed(3)}, -x ${(left.m.gazeX - rest.m.gazeX).toFixed(3)}, ` +
        `up ${(up.m.gazeY - rest.m.gazeY).toFixed(3)}`
    )
    // The travel is limited by the room the tighter side leaves (this face looks a little to one side already).
    // With the eyeball reaching under the lids and the lids' rim cut around it, the iris turns as a whole: before,
    // the rim stayed behind and the read-back was about a quarter of this (+x 0.07, -x -0.11, up 0.005 cm).
    expect(right.m.gazeX - rest.m.gazeX).toBeGreaterThan(0.2)
    expect(left.m.gazeX - rest.m.gazeX).toBeLessThan(-0.2)
    expect(right.m.gazeX - left.m.gazeX).toBeGreaterThan(0.45)
    // Up reads up (the vertical travel is small: the lids cover the iris's top as it rises).
    expect(up.m.gazeY - rest.m.gazeY).toBeGreaterThan(0.02)
    // Each iris centre stays between its eye's corners (image px) at both extremes.
    for (const { seen } of [right, left]) {
      const x = (i: number): number => seen.landmarks[3 * i]!
      ;[
        [33, 133],
        [263, 362]
      ].forEach(([a, b], side) => {
        const irisX = seen.irises![15 * side]!
        expect(irisX).toBeGreaterThan(Math.min(x(a!), x(b!)))
        expect(irisX).toBeLessThan(Math.max(x(a!), x(b!)))
      })
    }
  })

  it('narrows the eyes from below with a smile (the cheek raise it carries), not with its opposite', async () => {
    const eyeOpen = async (smile: number): Promise<number> => {
      const seen = await analyzeRenderedFrame(await renderFrame(avatar, { expression: { smile } }))
      const m = measureFace(withIrises(seen!.canonicalLandmarks, seen!.canonicalIrises))
      return (m.eyeOpenL + m.eyeOpenR) / 2
    }
    const [rest, smile, opposite] = [await eyeOpen(0), await eyeOpen(1), await eyeOpen(-1)]
    console.log(
      `eye opening read (cm): rest ${rest.toFixed(3)}, smile +1 ${smile.toFixed(3)}, −1 ${opposite.toFixed(3)}`
    )
    // The lower lids rise 0.32 cm at +1; the landmark model reads a third to a half of a lid's motion.
    expect(rest - smile).toBeGreaterThan(0.05)
    expect(Math.abs(opposite - rest)).toBeLessThan((rest - smile) / 3)
  })

  it('opens the lids onto one pupil per eye: no second pupil where a lid uncovers the eyeball', async () => {
    // The face enlarged (a 240 px crop to 512 px, about 14 px per cm) so the lids' motion spans several cells.
    const crop = join(dir, 'astronaut-eyes.png')
    await sharp(fixture)
      .extract({ left: 140, top: 30, width: 240, height: 240 })
      .resize(512, 512, { kernel: 'lanczos3' })
      .toFile(crop)
    const [face] = await analyzeImage(crop)
    const { data, info } = await sharp(crop).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const near = await createAvatar(
      { data: new Uint8Array(data), width: info.width, height: info.height },
      face!,
      avatar.engine
    )
    const lm = face!.landmarks
    const s = face!.pose.scale
    /** Sizes (px) of the dark (luminance < 50 of 255) connected blobs of at least 8 px in each eye's box. */
    const blobs = async (expression: Record<string, number>): Promise<number[][]> => {
      const f = await renderFrame(near, { expression })
      const lum = (x: number, y: number): number => {
        const i = 4 * (y * f.width + x)
        return 0.299 * f.rgba[i]! + 0.587 * f.rgba[i + 1]! + 0.114 * f.rgba[i + 2]!
      }
      return (
        [
          [33, 133, 159, 145],
          [263, 362, 386, 374]
        ] as const
      ).map(([a, b, up, low]) => {
        // Corner to corner, from 0.4 cm above the upper lid to 0.4 cm below the lower one.
        const x0 = Math.round(Math.min(lm[3 * a]!, lm[3 * b]!))
        const x1 = Math.round(Math.max(lm[3 * a]!, lm[3 * b]!))
        const y0 = Math.round(lm[3 * up + 1]! - 0.4 * s)
        const y1 = Math.round(lm[3 * low + 1]! + 0.4 * s)
        const w = x1 - x0
        const seen = new Uint8Array(w * (y1 - y0))
        const sizes: number[] = []
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) {
            if (seen[(y - y0) * w + x - x0] || lum(x, y) >= 50) continue
            let size = 0
            const stack = [[x, y]]
            seen[(y - y0) * w + x - x0] = 1
            while (stack.length > 0) {
              const [cx, cy] = stack.pop()!
              size++
              for (const [nx, ny] of [
                [cx! + 1, cy!],
                [cx! - 1, cy!],
                [cx!, cy! + 1],
                [cx!, cy! - 1]
              ]) {
                if (nx! < x0 || nx! >= x1 || ny! < y0 || ny! >= y1) continue
                if (seen[(ny! - y0) * w + nx! - x0] || lum(nx!, ny!) >= 50) continue
                seen[(ny! - y0) * w + nx! - x0] = 1
                stack.push([nx!, ny!])
              }
            }
            if (size >= 8) sizes.push(size)
          }
        }
        return sizes
      })
    }
    // At rest each eye shows one dark blob, its pupil (and the iris's dark ring around it).
    expect((await blobs({})).map((b) => b.length)).toEqual([1, 1])
    // The lower lid dropped (squint -1) or the upper lid raised (eyesWide +1) uncovers eyeball, not a copy of
    // the iris: before the eyeball reached under the lids a second pupil of 20-24 px showed below the first
    // at squint -1.
    for (const expression of [{ squint: -1 }, { eyesWide: 1 }] as Record<string, number>[]) {
      const seen = await blobs(expression)
      console.log(`dark blobs ${JSON.stringify(expression)}: ${JSON.stringify(seen)}`)
      expect(seen.map((b) => b.length)).toEqual([1, 1])
    }
  })
})
