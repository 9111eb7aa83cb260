// Engine bench. Run from the repository root:
//   npx tsx bench/engine.ts [--portraits N] [--no-export] [--no-identity] [--no-pose] [--no-speed]
//                           [--landmark-model attention|mesh]
// Closed loop: render with a known camera / expression code, analyse the render again with the face-analysis
// pipeline, compare. Reads test/fixtures/astronaut.png and ../shared/data/portraits (never copied into the repo);
// writes bench-results/engine.json and bench-results/engine-contact-<portrait>.png.
// The expression benchmark of issue 16 (reach at ±1 against real footage, identity per direction, the recovery
// below on all 28 portraits, labelled per-direction contact sheets) is npm run bench:reach
// (bench/expression-reach.ts); the recovery and the sheets are shared with it (bench/expression-recovery.ts,
// bench/contact-sheet.ts).
//
// Protocols (see src/main/core/engine/README.md, "Measured"):
// - Pose: a yaw x pitch x roll grid (yaw -35..35, pitch -25..25, roll -30..30). Every measurement is relative
//   to the zero-camera render analysed the same way: E = R(render at cmd) R(render at 0)^T against the commanded
//   head rotation, error = angle of E E_cmd^T. Three readings of each render: (a) the analysis pose (weighted
//   3-D Procrustes of the canonical mesh onto the landmark model's x, y and guessed z); (b) a 2-D fit (the
//   person's own 3-D shape fitted to the measured x, y only, scale free); (c) renderer geometry, no face model:
//   marker dots painted into the texture at 12 landmarks, found again in the render, rotation fitted to them.
// - Expression: landmark displacement of the render at code c minus the zero-code render, both in the canonical
//   frame after their own pose is removed, x and y only (the landmark model only guesses z), least-squares
//   projected on the avatar's own fields (the basis with its personal gains) under the area-weighted inner
//   product; cosine with the commanded code. "seen" = projection of the displacement on the commanded field over
//   the field's norm: 1 when the analysis sees the full commanded motion.
// - Identity: 128-D descriptors of bench/face-identity-embedding.ts (a face-recognition network independent of
//   the analysis models); cosine render vs source, raw and centred on the mean descriptor of the dev portraits.
// - Plate outline: the plate's mean gradient 0..0.6 cm outside the segmented person over the same 0.8..1.6 cm
//   out; about 1 when the plate keeps no outline of where the head was.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { InferenceSession, Tensor } from 'onnxruntime-node'
import sharp from 'sharp'
import { GraphBuilder } from '../build/onnx'
import { buildBuiltinPack } from '../build/pack/build-builtin-pack'
import type { FaceAnalysis } from '../src/shared/face/face-analysis'
import { analyzeImage } from '../src/main/core/analysis/analyze-image'
import { decodeImage } from '../src/main/core/image/decode-image'
import type { LandmarkModelKind } from '../src/main/core/analysis/load-face-models'
import {
  createAvatar,
  createEngine,
  renderFrame,
  type Avatar,
  type RenderParams
} from '../src/main/core/engine/engine'
import { exportVideo } from '../src/main/core/export/export-video'
import { chamferDistance } from '../src/main/core/engine/avatar/person-edge-band'
import { segmentPerson } from '../src/main/core/engine/avatar/segment-person'
import { writeContactSheet, type SheetTile } from './contact-sheet'
import { avatarFields, expressionRecovery, meshAreaWeights } from './expression-recovery'
import { createFaceEmbedder, embeddingCosine, type FaceEmbedder } from './face-identity-embedding'

const ROOT = process.cwd()
const OUT = resolve(ROOT, 'bench-results')
const PORTRAITS = resolve(ROOT, '../shared/data/portraits')
const THREADS = 2
const args = process.argv.slice(2)
const portraitsArg = args.indexOf('--portraits')
const portraitLimit = portraitsArg >= 0 ? Math.max(0, Number(args[portraitsArg + 1]) || 0) : 4
const doExport = !args.includes('--no-export')
const doIdentity = !args.includes('--no-identity')
const doPose = !args.includes('--no-pose')
const doSpeed = !args.includes('--no-speed')
const modelArg = args.indexOf('--landmark-model')
const landmarkModel: LandmarkModelKind = args[modelArg + 1] === 'mesh' && modelArg >= 0 ? 'mesh' : 'attention'

type Mat3 = number[] // row-major 3x3

const mean = (v: readonly number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN)
const median = (v: readonly number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d

function mul3(a: Mat3, b: Mat3): Mat3 {
  const o = new Array<number>(9).fill(0)
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) o[3 * i + j]! += a[3 * i + k]! * b[3 * k + j]!
  return o
}
const transpose = (a: Mat3): Mat3 => [a[0]!, a[3]!, a[6]!, a[1]!, a[4]!, a[7]!, a[2]!, a[5]!, a[8]!]
const angleOf = (r: Mat3): number =>
  (Math.acos(Math.max(-1, Math.min(1, (r[0]! + r[4]! + r[8]! - 1) / 2))) * 180) / Math.PI

