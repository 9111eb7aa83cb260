import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveResourcesDir } from '../app/resolve-resources-dir'
import { Tensor } from 'onnxruntime-node'
import { type FaceAnalysis } from '@shared/face/face-analysis'
import { cameraVector, type EngineCamera } from '@shared/engine/camera'
import {
  BACK_TEXTURE_CHANNELS,
  POINT_ATTR_CHANNELS,
  VIEW_LENGTH,
  viewVector
} from '@shared/engine/renderer-layout'
import {
  expressionCode,
  unknownDirectionNames,
  type ExpressionValues
} from '@shared/engine/expression-directions'
import { buildAvatarRepresentation, type AvatarImage, type AvatarRepresentation } from './avatar/build-avatar'
import { segmentPerson } from './avatar/segment-person'
import { findHands } from './avatar/find-hands'
import { textureLevelFor } from './avatar/texture-levels'
import { ownSideBlinkFields } from './avatar/eye-blink'
import { type ExecutionProviderChoice } from '../inference/execution-provider'
import { loadPack, type LoadedPack } from './load-pack'
import { PackError } from './pack-error'
import { SessionCache, type CachedSession } from './session-cache'
import { RED_LIP_PAIRS } from './expression/face-regions'

// Resolved from the project's resources folder, not from this module's URL: the same code runs from
// src/ (tests, tsx) and bundled into out/main/ (app, CLI).
const RESOURCES = resolveResourcesDir()
/** Where `build/pack/build-builtin-pack.ts` writes the built-in pack. */
export const BUILTIN_PACK_DIR = join(RESOURCES, 'packs', 'builtin')
const CANONICAL_MESH = join(RESOURCES, 'models', 'canonical_face_mesh.json')

export interface EngineOptions {
  /** Pack folder (default: the built-in pack). */
  packDir?: string
  provider?: ExecutionProviderChoice
  /** Intra-op threads per session (default 2). */
  threads?: number
  /** Idle intra-op threads spin between operators (default off; see SessionOptions.spinning). */
  spinning?: boolean
  log?: (message: string) => void
  sessions?: SessionCache
}

export interface Engine {
  readonly pack: LoadedPack
  readonly directionNames: readonly string[]
  readonly generator: CachedSession
  readonly renderer: CachedSession
  /**
   * Canonical expression fields (cm at slider +1) in direction order, each direction's eyeball travel (cm at +1;
   * [0, 0] for skin directions), and the mesh triangles.
   */
  readonly basis: { fields: Float32Array[]; eyeball: (readonly [number, number])[]; triangles: number[] }
}

export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const pack = await loadPack(options.packDir ?? BUILTIN_PACK_DIR)
  requireTensors(pack, 'generator', 'outputs', ['points', 'shade'])
  requireTensors(pack, 'renderer', 'inputs', ['points', 'shade', 'shadeCells'])
  requireRendererLayout(pack)
  const basisFile = pack.assetFiles.expressionBasis
  if (!basisFile) throw new PackError(pack.dir, 'the built-in avatar builder needs assets.expressionBasis')
  const basisJson = JSON.parse(await readFile(basisFile, 'utf8')) as {
    directions: { name: string; field: number[]; eyeball?: [number, number] }[]
  }
  const names = pack.manifest.expression.directions.map((d) => d.name)
  const fields = names.map((name) => {
    const d = basisJson.directions.find((x) => x.name === name)
    if (!d || d.field.length !== 468 * 3) {
      throw new PackError(basisFile, `no 468 x 3 field for direction "${name}" named in the manifest`)
    }
    return Float32Array.from(d.field)
  })
  const eyeball = names.map((name) => {
    const travel = basisJson.directions.find((x) => x.name === name)?.eyeball ?? [0, 0]
    if (travel.length !== 2 || !travel.every(Number.isFinite)) {
      throw new PackError(basisFile, `direction "${name}": eyeball must be two finite numbers (cm)`)
    }
    return [travel[0], travel[1]] as const
  })
  const mesh = JSON.parse(await readFile(CANONICAL_MESH, 'utf8')) as { triangles: number[] }
  const cache = options.sessions ?? new SessionCache()
  const sessionOptions = {
    provider: options.provider,
    threads: options.threads ?? 2,
    spinning: options.spinning,
    log: options.log
  }
  const [generator, renderer] = await Promise.all([
    cache.get(pack, 'generator', sessionOptions),
    cache.get(pack, 'renderer', sessionOptions)
  ])
  return {
    pack,
    directionNames: names,
    generator,
    renderer,
    basis: { fields, eyeball, triangles: mesh.triangles }
  }
}

