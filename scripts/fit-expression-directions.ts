// Fits the expression directions to real motion and writes src/main/core/engine/expression/fitted-directions.json
// (derived numbers only: fitted shapes, real amplitudes, the clips they came from).
//
//   npm run fit:expressions [-- --cache DIR] [-- --dry [DIR]]
//
// 1. Tracks every clip of ../shared/data/driving with the project's own tracker (trackDriver): per frame the
//    canonical landmarks, pose and scale factored out.
// 2. Residual of each frame = its landmarks ([1 2 1]-smoothed over time against the tracker's frame-to-frame
//    jitter) − the clip's neutral: the frame pickReferenceFrame chooses, averaged with its neighbours
//    (referenceShape), the same reference driving measures against. The clip median would not do: in a clip
//    that is mostly expressive (dt_w011_surprised, sad_aoc) it is itself an expression (0.2 cm RMS from the
//    reference there), and slider 0 is neutral. Frames turned more than MAX_TURN_DEG from the reference or
//    whose rigid landmarks (the pose fit's Procrustes basis) moved more than MAX_RIGID_RMS_CM (a failed track)
//    are dropped. What follows the head pose (linear and quadratic in the angles, pooled over all clips) is
//    removed: frontalising leaves a pose-dependent error (a nod moves the mouth against the rigid points by
//    about 0.03 cm per degree, correlation 0.3–0.7 in every clip). Every residual is also used mirrored
//    (x → −x), so the fitted fields stay as symmetric as the authored ones.
// 3. Per direction: a region weight from the authored field (1 where it moves at least half its largest move,
//    a smoothstep of the move below, widened by a 0.5 cm Gaussian), the principal components of the real
//    residuals seen through it (area-weighted inner product), and the fitted shape = the authored field
//    projected onto the fewest components that explain 90 % of the region's energy: the real region motion
//    closest to the authored one ("rotated onto the name"). The rest is mostly the tracker's own lip- and
//    lid-contour detail: at 95 % the smile's lateral upper lip rose as a block and, orthogonalised against
//    upperLipRaise, its lip line rendered as a W; the jaw took the mouth's narrowing on "o" and rendered as an O.
//    The projection is then smoothed on the mesh (SMOOTHING_STEPS umbrella steps, the mouth and eye openings
//    cut so lips and lids stay apart): the tracker moves a lip's contour landmarks in segments (its lateral
//    third as a block), which rendered as a wavy lip line; the authored fields are smooth by construction. A soft region keeps each name on its own muscle: with
//    the whole mouth at full weight the smile took the open-mouth smiles of the clips (both lips up as far as
//    the corners, no corner lift left). A fit whose cosine with the authored field is under MIN_COSINE is
//    refused (the clips hardly contain that shape); KEEP_AUTHORED lists the names kept authored on purpose.
// 4. The fitted and authored fields are orthonormalised as the pack does (orthonormalExpressionSet). On each
//    unit direction: the real motion's 95th percentile (projection coefficient of the residuals), and the
//    read-back: the coefficient the analysis reads on renders of the dev portraits (READBACK_PORTRAITS: all of
//    them, the set bench:reach measures; median) ÷ the coefficient commanded, measured at about the amplitude it
//    leads to. The analysis under-reads renders and real faces alike (it reads 0.1–0.5 of a rendered motion),
//    so the +1 amplitude real motion asks for is p95 ÷ read-back; the basis caps it where the face breaks.
//
// --cache DIR keeps the tracked clips (frames' canonical landmarks; never committed: .cache is ignored).
// --dry [DIR] stops after the shapes (prints them; writes DIR/dry-shapes.json, the unit directions, if DIR exists).
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { format } from 'prettier'
import { analyzeRenderedFrame } from '../src/main/core/analysis/analyze-rendered-frame'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { cameraAngles, relativeRotation, rotationAngle } from '../src/main/core/drive/head-rotation'
import { pickReferenceFrame, referenceShape } from '../src/main/core/drive/pick-reference'
import { trackDriver } from '../src/main/core/drive/track-driver'
import { createEngine, renderFrame } from '../src/main/core/engine/engine'
import { type CanonicalMesh } from '../src/main/core/engine/expression/author-directions'
import {
  EXPRESSION_INNER_PRODUCT,
  EXPRESSION_PEAK_CAPS_CM,
  EXPRESSION_REACH_GAINS,
  orthonormalExpressionSet,
  peakDisplacement,
  type OrthonormalExpressionSet
} from '../src/main/core/engine/expression/build-expression-basis'
import {
  fitDirectionShape,
  mirrorField,
  mirrorMap,
  quantile,
  removePoseDependence,
  type FitShapeOptions
} from '../src/main/core/engine/expression/fit-directions'
import {
  FITTED_DIRECTIONS_FORMAT,
  parseFittedDirections,
  type FittedDirections
} from '../src/main/core/engine/expression/fitted-directions'
import { innerProduct } from '../src/main/core/engine/expression/orthonormalize'
import { eyeRing, INNER_LIP_RING, LEFT_EYE, RIGHT_EYE } from '../src/main/core/engine/expression/face-regions'
import { avatarFromFile } from '../src/main/core/render/avatar-from-file'