/** Rotation of the analysis pose (camera frame y up, z toward viewer). */
function poseRotation(f: FaceAnalysis): Mat3 {
  const m = f.pose.matrix
  const s = f.pose.scale
  return [m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!].map((x) => x / s)
}

/** The renderer's head rotation (image frame x right, y down, z away), in the analysis camera frame. */
function engineRotation(yaw: number, pitch: number, roll: number): Mat3 {
  const [a, b, c] = [yaw, pitch, roll].map((d) => (d * Math.PI) / 180) as [number, number, number]
  const ry: Mat3 = [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)]
  const rx: Mat3 = [1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)]
  const rz: Mat3 = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1]
  const r = mul3(rz, mul3(rx, ry))
  const f: Mat3 = [1, 0, 0, 0, -1, 0, 0, 0, -1]
  return mul3(f, mul3(r, f))
}

/** Inverse of engineRotation: the (yaw, pitch, roll) command, degrees, of a camera-frame rotation. */
function cameraYawPitchRoll(e: Mat3): [number, number, number] {
  const f: Mat3 = [1, 0, 0, 0, -1, 0, 0, 0, -1]
  const r = mul3(f, mul3(e, f)) // Rroll Rpitch Ryaw in the image frame
  const deg = 180 / Math.PI
  return [
    Math.atan2(-r[6]!, r[8]!) * deg,
    Math.asin(Math.max(-1, Math.min(1, r[7]!))) * deg,
    Math.atan2(-r[1]!, r[4]!) * deg
  ]
}

const rotX = (d: number): Mat3 => {
  const a = (d * Math.PI) / 180
  return [1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)]
}
const rotY = (d: number): Mat3 => {
  const a = (d * Math.PI) / 180
  return [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)]
}
const rotZ = (d: number): Mat3 => {
  const a = (d * Math.PI) / 180
  return [Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a), 0, 0, 0, 1]
}

/**
 * Head rotation from the 2-D landmark positions alone: the rotation R (camera frame, y up) for which the person's
 * own 3-D shape (the source's canonical landmarks) projects orthographically onto the measured image landmarks
 * with the least weighted error, scale and shift solved in closed form; coordinate descent from `start`.
 * Unlike the analysis pose it does not rely on the landmark model's depth guesses.
 */
function fit2dRotation(
  shape: ArrayLike<number>,
  landmarks: ArrayLike<number>,
  weights: readonly { index: number; weight: number }[],
  start: Mat3
): Mat3 {
  const cost = (r: Mat3): number => {
    let sw = 0
    let px = 0
    let py = 0
    let mx = 0
    let my = 0
    const pts: [number, number, number, number, number][] = []
    for (const { index: i, weight: w } of weights) {
      const q = [shape[3 * i]!, shape[3 * i + 1]!, shape[3 * i + 2]!]
      const x = r[0]! * q[0]! + r[1]! * q[1]! + r[2]! * q[2]!
      const y = r[3]! * q[0]! + r[4]! * q[1]! + r[5]! * q[2]!
      const u = landmarks[3 * i]!
      const v = -landmarks[3 * i + 1]!
      pts.push([x, y, u, v, w])
      sw += w
      px += w * x
      py += w * y
      mx += w * u
      my += w * v
    }
    px /= sw
    py /= sw
    mx /= sw
    my /= sw
    let num = 0
    let den = 0
    for (const [x, y, u, v, w] of pts) {
      num += w * ((x - px) * (u - mx) + (y - py) * (v - my))
      den += w * ((x - px) ** 2 + (y - py) ** 2)
    }
    const sc = num / den
    let e = 0
    for (const [x, y, u, v, w] of pts)
      e += w * ((sc * (x - px) - (u - mx)) ** 2 + (sc * (y - py) - (v - my)) ** 2)
    return e
  }
  let r = start
  let best = cost(r)
  for (const step of [8, 4, 2, 1, 0.5, 0.25, 0.12, 0.06]) {
    let improved = true
    while (improved) {
      improved = false
      for (const axis of [rotX, rotY, rotZ]) {
        for (const sign of [1, -1]) {
          const cand = mul3(axis(sign * step), r)
          const c = cost(cand)
          if (c < best) {
            best = c
            r = cand
            improved = true
          }
        }
      }
    }
  }
  return r
}

/** Analysis of a decoded image in its own px (analyzeImage reports original-image px otherwise). */
async function analyseDecoded(
  decoded: Awaited<ReturnType<typeof decodeImage>>
): Promise<FaceAnalysis | null> {
  const own = { ...decoded, scale: 1, originalWidth: decoded.width, originalHeight: decoded.height }
  const faces = await analyzeImage(own, { maxFaces: 1, landmarkModel }).catch(() => [] as FaceAnalysis[])
  return faces[0] ?? null
}