/** The tensors this engine feeds and reads; an older or foreign pack without them is refused by name. */
function requireTensors(
  pack: LoadedPack,
  stage: 'generator' | 'renderer',
  side: 'inputs' | 'outputs',
  names: readonly string[]
): void {
  const have = new Set(pack.manifest.stages[stage][side].map((t) => t.name))
  const missing = names.filter((n) => !have.has(n))
  if (missing.length > 0) {
    throw new PackError(
      pack.dir,
      `the ${stage} stage lacks the ${side.slice(0, -1)}(s) ${missing.join(', ')} this version of the studio needs; ` +
        'rebuild the pack (npm run build:pack) or install one made for this version'
    )
  }
}

/**
 * The renderer's `view` input must hold this studio's VIEW_FIELDS, and its `backTexture` this studio's channels: a
 * pack built before a field was added (the shadow tint, the lips' own edges) would be fed entries it does not take.
 */
function requireRendererLayout(pack: LoadedPack): void {
  const inputs = pack.manifest.stages.renderer.inputs
  const length = inputs.find((t) => t.name === 'view')?.shape[0]
  const channels = inputs.find((t) => t.name === 'backTexture')?.shape[1]
  const rebuild = 'rebuild the pack (npm run build:pack) or install one made for this version'
  if (length !== VIEW_LENGTH) {
    throw new PackError(
      pack.dir,
      `the renderer stage takes a view of ${String(length ?? 'no')} entries where this version of the studio ` +
        `sends ${VIEW_LENGTH}; ${rebuild}`
    )
  }
  if (channels !== BACK_TEXTURE_CHANNELS) {
    throw new PackError(
      pack.dir,
      `the renderer stage takes a back texture of ${String(channels ?? 'no')} channels where this version of the ` +
        `studio sends ${BACK_TEXTURE_CHANNELS}; ${rebuild}`
    )
  }
}

export interface Avatar extends AvatarRepresentation {
  readonly engine: Engine
}

let builtinEngine: Promise<Engine> | null = null

/** The built-in pack on the CPU provider with 2 threads, created once. */
export function getBuiltinEngine(): Promise<Engine> {
  builtinEngine ??= createEngine().catch((error: unknown) => {
    builtinEngine = null
    throw error
  })
  return builtinEngine
}

/**
 * Builds the per-portrait representation (identity depth, person layer, plate, mouth and eye layers) for
 * `engine` (default: the built-in pack). `image` is the analysed image: landmarks are in its pixels.
 */
export async function createAvatar(
  image: AvatarImage,
  analysis: FaceAnalysis,
  engineOrDefault?: Engine
): Promise<Avatar> {
  const engine = engineOrDefault ?? (await getBuiltinEngine())
  const t0 = performance.now()
  const personMask = await segmentPerson(image.data, image.width, image.height)
  const segmentationMs = performance.now() - t0
  const hands = await findHands(image)
  const handsMs = performance.now() - t0 - segmentationMs
  const rep = buildAvatarRepresentation(
    image,
    analysis,
    {
      names: engine.directionNames,
      fields: ownSideBlinkFields(engine.directionNames, engine.basis.fields, analysis.canonicalLandmarks),
      eyeball: engine.basis.eyeball,
      triangles: engine.basis.triangles
    },
    { personMask, gains: personalGains(engine, analysis), hands }
  )
  return {
    ...rep,
    timings: { ...rep.timings, segmentationMs, handsMs, totalMs: performance.now() - t0 },
    engine
  }
}

/** Upper/lower lid landmark pairs of each blink direction (subject's right eye for blinkR). */
const LID_PAIRS: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  blinkR: [
    [160, 144],
    [159, 145],
    [158, 153]
  ],
  blinkL: [
    [387, 373],
    [386, 374],
    [385, 380]
  ]
}

/** How far a blink's +1 takes the upper margin: this share of the face's lid gap, plus BLINK_OVERLAP_CM. */
export const BLINK_OVERSHOOT = 1.1
/**
 * And a fixed overlap (cm): a shut upper lid hangs over the lower lid's lash line by about a millimetre, and the
 * lid's lowest row of cells sits up to a cell (~0.2 cm) above the margin (cells inside the opening are the
 * eyeball's). With the share alone a 2–3 px row of eyeball (the iris's dark bottom, white sclera at the outer
 * corner) stayed under the shut lid (lp_s42, hallo_ref6) and the analysis read those eyes half open; with it the
 * shut eyes of lp_s42, hallo_ref6, lp_drv12 and lp_s2 read 0.45 cm open on average instead of 0.54 (their
 * neutral renders 0.8–1.25 cm; the analysis's reading of a shut render is noisy, 0.2–0.65 cm).
 */
export const BLINK_OVERLAP_CM = 0.1