const ROOT = process.cwd()
const DATA = resolve(ROOT, '..', 'shared', 'data')
const MESH = resolve(ROOT, 'resources', 'models', 'canonical_face_mesh.json')
const PACK = resolve(ROOT, 'resources', 'packs', 'builtin')
const OUT = resolve(ROOT, 'src', 'main', 'core', 'engine', 'expression', 'fitted-directions.json')

const MAX_TURN_DEG = 20
const MAX_RIGID_RMS_CM = 0.4
const MIN_COSINE = 0.6
const SMOOTHING_STEPS = 4
const OPENINGS = [INNER_LIP_RING, eyeRing(RIGHT_EYE), eyeRing(LEFT_EYE)]
/**
 * Every dev portrait: the read-back is a median over them, the same set bench:reach measures. Four portraits
 * (hallo_ref3, lp_s1, sad_happy, lp_drv12) were not representative: upperLipRaise read back 0.53 of what bench:reach
 * reads over the 28, and a rerun of the script moved amplitudes of directions whose shapes had not changed.
 */
const READBACK_PORTRAITS = existsSync(join(DATA, 'portraits'))
  ? readdirSync(join(DATA, 'portraits'))
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .sort()
  : []
const READBACK_SIZE = 512
/** Read-backs under this are not trusted (the analysis hardly sees the direction): the amplitude is capped. */
const MIN_READBACK = 0.1

/** Directions kept authored on purpose. */
const KEEP_AUTHORED: Readonly<Record<string, string>> = {
  blinkL:
    'Blinks are brief (2–4 frames, a few per clip; the tracker does close the lid in them), so the principal components of the eye region are the more frequent lid motions (gaze, lids following the head), and the fit turns a blink toward them. A blink’s amplitude is the person’s own lid gap (the avatar scales it to close it) and its lid plate comes forward to win the depth test, a render device: the authored blink is kept.',
  blinkR:
    'Blinks are brief (2–4 frames, a few per clip; the tracker does close the lid in them), so the principal components of the eye region are the more frequent lid motions (gaze, lids following the head), and the fit turns a blink toward them. A blink’s amplitude is the person’s own lid gap (the avatar scales it to close it) and its lid plate comes forward to win the depth test, a render device: the authored blink is kept.',
  jawSideways:
    'The clips hardly move the jaw sideways (95th percentile 0.04 cm on the direction, a ninth of the authored +1), and before the pose is regressed out their antisymmetric lower-face modes follow the head’s yaw (correlation 0.77–0.86).',
  pucker:
    'The clips have one mouth-width mode (narrower ↔ wider), shared by pucker, mouthStretch and the smile. Fitted as well, pucker and mouthStretch landed on it from opposite sides and the orthonormalisation tore them apart (cos with the authored shape after it: pucker 0.65, mouthStretch 0.27, the smile 0.73 instead of 0.81). Pucker’s own motion, the lips going forward, is depth, which the tracker reads worst.',
  mouthStretch:
    'The clips have one mouth-width mode, shared by pucker, mouthStretch and the smile; fitted, mouthStretch lay on the smile’s width and kept cos 0.27 with its authored shape after orthonormalisation. The smile takes the real width mode; the risorius pull straight out stays authored.',
  browFurrow:
    'The clips hardly contain a furrow (the brow heads drawing together): the corrugator field projects onto their brow-lowering mode instead (cos 0.82), and the amplitude real motion gives it (0.38 cm) drops the whole brow onto the eyes and crushes the upper lids (hallo_ref6: folded lids, flecks of sclera at the corners). The authored pull toward the midline stays.'
}