/**
 * How strongly the plate still outlines where the person was: mean gradient magnitude of the plate in the ring
 * 0..0.6 cm outside the segmentation's core (mask >= 0.7), over the same in the ring 0.8..1.6 cm out (plain
 * background). About 1: no outline; a rim left in the plate (halo, wisps, dark edge) raises it.
 */
async function plateOutlineRatio(
  avatar: Avatar,
  image: { data: Uint8Array; width: number; height: number },
  pxPerCm: number
): Promise<number | null> {
  const { width: W, height: H } = image
  const mask = await segmentPerson(image.data, W, H)
  if (!mask) return null
  const distance = chamferDistance(
    Float32Array.from(mask, (v) => (v >= 0.7 ? 1 : 0)),
    W,
    H
  )
  const PW = W + 2 // the plate is padded by one edge pixel
  const PH = H + 2
  const at = (c: number, x: number, y: number): number => avatar.plate[c * PW * PH + (y + 1) * PW + x + 1]!
  const ring = [0, 0]
  const far = [0, 0]
  for (let y = 1; y < H - 1; y++) {
    for (let x = 1; x < W - 1; x++) {
      const d = distance[y * W + x]! / pxPerCm
      if (d <= 0 || d > 1.6 || (d > 0.6 && d < 0.8)) continue
      let g = 0
      for (let c = 0; c < 3; c++)
        g += Math.hypot(at(c, x + 1, y) - at(c, x - 1, y), at(c, x, y + 1) - at(c, x, y - 1)) * 127.5
      const acc = d <= 0.6 ? ring : far
      acc[0]! += g
      acc[1]! += 1
    }
  }
  return ring[1] && far[1] && far[0] ? round(ring[0]! / ring[1] / (far[0]! / far[1])) : null
}

/** Landmarks painted as marker dots for the renderer-geometry pose check: two renders of six, one per channel pair. */
const MARKER_SETS: readonly (readonly [number, number])[][] = [
  [
    [1, 152],
    [33, 263],
    [61, 291]
  ],
  [
    [133, 362],
    [105, 334],
    [58, 288]
  ]
]

/**
 * Marker centroids (render px) of `sets` in a render at `camera`: the texture is replaced by black with white
 * dots of radius `r` at the landmarks, one channel per pair (the two of a pair are far apart), over a black
 * plate. A marker whose pixel mass falls under half of its mass at the source camera is counted hidden (null).
 */
async function markerCentroids(
  avatar: Avatar,
  lm: ArrayLike<number>,
  r: number,
  camera: RenderParams['camera'],
  predicted: (id: number) => [number, number]
): Promise<Map<number, [number, number] | null>> {
  const { width: W, height: H, texturePad: P } = avatar
  const HW = W * H
  // the texture is padded by P px on each side
  const TW = W + 2 * P
  const THW = TW * (H + 2 * P)
  const out = new Map<number, [number, number] | null>()
  for (const set of MARKER_SETS) {
    const texture = new Float32Array(4 * THW)
    texture.set(avatar.texture.subarray(3 * THW), 3 * THW)
    set.forEach((pair, ch) => {
      for (const id of pair) {
        const [lx, ly] = [lm[3 * id]!, lm[3 * id + 1]!]
        for (let y = Math.max(0, Math.floor(ly - r)); y <= Math.min(H - 1, Math.ceil(ly + r)); y++)
          for (let x = Math.max(0, Math.floor(lx - r)); x <= Math.min(W - 1, Math.ceil(lx + r)); x++)
            if (Math.hypot(x + 0.5 - lx, y + 0.5 - ly) <= r) texture[ch * THW + (y + P) * TW + x + P] = 1
      }
    })
    // The back layer's paint (the cavity's teeth band) would pass the marker threshold: black it out too.
    const backTexture = Float32Array.from(avatar.backTexture)
    backTexture.fill(0, 0, 3 * HW)
    const marked = { ...avatar, texture, backTexture, plate: new Float32Array(avatar.plate.length) }
    const mass = async (cam: RenderParams['camera'], at: (id: number) => [number, number]) => {
      const f = await renderFrame(marked, { camera: cam })
      const acc = set.map(() => [
        [0, 0, 0],
        [0, 0, 0]
      ])
      set.forEach((pair, ch) => {
        const [a, b] = pair
        for (let i = 0; i < HW; i++) {
          const v = f.rgba[4 * i + ch]! / 255
          if (v < 0.2) continue
          const x = (i % W) + 0.5
          const y = Math.floor(i / W) + 0.5
          // the nearer of the pair's two expected positions decides (they are several cm apart)
          const da = Math.hypot(x - at(a)[0], y - at(a)[1])
          const db = Math.hypot(x - at(b)[0], y - at(b)[1])
          const k = da <= db ? 0 : 1
          acc[ch]![k]![0]! += v
          acc[ch]![k]![1]! += v * x
          acc[ch]![k]![2]! += v * y
        }
      })
      return acc
    }
    const base = await mass({}, (id) => [lm[3 * id]!, lm[3 * id + 1]!])
    const moved = await mass(camera, predicted)
    set.forEach((pair, ch) => {
      pair.forEach((id, k) => {
        const [m, sx, sy] = moved[ch]![k]!
        out.set(id, m >= 0.5 * base[ch]![k]![0]! && m > 0 ? [sx / m, sy / m] : null)
      })
    })
  }
  return out
}