/**
 * The share of the lips' red height (RED_LIP_PAIRS) that lipsPress at +1 takes away. 0.5: pressed lips keep a thin
 * red line (hallo_ref6); at 0.55 and more the renderer tore a dark hole (the mouth's back layer) into cf_0478's
 * blurred lower lip, as the fitted lipsPress had done at +1.
 */
const LIPS_PRESS_SHARE = 0.5

/** lipsPress's gain for a face: +1 thins this person's red lips by LIPS_PRESS_SHARE (canonical landmarks). */
function lipsPressGain(c: ArrayLike<number>, field: ArrayLike<number>): number {
  let red = 0
  let thinning = 0
  for (const [u, l] of RED_LIP_PAIRS) {
    red += c[3 * u + 1]! - c[3 * l + 1]!
    thinning += field[3 * l + 1]! - field[3 * u + 1]!
  }
  if (!(thinning > 1e-6) || !(red > 0)) return 1
  return Math.max(0.25, Math.min(2, (LIPS_PRESS_SHARE * red) / thinning))
}

/**
 * Per-direction gains for this face: a blink at +1 closes this person's measured lid gap (BLINK_OVERSHOOT of it
 * and BLINK_OVERLAP_CM more), whatever the canonical mesh's gap is, both in the canonical frame (the 3D face)
 * and in the image the avatar is rendered from. The
 * image's closure is the gap along the face's own down axis (the pose's canonical −y) against what the blink's
 * displacement of the lid landmarks projects to there. They differ on a tilted head: the closing lid comes
 * 0.15 cm forward (so it wins the depth test), which on a face tilted back projects upward and ate the
 * overshoot (lp_drv12 looking up: its margin travelled 0.98 of the image gap at gain 1.46 and the closed eye kept
 * a dark slit with specks of eyeball; the analysis read it half open). The larger of the two gains is used.
 * lipsPress at +1 thins this person's red lips by a share of their own height (lipsPressGain). Other
 * directions keep gain 1.
 */
export function personalGains(engine: Engine, analysis: FaceAnalysis): number[] {
  const c = analysis.canonicalLandmarks
  const lm = analysis.landmarks
  const M = analysis.pose.matrix
  // A canonical direction in image px (y down), and the face's down axis there.
  const toImage = (d: readonly number[]): [number, number] => {
    const r = [0, 1].map((row) => M[4 * row]! * d[0]! + M[4 * row + 1]! * d[1]! + M[4 * row + 2]! * d[2]!)
    return [r[0]!, -r[1]!]
  }
  const down = toImage([0, -1, 0])
  const downLength = Math.hypot(down[0], down[1])
  const alongDown = (v: readonly [number, number]): number =>
    downLength > 0 ? (v[0] * down[0] + v[1] * down[1]) / downLength : 0
  return engine.directionNames.map((name, k) => {
    const field = engine.basis.fields[k]!
    if (name === 'lipsPress') return lipsPressGain(c, field)
    const pairs = LID_PAIRS[name]
    if (!pairs) return 1
    let gap = 0
    let closure = 0
    let imageGap = 0
    let imageClosure = 0
    for (const [u, l] of pairs) {
      gap += c[3 * u + 1]! - c[3 * l + 1]!
      closure += field[3 * l + 1]! - field[3 * u + 1]!
      imageGap += alongDown([lm[3 * l]! - lm[3 * u]!, lm[3 * l + 1]! - lm[3 * u + 1]!])
      const du = toImage([field[3 * u]!, field[3 * u + 1]!, field[3 * u + 2]!])
      const dl = toImage([field[3 * l]!, field[3 * l + 1]!, field[3 * l + 2]!])
      imageClosure += alongDown([du[0] - dl[0], du[1] - dl[1]])
    }
    // Summed over the pairs, as the gaps and closures are (canonical cm; image px at the pose's px per cm).
    const overlap = BLINK_OVERLAP_CM * pairs.length
    const ratios = [
      closure > 1e-6 && gap > 0 ? (BLINK_OVERSHOOT * gap + overlap) / closure : 0,
      imageClosure > 1e-6 && imageGap > 0
        ? (BLINK_OVERSHOOT * imageGap + overlap * analysis.pose.scale) / imageClosure
        : 0
    ]
    const ratio = Math.max(...ratios)
    if (!(ratio > 0)) return 1
    return Math.max(0.5, Math.min(2.5, ratio))
  })
}

/** Whether the pack's renderer takes a plate with a fourth channel, an occluder (its channel axis is not 3). */
function rendererTakesOccluder(engine: Engine): boolean {
  const plate = engine.pack.manifest.stages.renderer.inputs.find((t) => t.name === 'plate')
  return plate !== undefined && plate.shape[1] !== 3
}

export interface RenderParams {
  expression?: ExpressionValues
  camera?: Partial<EngineCamera>
  width?: number
  height?: number
}