interface TrackedClip {
  readonly file: string
  readonly frames: number
  readonly referenceFrame: number
  readonly reference: Float32Array
  readonly faces: readonly ({ canonical: Float32Array; rotation: Float64Array } | null)[]
}

interface MeshJson extends CanonicalMesh {
  readonly vertices: number[]
  readonly triangles: number[]
  readonly procrustesWeights: readonly { index: number; weight: number }[]
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d

async function trackClips(cacheDir: string | null): Promise<TrackedClip[]> {
  const files = readdirSync(join(DATA, 'driving'))
    .filter((f) => f.endsWith('.mp4'))
    .sort()
  const out: TrackedClip[] = []
  for (const file of files) {
    const cached = cacheDir == null ? null : join(cacheDir, `${file}.track`)
    if (cached != null && existsSync(cached)) {
      out.push(deserialize(readFileSync(cached)) as TrackedClip)
      continue
    }
    const track = await trackDriver(join(DATA, 'driving', file))
    const referenceFrame = pickReferenceFrame(track.faces)
    const clip: TrackedClip = {
      file,
      frames: track.faces.length,
      referenceFrame,
      reference: referenceShape(track.faces, referenceFrame),
      faces: track.faces.map((f) => (f == null ? null : { canonical: f.canonical, rotation: f.rotation }))
    }
    if (cached != null) writeFileSync(cached, serialize(clip))
    out.push(clip)
    console.log(`tracked ${file}: ${clip.frames} frames, reference ${referenceFrame}`)
  }
  return out
}

interface Residuals {
  readonly samples: Float64Array[]
  /** Per sample, the head's camera angles from the clip's reference (yaw, pitch, roll), degrees. */
  readonly angles: [number, number, number][]
  readonly used: number[]
  /** Per clip, the area-weighted RMS of (clip median − reference), cm: how far the median is from neutral. */
  readonly medianOffset: number[]
}

function residuals(clips: readonly TrackedClip[], mesh: MeshJson, weights: Float64Array): Residuals {
  const rigid = mesh.procrustesWeights.map((p) => p.index)
  const samples: Float64Array[] = []
  const angles: [number, number, number][] = []
  const used: number[] = []
  const medianOffset: number[] = []
  for (const clip of clips) {
    const referenceRotation = clip.faces[clip.referenceFrame]!.rotation
    let n = 0
    clip.faces.forEach((face, i) => {
      if (face == null) return
      if (rotationAngle(relativeRotation(face.rotation, referenceRotation)) > MAX_TURN_DEG) return
      const before = clip.faces[i - 1]
      const after = clip.faces[i + 1]
      const r = Float64Array.from(face.canonical, (x, k) =>
        before != null && after != null
          ? (2 * x + before.canonical[k]! + after.canonical[k]!) / 4 - clip.reference[k]!
          : x - clip.reference[k]!
      )
      let s = 0
      for (const v of rigid) s += r[3 * v]! ** 2 + r[3 * v + 1]! ** 2 + r[3 * v + 2]! ** 2
      if (Math.sqrt(s / rigid.length) > MAX_RIGID_RMS_CM) return
      samples.push(r)
      angles.push(cameraAngles(relativeRotation(face.rotation, referenceRotation)))
      n++
    })
    used.push(n)
    const tracked = clip.faces.flatMap((f) => (f == null ? [] : [f.canonical]))
    const median = Float64Array.from(
      clip.reference,
      (ref, k) =>
        quantile(
          tracked.map((c) => c[k]!),
          0.5
        ) - ref
    )
    medianOffset.push(Math.sqrt(innerProduct(median, median, weights)))
  }
  return { samples, angles, used, medianOffset }
}

/** Median over the read-back portraits of (coefficient read on the render ÷ coefficient commanded). */
async function readback(set: OrthonormalExpressionSet, amplitudes: readonly number[]): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-fit-'))
  try {
    cpSync(PACK, dir, { recursive: true })
    // The pack's own basis with the skin directions replaced: it keeps the directions that are not skin fields
    // (the gaze's eyeball travel), which the manifest names too.
    const packBasis = JSON.parse(readFileSync(join(PACK, 'expression-basis.json'), 'utf8')) as {
      directions: { name: string; field: number[] }[]
    }
    writeFileSync(
      join(dir, 'expression-basis.json'),
      JSON.stringify({
        ...packBasis,
        directions: packBasis.directions.map((d) => {
          const i = set.names.indexOf(d.name)
          if (i < 0) return d
          return { ...d, field: Array.from(set.result.directions[i]!, (x) => x * amplitudes[i]!) }
        })
      })
    )
    const engine = await createEngine({ packDir: dir })
    const ratios: number[][] = set.names.map(() => [])
    for (const portrait of READBACK_PORTRAITS) {
      const avatar = await avatarFromFile(join(DATA, 'portraits', portrait), {
        engine,
        resourcesDir: resolveResourcesDir(),
        maxSide: READBACK_SIZE
      }).catch(() => null)
      if (avatar == null) continue
      const size = { width: READBACK_SIZE, height: READBACK_SIZE }
      const base = await analyzeRenderedFrame(await renderFrame(avatar, size))
      if (base == null) continue
      for (const [i, name] of set.names.entries()) {
        const seen = await analyzeRenderedFrame(
          await renderFrame(avatar, { ...size, expression: { [name]: 1 } })
        )
        if (seen == null) continue
        const change = Float64Array.from(seen.canonicalLandmarks, (x, k) => x - base.canonicalLandmarks[k]!)
        ratios[i]!.push(innerProduct(change, set.result.directions[i]!, set.weights) / amplitudes[i]!)
      }
    }
    return ratios.map((r) => quantile(r, 0.5))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(DATA, 'driving')) || !existsSync(join(DATA, 'portraits'))) {
    console.log(`skipped: the shared dev data is absent (${DATA})`)
    return
  }
  const args = process.argv.slice(2)
  const cacheAt = args.indexOf('--cache')
  const cacheDir = cacheAt >= 0 ? resolve(args[cacheAt + 1] ?? '.cache/fit-expressions') : null
  if (cacheDir != null) mkdirSync(cacheDir, { recursive: true })

  const mesh = JSON.parse(readFileSync(MESH, 'utf8')) as MeshJson
  const fitOptions: FitShapeOptions = {
    threshold: 0.5,
    widenCm: 0.5,
    energyFraction: 0.9,
    maxComponents: 12,
    smoothing: SMOOTHING_STEPS,
    openings: OPENINGS,
    triangles: mesh.triangles
  }
  const clips = await trackClips(cacheDir)
  const base = orthonormalExpressionSet(mesh)
  const { weights } = base
  const raw = residuals(clips, mesh, weights)
  const { used, medianOffset } = raw
  // The pose-dependent frontalisation error: linear and quadratic in the angles (tens of degrees).
  const pose = removePoseDependence(
    raw.samples,
    raw.angles.map((a) => [...a.map((x) => x / 10), ...a.map((x) => (x / 10) ** 2)])
  )
  const samples = pose.samples
  console.log(`${samples.length} frames used of ${clips.reduce((a, c) => a + c.frames, 0)}`)
  console.log(
    `pose dependence removed (RMS per 10°, cm): ${['yaw', 'pitch', 'roll']
      .map((n, a) => `${n} ${Math.sqrt(innerProduct(pose.gains[a]!, pose.gains[a]!, weights)).toFixed(3)}`)
      .join(', ')}`
  )
  const mirror = mirrorMap(mesh.vertices)
  const all = [...samples, ...samples.map((s) => mirrorField(s, mirror))]

  // Shapes.
  const shapes: Record<string, number[]> = {}
  const fits = new Map<string, { components: number; cosAuthored: number; energy: number }>()
  const reasons = new Map<string, string>()
  for (const [i, name] of base.names.entries()) {
    const authored = base.authored[i]!
    const fit = fitDirectionShape(authored, all, mesh.vertices, weights, fitOptions)
    fits.set(name, fit)
    if (KEEP_AUTHORED[name] != null) reasons.set(name, KEEP_AUTHORED[name])
    else if (fit.cosAuthored < MIN_COSINE) {
      reasons.set(
        name,
        `The clips hardly contain this shape: the authored field projected onto the real motion of its region keeps cos ${fit.cosAuthored.toFixed(2)} < ${MIN_COSINE}.`
      )
    } else shapes[name] = Array.from(fit.field, (x) => round(x, 4))
  }

  // Real amplitudes on the final unit directions.
  const set = orthonormalExpressionSet(mesh, shapes)
  if (args.includes('--dry')) {
    for (const [i, name] of set.names.entries()) {
      const fit = fits.get(name)!
      console.log(
        `${name.padEnd(15)}${(shapes[name] ? 'fitted' : 'authored').padEnd(10)}P ${String(fit.components).padEnd(4)}cos(auth,fit) ${fit.cosAuthored.toFixed(2)}  cos(auth,final) ${set.authoredCosine[i]!.toFixed(2)}  cos(input,final) ${set.result.fidelity[i]!.toFixed(2)}`
      )
    }
    const dir = args[args.indexOf('--dry') + 1]
    if (dir != null && !dir.startsWith('--') && existsSync(dir)) {
      writeFileSync(
        join(dir, 'dry-shapes.json'),
        JSON.stringify(set.names.map((name, i) => ({ name, field: Array.from(set.result.directions[i]!) })))
      )
    }
    return
  }
  const p95 = set.names.map((_, i) => {
    const q = set.result.directions[i]!
    const c = samples.map((s) => innerProduct(s, q, weights))
    return {
      plus: quantile(
        c.filter((x) => x > 0),
        0.95
      ),
      minus: quantile(
        c.filter((x) => x < 0).map((x) => -x),
        0.95
      )
    }
  })
  const capAmplitude = set.names.map((name, i) => {
    const cap = EXPRESSION_PEAK_CAPS_CM[name]
    return cap == null ? Infinity : cap / peakDisplacement(set.result.directions[i]!)
  })
  const authoredAmplitude = set.names.map(
    (name, i) => (set.result.amplitudes[i]! / set.result.fidelity[i]!) * (EXPRESSION_REACH_GAINS[name] ?? 1)
  )
  // Read-back, measured where the amplitude will be: a first guess, then at the amplitude it implies.
  const trial = (rb: readonly number[] | null): number[] =>
    set.names.map((name, i) =>
      shapes[name] == null
        ? authoredAmplitude[i]!
        : Math.min(capAmplitude[i]!, p95[i]!.plus / Math.max(MIN_READBACK, rb?.[i] ?? 0.4))
    )
  const first = await readback(set, trial(null))
  const rb = await readback(set, trial(first))

  const fitted: FittedDirections = {
    format: FITTED_DIRECTIONS_FORMAT,
    units: 'canonical cm; field: 468 x (dx, dy, dz), x subject-left, y up, z toward the camera',
    innerProduct: EXPRESSION_INNER_PRODUCT,
    method:
      'Residuals against each clip’s neutral, [1 2 1]-smoothed, pose dependence (linear and quadratic in the angles) regressed out, mirrored; per direction the authored field projected onto the principal components (area-weighted, uncentred) of the residuals seen through its soft region weight, the fewest explaining energyFraction of the region energy; amplitude = p95 of the residuals’ coefficient on the final unit direction ÷ the analysis’s read-back on renders of readbackPortraits. See scripts/fit-expression-directions.ts.',
    neutral:
      'Per clip, pickReferenceFrame’s most neutral frame averaged with its neighbours (referenceShape), as driving uses; the clip median is itself an expression in mostly expressive clips.',
    parameters: {
      maxTurnDeg: MAX_TURN_DEG,
      maxRigidRmsCm: MAX_RIGID_RMS_CM,
      temporalSmoothing: '[1 2 1] / 4 where both neighbours are tracked',
      regionThreshold: fitOptions.threshold,
      regionWidenCm: fitOptions.widenCm,
      energyFraction: fitOptions.energyFraction,
      maxComponents: fitOptions.maxComponents,
      minCosine: MIN_COSINE,
      smoothingSteps: SMOOTHING_STEPS,
      minReadback: MIN_READBACK,
      readbackSizePx: READBACK_SIZE
    },
    clips: clips.map((c, k) => ({
      file: c.file,
      frames: c.frames,
      tracked: c.faces.filter((f) => f != null).length,
      used: used[k]!,
      referenceFrame: c.referenceFrame
    })),
    framesUsed: samples.length,
    readbackPortraits: READBACK_PORTRAITS,
    directions: set.names.map((name, i) => {
      const fit = fits.get(name)!
      const field = shapes[name]
      const readbackValue = Number.isFinite(rb[i]!) ? round(rb[i]!, 3) : null
      return {
        name,
        shape: field == null ? 'authored' : 'fitted',
        ...(field == null ? { reason: reasons.get(name)! } : { components: fit.components }),
        cosAuthored: round(fit.cosAuthored, 3),
        p95: { plus: round(p95[i]!.plus, 4), minus: round(p95[i]!.minus, 4) },
        readback: readbackValue,
        amplitude:
          field == null || readbackValue == null
            ? null
            : round(p95[i]!.plus / Math.max(MIN_READBACK, readbackValue), 4),
        ...(field == null ? {} : { field })
      }
    })
  }
  parseFittedDirections(fitted)
  writeFileSync(OUT, await format(JSON.stringify(fitted), { parser: 'json', printWidth: 110 }))
  console.log(`wrote ${OUT}`)
  console.log('clip                    frames  used  reference  |median − reference| cm')
  clips.forEach((c, k) =>
    console.log(
      `${c.file.padEnd(24)}${String(c.frames).padEnd(8)}${String(used[k]).padEnd(6)}${String(c.referenceFrame).padEnd(11)}${medianOffset[k]!.toFixed(3)}`
    )
  )
  console.log(
    'direction      shape     P   cos(auth,fit)  cos(auth,final)  p95+    p95−    read-back  amplitude  authored amplitude'
  )
  for (const [i, d] of fitted.directions.entries()) {
    console.log(
      `${d.name.padEnd(15)}${d.shape.padEnd(10)}${String(d.components ?? '-').padEnd(4)}${d.cosAuthored.toFixed(2).padEnd(15)}${set.authoredCosine[i]!.toFixed(2).padEnd(17)}${d.p95.plus.toFixed(3).padEnd(8)}${d.p95.minus.toFixed(3).padEnd(8)}${String(d.readback ?? '-').padEnd(11)}${String(d.amplitude ?? '-').padEnd(11)}${((base.result.amplitudes[i]! / base.result.fidelity[i]!) * (EXPRESSION_REACH_GAINS[d.name] ?? 1)).toFixed(3)}`
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