async function analyseRgba(rgba: Uint8Array, width: number, height: number): Promise<FaceAnalysis | null> {
  const png = await sharp(Buffer.from(rgba), { raw: { width, height, channels: 4 } })
    .removeAlpha()
    .png()
    .toBuffer()
  try {
    const faces = await analyzeImage(new Uint8Array(png), { maxFaces: 1, landmarkModel })
    return faces[0] ?? null
  } catch {
    return null
  }
}

/** Wall time of the documented reference op (one 4-D GridSample, 1.57 M points x 8 channels: 135 ms on 2 threads). */
async function calibrationFactor(): Promise<{ measuredMs: number; factor: number }> {
  const n = 1253
  const g = new GraphBuilder('ref', { opset: 18 })
  const x = g.input('x', 'float32', [1, 8, 512, 512])
  const gr = g.input('g', 'float32', [1, n, n, 2])
  g.output(
    g.op('GridSample', [x, gr], { align_corners: 0, mode: 'bilinear', padding_mode: 'border' }),
    'y',
    'float32',
    [1, 8, n, n]
  )
  const s = await InferenceSession.create(g.toBytes(), { intraOpNumThreads: THREADS, interOpNumThreads: 1 })
  const grid = new Float32Array(n * n * 2).map(() => Math.random() * 2 - 1)
  const feeds = {
    x: new Tensor('float32', new Float32Array(8 * 512 * 512).fill(0.5), [1, 8, 512, 512]),
    g: new Tensor('float32', grid, [1, n, n, 2])
  }
  await s.run(feeds)
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    await s.run(feeds)
    times.push(performance.now() - t)
  }
  await s.release()
  const measuredMs = Math.min(...times)
  return { measuredMs, factor: measuredMs / 135 }
}

async function timeFrames(avatar: Avatar, size: number, runs = 12) {
  const gen: number[] = []
  const ren: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const f = await renderFrame(avatar, {
      width: size,
      height: size,
      camera: { yaw: (i % 5) * 5 - 10 },
      // half the frames part the lips (the lip cut runs), half smile
      expression: i % 2 ? { jawOpen: 0.6, smile: 0.2 } : { smile: 0.5 }
    })
    const c1 = process.cpuUsage(c0)
    gen.push(f.timings.generatorMs)
    ren.push(f.timings.rendererMs)
    cpu.push((c1.user + c1.system) / 1000)
  }
  return {
    generatorMs: round(median(gen)),
    rendererMs: round(median(ren)),
    totalMs: round(median(gen) + median(ren)),
    cpuMs: round(median(cpu))
  }
}

async function contactSheet(avatar: Avatar, name: string): Promise<void> {
  const tile = 256
  const expressions: [string, Record<string, number>][] = [
    ['neutral', {}],
    ['jawOpen', { jawOpen: 1 }],
    ['smile', { smile: 1 }],
    ['blink', { blinkL: 1, blinkR: 1 }],
    ['browsUp', { browInnerUp: 1, browOuterUp: 1 }],
    ['pucker', { pucker: 1 }],
    ['frown+furrow', { frown: 1, browFurrow: 1 }],
    ['sneer+squint', { noseSneer: 1, squint: 1 }]
  ]
  const cameras: [string, RenderParams['camera']][] = [
    ['', {}],
    ['yaw -30', { yaw: -30 }],
    ['yaw 30', { yaw: 30 }],
    ['pitch 20', { pitch: 20 }],
    ['pitch -20 roll 20', { pitch: -20, roll: 20 }]
  ]
  const rows: SheetTile[][] = []
  for (const [label, expression] of expressions) {
    const row: SheetTile[] = []
    for (const [view, camera] of cameras) {
      const picture = await renderFrame(avatar, { expression, camera, width: tile, height: tile })
      row.push({ picture, label: view ? `${label}, ${view}` : label })
    }
    rows.push(row)
  }
  await writeContactSheet(rows, join(OUT, `engine-contact-${name}.png`), { tile })
}