export interface RenderedFrame {
  readonly width: number
  readonly height: number
  /** 8-bit RGBA, row-major: the frame composited over the plate; alpha = the moving person layer. */
  readonly rgba: Uint8Array
  /** Depth per pixel in source px (smaller is closer); covered only where alpha > 0. */
  readonly depth: Float32Array
  readonly timings: { generatorMs: number; rendererMs: number }
}

export async function renderFrame(avatar: Avatar, params: RenderParams = {}): Promise<RenderedFrame> {
  const { engine } = avatar
  const values = params.expression ?? {}
  const unknown = unknownDirectionNames(engine.pack.manifest.expression.directions, values)
  if (unknown.length > 0) {
    throw new RangeError(
      `unknown expression direction(s) ${unknown.join(', ')}; the pack has ${engine.directionNames.join(', ')}`
    )
  }
  const width = params.width ?? avatar.width
  const height = params.height ?? avatar.height
  for (const [name, value] of [
    ['width', width],
    ['height', height]
  ] as const) {
    if (!Number.isInteger(value) || value < 2 || value > 8192) {
      throw new RangeError(`${name} must be an integer from 2 to 8192 px, got ${value}`)
    }
  }
  for (const [name, value] of Object.entries(params.camera ?? {})) {
    if (!Number.isFinite(value)) throw new RangeError(`camera.${name} must be a finite number, got ${value}`)
  }
  if (params.camera?.zoom !== undefined && !(params.camera.zoom > 0)) {
    throw new RangeError(`camera.zoom must be greater than 0, got ${params.camera.zoom}`)
  }
  const n = avatar.pointCount
  const code = expressionCode(engine.pack.manifest.expression.directions, values)
  const t0 = performance.now()
  const gen = await engine.generator.session.run({
    features: new Tensor('float32', avatar.features, [1, avatar.featureChannels, n]),
    code: new Tensor('float32', code, [1, code.length])
  })
  const t1 = performance.now()
  const sigma = Math.min(avatar.width / width, avatar.height / height)
  const camera = params.camera ?? {}
  // The texture and the plate at the coarsest level whose texel is at most an output pixel (texture-levels.ts).
  const level = textureLevelFor(avatar.textureLevels, sigma / (camera.zoom ?? 1))
  const view = viewVector({
    pivotX: avatar.pivot[0],
    pivotY: avatar.pivot[1],
    pivotZ: avatar.pivot[2],
    cellSize: avatar.cell,
    sigma,
    width: avatar.width,
    height: avatar.height,
    leakDepth: avatar.leakDepth,
    gridOriginX: avatar.gridOrigin[0],
    gridOriginY: avatar.gridOrigin[1],
    textureScale: level.scale,
    shadowTintRed: avatar.shadowTint[0],
    shadowTintGreen: avatar.shadowTint[1],
    shadowTintBlue: avatar.shadowTint[2]
  })
  // A pack whose renderer takes a 3-channel plate (before occluders) gets the plate without the occluder.
  const plateChannels = rendererTakesOccluder(engine) ? avatar.plateChannels : 3
  const plateArea = level.plateHeight * level.plateWidth
  const out = await engine.renderer.session.run({
    points: gen.points!,
    shade: gen.shade!,
    pointAttrs: new Tensor('float32', avatar.pointAttrs, [1, POINT_ATTR_CHANNELS, n]),
    pointNeighbours: new Tensor('int64', avatar.pointNeighbours, [4, n]),
    camera: new Tensor('float32', cameraVector(camera), [6]),
    view: new Tensor('float32', view, [VIEW_LENGTH]),
    shadeCells: new Tensor('int64', avatar.shadeCells, [avatar.shadeGrid[0], avatar.shadeGrid[1]]),
    gridShape: new Tensor(
      'int64',
      BigInt64Array.from([BigInt(avatar.gridHeight), BigInt(avatar.gridWidth)]),
      [2]
    ),
    texture: new Tensor('float32', level.texture, [1, 4, level.textureHeight, level.textureWidth]),
    backTexture: new Tensor('float32', avatar.backTexture, [
      1,
      BACK_TEXTURE_CHANNELS,
      avatar.height,
      avatar.width
    ]),
    plate: new Tensor('float32', level.plate.subarray(0, plateChannels * plateArea), [
      1,
      plateChannels,
      level.plateHeight,
      level.plateWidth
    ]),
    outSize: new Tensor('int64', BigInt64Array.from([BigInt(height), BigInt(width)]), [2])
  })
  const t2 = performance.now()
  const rgba = out.rgba!.data as Uint8Array
  return {
    width,
    height,
    rgba,
    depth: out.depth!.data as Float32Array,
    timings: { generatorMs: t1 - t0, rendererMs: t2 - t1 }
  }
}