/** Change outside the person layer at a strong head motion (yaw 30, pitch 15): summed |Δ| over its RGB samples. */
async function backgroundChange(
  avatar: Avatar,
  image: { data: Uint8Array; width: number; height: number }
): Promise<{ bgDiff: number; bgCount: number }> {
  const moved = await renderFrame(avatar, { camera: { yaw: 30, pitch: 15 } })
  let bgDiff = 0
  let bgCount = 0
  const HW = image.width * image.height
  const TW = image.width + 2 * avatar.texturePad
  const alphaAt = (i: number): number =>
    avatar.texture[
      3 * TW * (image.height + 2 * avatar.texturePad) +
        (Math.floor(i / image.width) + avatar.texturePad) * TW +
        (i % image.width) +
        avatar.texturePad
    ]!
  for (let i = 0; i < HW; i++) {
    if (alphaAt(i) > 0) continue
    for (let c = 0; c < 3; c++) bgDiff += Math.abs(moved.rgba[4 * i + c]! - image.data[3 * i + c]!)
    bgCount += 3
  }
  return { bgDiff, bgCount }
}

/**
 * Identity: face-recognition descriptors of renders (expressions, turns) against the source's, raw and centred,
 * and how close the other portraits' people come (`self`: this portrait's file name, left out).
 */
async function identityScores(
  embedder: FaceEmbedder,
  avatar: Avatar,
  image: { data: Uint8Array; width: number; height: number },
  source: FaceAnalysis,
  population: readonly { name: string; descriptor: Float32Array }[],
  self: string,
  /** Cosine after removing the population's mean descriptor. */
  centredCosine: (a: Float32Array, b: Float32Array) => number
): Promise<Record<string, number | null>> {
  const embed = async (rgb: Uint8Array, w: number, h: number, ch: 3 | 4, face: FaceAnalysis | null) =>
    face ? embedder.embed(rgb, w, h, ch, face.landmarks) : null
  const ref = (await embed(image.data, image.width, image.height, 3, source))!
  const cases: [string, RenderParams][] = [
    ['zero', {}],
    ['smile', { expression: { smile: 1 } }],
    ['jawOpen', { expression: { jawOpen: 1 } }],
    ['blink', { expression: { blinkL: 1, blinkR: 1 } }],
    ['browsUp', { expression: { browInnerUp: 1, browOuterUp: 1 } }],
    ['frown+furrow', { expression: { frown: 1, browFurrow: 1 } }],
    ['yaw-30', { camera: { yaw: -30 } }],
    ['yaw+30', { camera: { yaw: 30 } }]
  ]
  const identity: Record<string, number | null> = {}
  for (const [label, params] of cases) {
    const f = await renderFrame(avatar, params)
    const d = await embed(f.rgba, f.width, f.height, 4, await analyseRgba(f.rgba, f.width, f.height))
    identity[label] = d ? round(embeddingCosine(d, ref), 3) : null
    identity[`${label}Centred`] = d ? round(centredCosine(d, ref), 3) : null
  }
  const others = population.filter((p) => p.name !== self).map((p) => embeddingCosine(p.descriptor, ref))
  identity.otherPeopleMax = others.length ? round(Math.max(...others), 3) : null
  identity.otherPeopleMedian = others.length ? round(median(others), 3) : null
  return identity
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  const packDir = join(OUT, 'pack-builtin')
  const built = buildBuiltinPack(packDir)
  const engine = await createEngine({ packDir, threads: THREADS })
  const engine1 = await createEngine({ packDir, threads: 1 })
  // onnxruntime's default: idle intra-op threads spin between operators (the engine turns it off)
  const engineSpin = await createEngine({ packDir, threads: THREADS, spinning: true })
  const meshJson = (await import('../resources/models/canonical_face_mesh.json')).default
  const meshWeights = meshAreaWeights(engine)
  const procrustesWeights = meshJson.procrustesWeights
  const calibration = await calibrationFactor()
  console.log(
    `load calibration: reference GridSample ${round(calibration.measuredMs)} ms (documented 135 ms) -> x${round(calibration.factor)}`
  )

  // Identity embedder and the dev portraits' descriptors (for a centred cosine and an other-people baseline).
  let embedder: FaceEmbedder | null = null
  const population: { name: string; descriptor: Float32Array }[] = []
  if (doIdentity) {
    embedder = await createFaceEmbedder()
    const pool = existsSync(PORTRAITS)
      ? readdirSync(PORTRAITS)
          .sort()
          .map((f) => join(PORTRAITS, f))
      : []
    for (const p of [resolve(ROOT, 'test/fixtures/astronaut.png'), ...pool]) {
      const d = await decodeImage(p, { maxSide: 512 })
      const face = await analyseDecoded(d)
      if (face)
        population.push({
          name: basename(p),
          descriptor: await embedder.embed(d.data, d.width, d.height, 3, face.landmarks)
        })
    }
  }
  const meanDescriptor = new Float32Array(128)
  for (const p of population) p.descriptor.forEach((x, i) => (meanDescriptor[i] += x / population.length))
  const centredCosine = (a: Float32Array, b: Float32Array): number =>
    embeddingCosine(
      Float32Array.from(a, (x, i) => x - meanDescriptor[i]!),
      Float32Array.from(b, (x, i) => x - meanDescriptor[i]!)
    )

  const portraits = [resolve(ROOT, 'test/fixtures/astronaut.png')]
  if (existsSync(PORTRAITS)) {
    for (const f of readdirSync(PORTRAITS).sort().slice(0, portraitLimit)) portraits.push(join(PORTRAITS, f))
  }
  const results: Record<string, unknown>[] = []
  let peakRss = 0
  const sampleRss = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  for (const path of portraits) {
    const name = basename(path).replace(/\.[^.]+$/, '')
    const decoded = await decodeImage(path, { maxSide: 512 })
    const image = { data: decoded.data, width: decoded.width, height: decoded.height }
    const source = await analyseDecoded(decoded)
    if (!source) {
      console.log(`${name}: no face, skipped`)
      continue
    }
    const t0 = performance.now()
    const c0 = process.cpuUsage()
    const avatar = await createAvatar(image, source, engine)
    const c1 = process.cpuUsage(c0)
    const avatarMs = performance.now() - t0
    sampleRss()

    // reconstruction
    const zero = await renderFrame(avatar)
    let se = 0
    for (let i = 0; i < image.width * image.height; i++)
      for (let c = 0; c < 3; c++) se += (zero.rgba[4 * i + c]! - image.data[3 * i + c]!) ** 2
    const psnr = 10 * Math.log10((255 * 255) / Math.max(1e-12, se / (image.width * image.height * 3)))

    // pose loop (protocol in the header)
    const poses: [number, number, number][] = []
    for (const yaw of [-35, -20, 0, 20, 35])
      for (const pitch of [-25, 0, 25])
        for (const roll of [-30, 0, 30]) if (yaw || pitch || roll) poses.push([yaw, pitch, roll])
    const zeroAnalysis = await analyseRgba(zero.rgba, zero.width, zero.height)
    const shape = source.canonicalLandmarks
    const r0 = zeroAnalysis ? poseRotation(zeroAnalysis) : poseRotation(source)
    const r0fit = fit2dRotation(shape, (zeroAnalysis ?? source).landmarks, procrustesWeights, r0)
    // The person's own landmarks in the camera frame (y up, z toward the viewer), px: the shape the markers sit on.
    const lmSrc = source.landmarks
    const camShape = Float32Array.from(lmSrc, (v, i) => (i % 3 === 0 ? v : -v))
    const markerIds = MARKER_SETS.flat(2)
    const markerRadius = Math.max(1.5, 0.25 * source.pose.scale)
    const poseErrors: {
      cmd: [number, number, number]
      errorDeg: number | null
      error2dDeg: number | null
      markerErrorDeg: number | null
      markerErrorPx: number | null
      measuredYawPitchRoll: [number, number, number] | null
    }[] = []
    for (const [yaw, pitch, roll] of doPose ? poses : []) {
      const camera = { yaw, pitch, roll }
      const f = await renderFrame(avatar, { camera })
      const measured = await analyseRgba(f.rgba, f.width, f.height)
      const eCmd = engineRotation(yaw, pitch, roll)
      const fitted = measured
        ? fit2dRotation(shape, measured.landmarks, procrustesWeights, mul3(eCmd, r0fit))
        : null
      // renderer geometry: where the marker dots land vs. the source landmarks turned about the pivot
      const predictedAt = (id: number): [number, number] => {
        const p = [
          lmSrc[3 * id]! - avatar.pivot[0],
          -(lmSrc[3 * id + 1]! - avatar.pivot[1]),
          -(lmSrc[3 * id + 2]! - avatar.pivot[2])
        ]
        const q = [0, 1].map(
          (r) => eCmd[3 * r]! * p[0]! + eCmd[3 * r + 1]! * p[1]! + eCmd[3 * r + 2]! * p[2]!
        )
        return [q[0]! + avatar.pivot[0], -q[1]! + avatar.pivot[1]]
      }
      const markers = await markerCentroids(avatar, lmSrc, markerRadius, camera, predictedAt)
      const seen = markerIds.filter((id) => markers.get(id))
      let markerErrorDeg: number | null = null
      let markerErrorPx: number | null = null
      if (seen.length >= 6) {
        const pts = new Float32Array(lmSrc.length)
        for (const id of seen) {
          const [x, y] = markers.get(id)!
          pts[3 * id] = x
          pts[3 * id + 1] = y
        }
        const w = seen.map((index) => ({ index, weight: 1 }))
        const rm = fit2dRotation(camShape, pts, w, eCmd)
        markerErrorDeg = round(angleOf(mul3(rm, transpose(eCmd))))
        markerErrorPx = round(
          mean(
            seen.map((id) =>
              Math.hypot(markers.get(id)![0] - predictedAt(id)[0], markers.get(id)![1] - predictedAt(id)[1])
            )
          )
        )
      }
      const e = measured ? mul3(poseRotation(measured), transpose(r0)) : null
      const ypr = e ? cameraYawPitchRoll(e) : null
      poseErrors.push({
        cmd: [yaw, pitch, roll],
        errorDeg: e ? round(angleOf(mul3(e, transpose(eCmd)))) : null,
        error2dDeg: fitted ? round(angleOf(mul3(mul3(fitted, transpose(r0fit)), transpose(eCmd)))) : null,
        markerErrorDeg,
        markerErrorPx,
        measuredYawPitchRoll: ypr ? [round(ypr[0], 1), round(ypr[1], 1), round(ypr[2], 1)] : null
      })
    }
    sampleRss()
    const pick = (key: 'errorDeg' | 'error2dDeg' | 'markerErrorDeg' | 'markerErrorPx'): number[] =>
      poseErrors.map((p) => p[key]).filter((x): x is number => x !== null)
    const errs = pick('errorDeg')
    const errs2d = pick('error2dDeg')
    const errsMarker = pick('markerErrorDeg')
    // Gain of the analysis on each axis: least-squares slope of the measured relative angle on the commanded one,
    // over the poses that turn about that axis alone.
    const axisGain = (axis: 0 | 1 | 2): number => {
      let num = 0
      let den = 0
      for (const p of poseErrors) {
        if (!p.measuredYawPitchRoll || p.cmd.some((c, k) => k !== axis && c !== 0)) continue
        num += p.measuredYawPitchRoll[axis] * p.cmd[axis]
        den += p.cmd[axis] ** 2
      }
      return round(num / (den || 1), 3)
    }

    // expression recovery: residual change of the render vs the source, projected on the basis
    // Reference: the zero-code render analysed the same way (not the source analysis), so the renderer's and
    // the analysis's own offsets cancel. Fields: the avatar's own (the basis times its personal gains).
    const baseResidual = (zeroAnalysis ?? source).canonicalLandmarks
    const names = engine.directionNames
    const recovery = await expressionRecovery({
      names,
      fields: avatarFields(engine, source),
      weights: meshWeights,
      base: baseResidual,
      oneSided: new Set(
        engine.pack.manifest.expression.directions.filter((d) => d.oneSided).map((d) => d.name)
      ),
      measure: async (expression) => {
        const f = await renderFrame(avatar, { expression })
        return analyseRgba(f.rgba, f.width, f.height)
      }
    })
    sampleRss()
    const weakest = recovery.weakest

    const { bgDiff, bgCount } = await backgroundChange(avatar, image)

    const plateOutline = await plateOutlineRatio(avatar, image, source.pose.scale)

    const skipped = { generatorMs: NaN, rendererMs: NaN, totalMs: NaN, cpuMs: NaN }
    const speed512 = doSpeed ? await timeFrames(avatar, 512) : skipped
    const speed256 = doSpeed ? await timeFrames(avatar, 256) : skipped
    // One intra-op thread: its CPU time is close to the unloaded single-thread wall time even on a busy
    // machine (time spent preempted is not counted), an upper bound for the 2-thread wall time.
    const single = { ...avatar, engine: engine1 }
    const single512 = doSpeed ? await timeFrames(single, 512) : skipped
    const single256 = doSpeed ? await timeFrames(single, 256) : skipped
    const spin = { ...avatar, engine: engineSpin }
    const spin512 = doSpeed ? await timeFrames(spin, 512) : skipped
    const spin256 = doSpeed ? await timeFrames(spin, 256) : skipped
    sampleRss()
    await contactSheet(avatar, name)

    const identity = embedder
      ? await identityScores(embedder, avatar, image, source, population, basename(path), centredCosine)
      : null

    const row = {
      portrait: name,
      size: `${image.width}x${image.height}`,
      points: avatar.pointCount,
      avatarBuildMs: round(avatarMs),
      avatarBuildCpuMs: round((c1.user + c1.system) / 1000),
      avatarStages: Object.fromEntries(Object.entries(avatar.timings).map(([k, v]) => [k, round(v)])),
      psnrZeroCode: round(psnr),
      poseErrorMeanDeg: round(mean(errs)),
      poseErrorMaxDeg: round(Math.max(...errs)),
      pose2dErrorMeanDeg: round(mean(errs2d)),
      pose2dErrorMaxDeg: round(Math.max(...errs2d)),
      poseMarkerErrorMeanDeg: round(mean(errsMarker)),
      poseMarkerErrorMaxDeg: round(Math.max(...errsMarker)),
      poseMarkerErrorMeanPx: round(mean(pick('markerErrorPx'))),
      poseAnalysisGainYawPitchRoll: [axisGain(0), axisGain(1), axisGain(2)],
      poseAnalysed: `${errs.length}/${poses.length}`,
      poseErrors,
      expressionCosineMean: recovery.cosineMean,
      expressionDisplacementCosineMean: recovery.displacementCosineMean,
      expressionSeenMean: recovery.seenMean,
      expressionWeakest: weakest,
      expressionRecovery: recovery.trials,
      identity,
      backgroundMeanAbsDiffYaw30Pitch15: round(bgDiff / Math.max(1, bgCount)),
      plateOutlineRatio: plateOutline,
      speed512,
      speed256,
      singleThreadCpu512Ms: single512.cpuMs,
      singleThreadCpu256Ms: single256.cpuMs,
      spinningThreads512Ms: spin512.totalMs,
      spinningThreads256Ms: spin256.totalMs
    }
    results.push(row)
    console.log(
      `${name}: build ${row.avatarBuildMs} ms, PSNR ${row.psnrZeroCode} dB, pose err mean ${row.poseErrorMeanDeg}° max ${row.poseErrorMaxDeg}° (${row.poseAnalysed}; 2-D fit ${row.pose2dErrorMeanDeg}° / ${row.pose2dErrorMaxDeg}°; markers ${row.poseMarkerErrorMeanDeg}° / ${row.poseMarkerErrorMaxDeg}°, ${row.poseMarkerErrorMeanPx} px; analysis gain y/p/r ${row.poseAnalysisGainYawPitchRoll.join('/')}), ` +
        `identity ${JSON.stringify(identity)}, ` +
        `expr cos ${row.expressionCosineMean} (displacement ${row.expressionDisplacementCosineMean}; weakest ${weakest.map((w) => `${w.name} ${w.cosine}`).join(', ')}), bg diff ${row.backgroundMeanAbsDiffYaw30Pitch15}, plate outline ${row.plateOutlineRatio}, ` +
        `512: ${speed512.totalMs} ms wall (1-thread cpu ${single512.cpuMs}; spinning threads ${spin512.totalMs}), ` +
        `256: ${speed256.totalMs} ms wall (1-thread cpu ${single256.cpuMs}; spinning threads ${spin256.totalMs})`
    )
  }

  // Avatar build at 1024 px (export at 1024² builds a 1024 avatar): the largest portrait at hand.
  let build1024: Record<string, unknown> | null = null
  {
    const pool = existsSync(PORTRAITS)
      ? readdirSync(PORTRAITS)
          .sort()
          .map((f) => join(PORTRAITS, f))
      : []
    const big = [...pool, ...portraits].find((p) => /lp_s2\./.test(p)) ?? portraits[portraits.length - 1]!
    const d = await decodeImage(big, { maxSide: 1024 })
    const face = await analyseDecoded(d)
    if (face) {
      const img = { data: d.data, width: d.width, height: d.height }
      await createAvatar(img, face, engine) // warm
      const times: number[] = []
      for (let i = 0; i < 3; i++) {
        const t = performance.now()
        await createAvatar(img, face, engine)
        times.push(performance.now() - t)
      }
      build1024 = { portrait: basename(big), size: `${d.width}x${d.height}`, medianMs: round(median(times)) }
      console.log('avatar build at 1024:', build1024)
    }
  }

  let exportResult: Record<string, unknown> | null = null
  if (doExport && results.length > 0) {
    const decoded = await decodeImage(portraits[0]!, { maxSide: 512 })
    const face = await analyseDecoded(decoded)
    const avatar = await createAvatar(
      { data: decoded.data, width: decoded.width, height: decoded.height },
      face!,
      engine
    )
    const fps = 30
    const frames = 10 * fps
    const t0 = performance.now()
    try {
      await exportVideo({
        width: 512,
        height: 512,
        fps,
        frameCount: frames,
        outPath: join(OUT, 'engine-export-10s.mp4'),
        renderFrame: async (i) => {
          const t = i / fps
          const f = await renderFrame(avatar, {
            camera: { yaw: 30 * Math.sin(t * 1.3), pitch: 12 * Math.sin(t * 0.9) },
            expression: {
              jawOpen: Math.max(0, Math.sin(t * 4)) * 0.6,
              smile: 0.5 + 0.5 * Math.sin(t),
              blinkL: t % 3 < 0.15 ? 1 : 0,
              blinkR: t % 3 < 0.15 ? 1 : 0
            }
          })
          return f.rgba
        }
      })
      exportResult = { seconds: 10, fps, size: 512, wallMs: round(performance.now() - t0) }
    } catch (error) {
      exportResult = { error: error instanceof Error ? error.message : String(error) }
    }
    sampleRss()
    console.log('export 10 s 512² @30:', exportResult)
  }

  const summary = {
    date: new Date().toISOString(),
    threads: THREADS,
    calibration: {
      ...calibration,
      note: 'measured / documented 135 ms for the reference GridSample; divide wall times by factor for an unloaded estimate'
    },
    expressionMaxAbsCosine: built.maxAbsCosine,
    peakRssMb: round(peakRss / 2 ** 20),
    export: exportResult,
    avatarBuild1024: build1024,
    portraits: results
  }
  writeFileSync(join(OUT, 'engine.json'), JSON.stringify(summary, null, 2))
  console.log(`peak RSS ${summary.peakRssMb} MB; results in ${join(OUT, 'engine.json')}`)
  console.log('expression reach, identity per direction and recovery on every portrait: npm run bench:reach')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
