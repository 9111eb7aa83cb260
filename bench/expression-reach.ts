// Expression benchmark (issue 16): reach, identity, recovery and contact sheets of every expression direction.
//   npm run bench:reach [-- --portraits N] [--only a,b,...] [--no-sheets] [--no-identity] [--no-recovery]
//   [--fresh-footage]
// Reads ../shared/data/portraits (all 28 by default, the first N sorted by name with --portraits N, those whose
// names without extension are listed with --only) and
// ../shared/data/driving (never copied into the repository). Writes bench-results/expression-reach.json and
// bench-results/expression-sheets/<portrait>.png; caches the footage percentiles in
// bench-results/expression-reach-footage.json (keyed by the clips' names, sizes and mtimes and by the reading
// definitions' code; --fresh-footage recomputes them, e.g. after the analysis models change).
//
// - Reach: for each direction at +1 and −1, how far its reading (bench/expression-readings.ts, read from the
//   render by the project's analysis) moves from the neutral render, over the 95th percentile of the same
//   reading's change from each clip's median over the driving clips (that side: increases for a reading that
//   should rise, decreases for one that should fall; for squint, eyesWide and gaze, over the frames outside
//   blinks, see ReachSide.outsideBlinks). 1.0 = as strong as a real strong expression. Directions
//   whose −1 is not a real movement are "one-sided"; directions without a reading print "no measure". Targets:
//   median ≥ 1.0, no portrait with the wrong sign.
// - Identity: cosine of the face-recognition descriptors (bench/face-identity-embedding.ts) of each direction's
//   +1 render and the neutral render. Target ≥ 0.85 for every direction.
// - Recovery: the closed-loop code recovery of bench/engine.ts (bench/expression-recovery.ts) on the same
//   renders (a least-squares fit of the landmark change onto the authored fields), and the same question
//   through the product's driving solver on codes away from its calibration points (bench/solver-recovery.ts):
//   what a driven performance keeps of the expression it was shown. Target: mean cosine ≥ 0.85.
// - Sheets: every direction at −1, +0.5, +1, then neutral and three mixtures (MIXTURES).
// Renders are 512 x 512 (the sheets' tiles are the same renders scaled to 256).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import type { FaceAnalysis } from '../src/shared/face/face-analysis'
import { analysisImageOf, analyzeRenderedFrame } from '../src/main/core/analysis/analyze-rendered-frame'
import { analyzeImage } from '../src/main/core/analysis/analyze-image'
import { trackVideoFaces, type VideoFrame } from '../src/main/core/analysis/analyze-video'
import {
  createAvatar,
  createEngine,
  renderFrame,
  type Avatar,
  type RenderedFrame
} from '../src/main/core/engine/engine'
import { decodeImage } from '../src/main/core/image/decode-image'
import { decodeVideoFrames } from '../src/main/core/media/decode-video-frames'
import { writeContactSheet, type SheetTile } from './contact-sheet'
import {
  READING_NAMES,
  READING_NOTES,
  blinkFrames,
  faceReadings,
  reachSpecOf,
  readsGaze,
  readingsFingerprint,
  relativeChange,
  type ReachSide,
  type ReadingName,
  type Readings
} from './expression-readings'
import {
  RECOVERY_TARGET,
  avatarFields,
  expressionRecovery,
  meshAreaWeights,
  type RecoveryResult
} from './expression-recovery'
import { solverRecovery, type SolverRecoveryResult } from './solver-recovery'
import { calibrateAvatar } from '../src/main/core/drive/calibrate-avatar'
import { createFaceEmbedder, embeddingCosine, type FaceEmbedder } from './face-identity-embedding'

const ROOT = process.cwd()
const DATA = resolve(ROOT, '..', 'shared', 'data')
const OUT = resolve(ROOT, 'bench-results')
const SHEETS = join(OUT, 'expression-sheets')
const FOOTAGE_CACHE = join(OUT, 'expression-reach-footage.json')
const SIZE = 512
const TILE = 256
const REACH_TARGET = 1
const IDENTITY_TARGET = 0.85

/**
 * The sheets' mixtures; directions the pack lacks are left out. joy: a full smile (which carries the eyes' narrowing
 * from below, the cheek raise) and the outer brows lifting a little (Duchenne); surprise: the jaw dropped, eyes wide, all brows up;
 * anger: brows drawn together and down, corners down, eyes narrowed, a slight sneer.
 */
const MIXTURES: readonly (readonly [string, Readonly<Record<string, number>>])[] = [
  ['joy', { smile: 1, browOuterUp: 0.25 }],
  ['surprise', { jawOpen: 0.6, eyesWide: 1, browInnerUp: 0.8, browOuterUp: 0.8 }],
  ['anger', { browFurrow: 1, frown: 0.6, squint: 0.5, noseSneer: 0.3 }]
]

const args = process.argv.slice(2)
const flag = (name: string): boolean => args.includes(name)
const portraitsArg = args.indexOf('--portraits')
const portraitLimit = portraitsArg >= 0 ? Math.max(1, Number(args[portraitsArg + 1]) || 1) : Infinity
const onlyArg = args.indexOf('--only')
const onlyNames = onlyArg >= 0 ? new Set((args[onlyArg + 1] ?? '').split(',')) : null
const doSheets = !flag('--no-sheets')
const doIdentity = !flag('--no-identity')
const doRecovery = !flag('--no-recovery')
const freshFootage = flag('--fresh-footage')

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b)
  return s.length ? s[Math.floor(s.length / 2)]! : NaN
}
const quantile = (v: readonly number[], q: number): number => {
  const s = [...v].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))]! : NaN
}
const mean = (v: readonly number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN)
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d

/**
 * 95th percentiles of a reading's change from its clip's median: increases (up) and decreases (down), cm; over
 * all frames, and over the frames outside blinks (blinkFrames; the median of those frames) as upOpen, downOpen.
 */
type Footage = Record<
  ReadingName,
  {
    up: number
    down: number
    frames: number
    upOpen: number
    downOpen: number
    framesOpen: number
    /** The same over all frames as shares of the clip's median (relativeChange; NaN where it has none). */
    upShare: number
    downShare: number
  }
>

/**
 * Each frame's change from the median of the frames' reading, split into increases and decreases (cm); with
 * `shares`, also as shares of that median (relativeChange) where it has them.
 */
function changesFromMedian(
  values: readonly number[],
  ups: number[],
  downs: number[],
  shares?: { ups: number[]; downs: number[] }
): void {
  const med = median(values)
  for (const x of values) {
    if (x >= med) ups.push(x - med)
    else downs.push(med - x)
    const share = shares ? relativeChange(x, med) : null
    if (share === null || !shares) continue
    if (share >= 0) shares.ups.push(share)
    else shares.downs.push(-share)
  }
}

/**
 * The footage percentiles, from the cache when the clips (names, sizes, mtimes) and the reading definitions
 * (readingsFingerprint) are unchanged, else by tracking every clip with the analysis.
 */
async function footageMotion(): Promise<{ footage: Footage; cached: boolean; clips: number }> {
  const dir = join(DATA, 'driving')
  const clips = readdirSync(dir)
    .filter((f) => /\.(mp4|mov|webm|mkv)$/i.test(f))
    .sort()
  const key = createHash('sha256')
    .update(
      JSON.stringify(
        clips.map((f) => {
          const s = statSync(join(dir, f))
          return [f, s.size, s.mtimeMs]
        })
      )
    )
    .update(readingsFingerprint())
    .digest('hex')
  if (!freshFootage && existsSync(FOOTAGE_CACHE)) {
    const cache = JSON.parse(readFileSync(FOOTAGE_CACHE, 'utf8')) as { key?: string; footage?: Footage }
    if (cache.key === key && cache.footage)
      return { footage: cache.footage, cached: true, clips: clips.length }
  }
  const ups = new Map<ReadingName, number[]>(READING_NAMES.map((r) => [r, []]))
  const downs = new Map<ReadingName, number[]>(READING_NAMES.map((r) => [r, []]))
  const upsOpen = new Map<ReadingName, number[]>(READING_NAMES.map((r) => [r, []]))
  const downsOpen = new Map<ReadingName, number[]>(READING_NAMES.map((r) => [r, []]))
  const shares = new Map(READING_NAMES.map((r) => [r, { ups: [] as number[], downs: [] as number[] }]))
  let blinkCount = 0
  for (const clip of clips) {
    const t0 = performance.now()
    // The tracker keeps no pixels; this frame source remembers the frame being analysed for the iris run.
    const latest: { frame: VideoFrame | null } = { frame: null }
    const frames: Readings[] = []
    for await (const f of trackVideoFaces(join(dir, clip), {
      frameSource: async function* (path, options) {
        for await (const frame of decodeVideoFrames(path, { ...options, reuseBuffers: true })) {
          latest.frame = frame
          yield frame
        }
      }
    })) {
      const frame = latest.frame
      if (f.face && frame) frames.push(await faceReadings({ data: frame.rgb, ...f }, f.face))
    }
    const blinking = blinkFrames(frames)
    blinkCount += blinking.filter(Boolean).length
    for (const r of READING_NAMES) {
      const defined = (m: Readings): m is Readings & Record<typeof r, number> => m[r] !== undefined
      changesFromMedian(
        frames.filter(defined).map((m) => m[r]),
        ups.get(r)!,
        downs.get(r)!,
        shares.get(r)!
      )
      changesFromMedian(
        frames.filter((m, i) => !blinking[i] && defined(m)).map((m) => m[r]!),
        upsOpen.get(r)!,
        downsOpen.get(r)!
      )
    }
    console.log(
      `  tracked ${clip}: ${frames.length} frames with a face (${blinking.filter(Boolean).length} in blinks), ${round(performance.now() - t0, 0)} ms`
    )
  }
  const footage = Object.fromEntries(
    READING_NAMES.map((r) => [
      r,
      {
        up: quantile(ups.get(r)!, 0.95),
        down: quantile(downs.get(r)!, 0.95),
        frames: ups.get(r)!.length + downs.get(r)!.length,
        upOpen: quantile(upsOpen.get(r)!, 0.95),
        downOpen: quantile(downsOpen.get(r)!, 0.95),
        framesOpen: upsOpen.get(r)!.length + downsOpen.get(r)!.length,
        upShare: quantile(shares.get(r)!.ups, 0.95),
        downShare: quantile(shares.get(r)!.downs, 0.95)
      }
    ])
  ) as Footage
  mkdirSync(OUT, { recursive: true })
  writeFileSync(
    FOOTAGE_CACHE,
    JSON.stringify({ key, date: new Date().toISOString(), clips, blinkFrames: blinkCount, footage }, null, 2)
  )
  return { footage, cached: false, clips: clips.length }
}

/** One render at SIZE, its analysis and readings. */
interface Measured {
  readonly frame: RenderedFrame
  readonly face: FaceAnalysis | null
  readonly readings: Readings | null
}

/** Renders of one avatar, each expression rendered and analysed once (reach, recovery and sheets share them). */
function renderCache(
  avatar: Avatar,
  gaze: boolean
): (expression: Readonly<Record<string, number>>) => Promise<Measured> {
  const cache = new Map<string, Promise<Measured>>()
  return (expression) => {
    const key = JSON.stringify(Object.entries(expression).sort(([a], [b]) => a.localeCompare(b)))
    let hit = cache.get(key)
    if (!hit) {
      hit = (async () => {
        const frame = await renderFrame(avatar, { expression: { ...expression }, width: SIZE, height: SIZE })
        const face = await analyzeRenderedFrame(frame)
        const readings = face ? await faceReadings(analysisImageOf(frame), face, gaze) : null
        return { frame, face, readings }
      })()
      cache.set(key, hit)
    }
    return hit
  }
}

interface PortraitRow {
  readonly portrait: string
  /** direction -> reach at +1 / −1 (null: not measured there). */
  readonly reach: Record<string, { plus: number | null; minus: number | null }>
  /** direction -> identity cosine of the +1 render to the neutral render. */
  readonly identity: Record<string, number | null>
  readonly recovery: RecoveryResult | null
  readonly solverRecovery: SolverRecoveryResult | null
  readonly ms: number
  /** Wall time of each stage, ms (renders and analyses are counted where they are first needed). */
  readonly stageMs: Record<string, number>
}

interface SideSummary {
  /** measured; no reading (the reading was never found, e.g. no irises); one-sided; no measure (no reading defined). */
  readonly status: 'measured' | 'no reading' | 'one-sided' | 'no measure'
  readonly reading: ReadingName | null
  readonly median: number | null
  readonly min: number | null
  readonly wrongSign: number
  readonly portraits: number
}

const fmt = (x: number | null | undefined, d = 2): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d)

async function main(): Promise<void> {
  if (!existsSync(join(DATA, 'driving')) || !existsSync(join(DATA, 'portraits'))) {
    console.log(`skipped: the shared dev data is absent (${DATA})`)
    return
  }
  const started = performance.now()
  mkdirSync(OUT, { recursive: true })
  if (doSheets) mkdirSync(SHEETS, { recursive: true })

  const footageRun = await footageMotion()
  const { footage } = footageRun
  console.log(
    `footage: ${footageRun.clips} clips${footageRun.cached ? ' (cached)' : ''}; 95th percentile of the change from each clip’s median, cm:`
  )
  for (const r of READING_NAMES)
    console.log(
      `  ${r.padEnd(13)} up ${fmt(footage[r].up, 3)}  down ${fmt(footage[r].down, 3)}  (${footage[r].frames} frames); ` +
        `outside blinks up ${fmt(footage[r].upOpen, 3)}  down ${fmt(footage[r].downOpen, 3)}  (${footage[r].framesOpen} frames)` +
        (r.startsWith('eyeOpen')
          ? `; as shares of the median up ${fmt(footage[r].upShare, 3)}  down ${fmt(footage[r].downShare, 3)}`
          : '')
    )

  const engine = await createEngine()
  const names = engine.directionNames
  // A direction the pack declares one-sided (0..1) has no −1 to measure, whatever its reading.
  const oneSided = new Set(
    engine.pack.manifest.expression.directions.filter((d) => d.oneSided).map((d) => d.name)
  )
  const specs = new Map(
    names.map((n) => {
      const spec = reachSpecOf(n)
      return [n, spec && oneSided.has(n) ? { ...spec, minus: null } : spec]
    })
  )
  const gaze = [...specs.values()].some(readsGaze) // the iris run only where a direction needs it
  const weights = meshAreaWeights(engine)
  const embedder: FaceEmbedder | null = doIdentity ? await createFaceEmbedder() : null
  const portraits = readdirSync(join(DATA, 'portraits'))
    .filter((f) => /\.(png|jpe?g|webp)$/i.test(f))
    .filter((f) => onlyNames == null || onlyNames.has(f.replace(/\.[^.]+$/, '')))
    .sort()
    .slice(0, portraitLimit)
    .map((f) => join(DATA, 'portraits', f))
  console.log(
    `${names.length} directions from the pack (${names.join(', ')}); ${portraits.length} portraits; ${SIZE} px renders`
  )

  /** Reach of one side: the reading's change × its sign over the footage's size on that side. */
  const reachOf = (neutral: Readings, m: Readings | null, s: ReachSide): number | null => {
    const a = neutral[s.reading]
    const b = m?.[s.reading]
    if (a === undefined || b === undefined) return null
    const f = footage[s.reading]
    if (s.relative) {
      // The share of the neutral render's reading, against the footage's share of its clips' medians.
      const share = relativeChange(b, a)
      const real = s.sign > 0 ? f.upShare : f.downShare
      return share !== null && real > 0 ? (share * s.sign) / real : null
    }
    const real = s.outsideBlinks ? (s.sign > 0 ? f.upOpen : f.downOpen) : s.sign > 0 ? f.up : f.down
    return real > 0 ? ((b - a) * s.sign) / real : null
  }

  const rows: PortraitRow[] = []
  /** Each portrait's neutral-render descriptor and +1-render descriptors (for the centred identity cosine). */
  const descriptors: { neutral: Float32Array; plus: Map<string, Float32Array> }[] = []
  const skipped: string[] = []
  for (const path of portraits) {
    const t0 = performance.now()
    const name = basename(path).replace(/\.[^.]+$/, '')
    // As avatarFromFile builds it (decode at the working size, analyse there, build), keeping the analysis
    // for the personal gains of the recovery.
    const decoded = await decodeImage(path, { maxSide: SIZE })
    const working = { ...decoded, originalWidth: decoded.width, originalHeight: decoded.height, scale: 1 }
    const source = (await analyzeImage(working).catch(() => []))[0]
    if (!source) {
      console.log(`${name}: no face in the portrait, skipped`)
      skipped.push(name)
      continue
    }
    const avatar = await createAvatar(
      { data: working.data, width: working.width, height: working.height },
      source,
      engine
    )
    const measure = renderCache(avatar, gaze)
    const neutral = await measure({})
    if (!neutral.face || !neutral.readings) {
      console.log(`${name}: no face in the neutral render, skipped`)
      skipped.push(name)
      continue
    }

    const stageMs: Record<string, number> = {}
    let mark = t0
    const stage = (label: string): void => {
      const now = performance.now()
      stageMs[label] = round(now - mark, 0)
      mark = now
    }
    stage('avatar')
    const reach: PortraitRow['reach'] = {}
    for (const n of names) {
      const spec = specs.get(n)
      const plus = await measure({ [n]: 1 })
      const minus = spec?.minus ? await measure({ [n]: -1 }) : null
      reach[n] = {
        plus: spec ? reachOf(neutral.readings, plus.readings, spec.plus) : null,
        minus: spec?.minus && minus ? reachOf(neutral.readings, minus.readings, spec.minus) : null
      }
    }

    stage('reach')
    const identity: PortraitRow['identity'] = {}
    if (embedder) {
      const embed = (m: Measured): Promise<Float32Array> | null =>
        m.face ? embedder.embed(m.frame.rgba, m.frame.width, m.frame.height, 4, m.face.landmarks) : null
      const ref = await embed(neutral)
      const plus = new Map<string, Float32Array>()
      for (const n of names) {
        const d = ref ? await embed(await measure({ [n]: 1 })) : null
        identity[n] = ref && d ? round(embeddingCosine(d, ref), 3) : null
        if (d) plus.set(n, d)
      }
      if (ref) descriptors.push({ neutral: ref, plus })
    }

    stage('identity')
    const recovery = doRecovery
      ? await expressionRecovery({
          names,
          fields: avatarFields(engine, source),
          weights,
          base: neutral.face.canonicalLandmarks,
          oneSided,
          measure: async (expression) => (await measure(expression)).face
        })
      : null
    // The same question through the product's driving solver, on codes away from its calibration points.
    const driven = doRecovery
      ? await solverRecovery(
          await calibrateAvatar(avatar),
          neutral.face,
          async (e) => (await measure(e)).face
        )
      : null

    stage('recovery')
    if (doSheets) {
      const sheet: SheetTile[][] = []
      const perRow = 3 // directions per row, three tiles each
      for (let i = 0; i < names.length; i += perRow) {
        const row: SheetTile[] = []
        for (const n of names.slice(i, i + perRow)) {
          for (const v of [-1, 0.5, 1]) {
            const m = await measure({ [n]: v })
            row.push({ picture: m.frame, label: `${n} ${v > 0 ? '+' : '−'}${Math.abs(v)}` })
          }
        }
        sheet.push(row)
      }
      const mixtureRow: SheetTile[] = [{ picture: neutral.frame, label: `${name} neutral` }]
      for (const [label, mix] of MIXTURES) {
        const expression = Object.fromEntries(Object.entries(mix).filter(([n]) => names.includes(n)))
        if (Object.keys(expression).length)
          mixtureRow.push({ picture: (await measure(expression)).frame, label })
      }
      sheet.push(mixtureRow)
      await writeContactSheet(sheet, join(SHEETS, `${name}.png`), { tile: TILE, groupColumns: 3 })
    }

    if (doSheets) stage('sheets')
    const row: PortraitRow = {
      portrait: name,
      reach,
      identity,
      recovery,
      solverRecovery: driven,
      ms: round(performance.now() - t0, 0),
      stageMs
    }
    rows.push(row)
    const short = names.map((n) => `${n} ${fmt(reach[n]!.plus, 1)}/${fmt(reach[n]!.minus, 1)}`).join(', ')
    const ids = Object.values(identity).filter((x): x is number => x !== null)
    console.log(
      `${name} (${row.ms} ms: ${Object.entries(stageMs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}): reach +1/−1 ${short}` +
        (ids.length ? `; identity min ${fmt(Math.min(...ids), 3)}` : '') +
        (recovery ? `; recovery cos ${fmt(recovery.cosineMean, 3)}` : '') +
        (driven
          ? `; through the driving solver ${fmt(driven.cosineMean, 3)} (singles ${fmt(driven.singlesMean, 3)}, mixtures ${fmt(driven.mixturesMean, 3)})`
          : '')
    )
  }

  // Identity centred on the mean neutral-render descriptor of the portraits run (the raw cosine of this network is
  // high for anyone: 0.80–0.87 median between different dev portraits, docs/engine-measurements.md).
  const centre = new Float32Array(128)
  for (const d of descriptors) d.neutral.forEach((x, i) => (centre[i] += x / descriptors.length))
  const centredCosine = (a: Float32Array, b: Float32Array): number =>
    embeddingCosine(
      Float32Array.from(a, (x, i) => x - centre[i]!),
      Float32Array.from(b, (x, i) => x - centre[i]!)
    )

  // Per-direction summary
  const summary = names.map((n) => {
    const spec = specs.get(n) ?? null
    const side = (key: 'plus' | 'minus', s: ReachSide | null | undefined): SideSummary => {
      const none = { reading: null, median: null, min: null, wrongSign: 0, portraits: 0 }
      if (!spec) return { ...none, status: 'no measure' }
      if (!s) return { ...none, status: 'one-sided' }
      const v = rows.map((r) => r.reach[n]![key]).filter((x): x is number => x !== null)
      return {
        status: v.length ? 'measured' : 'no reading',
        reading: s.reading,
        median: v.length ? round(median(v)) : null,
        min: v.length ? round(Math.min(...v)) : null,
        wrongSign: v.filter((x) => x < 0).length,
        portraits: v.length
      }
    }
    const ids = rows.map((r) => r.identity[n]).filter((x): x is number => x !== null && x !== undefined)
    // (only with enough portraits for a centre; with one, the centre is its own neutral descriptor)
    const centred = (descriptors.length >= 5 ? descriptors : []).flatMap((d) => {
      const p = d.plus.get(n)
      return p ? [centredCosine(p, d.neutral)] : []
    })
    return {
      name: n,
      plus: side('plus', spec?.plus),
      minus: side('minus', spec?.minus),
      identity: ids.length
        ? {
            mean: round(mean(ids), 3),
            min: round(Math.min(...ids), 3),
            portraits: ids.length,
            centredMean: centred.length ? round(mean(centred), 3) : null,
            centredMin: centred.length ? round(Math.min(...centred), 3) : null
          }
        : null
    }
  })

  const cell = (s: SideSummary, key: 'median' | 'min'): string =>
    s.status === 'measured' ? fmt(s[key]) : key === 'min' ? '' : s.status
  const wrong = (s: SideSummary): string => (s.status === 'measured' ? String(s.wrongSign) : '–')
  console.log(
    `\n${'direction'.padEnd(14)} ${'reading +1 / −1'.padEnd(27)} ${'reach +1'.padStart(9)} ${'reach −1'.padStart(10)} ` +
      `${'min +1'.padStart(7)} ${'min −1'.padStart(7)} ${'wrong sign +/−'.padStart(15)} ${'identity mean'.padStart(14)} ${'min'.padStart(6)} ${'centred mean'.padStart(13)} ${'min'.padStart(6)}`
  )
  for (const s of summary) {
    // A relative side (a share of the neutral reading, see ReachSide.relative) is marked "share".
    const label = (r: ReadingName | null, side: ReachSide | null | undefined): string =>
      `${r ?? '–'}${r && side?.relative ? ' share' : ''}`
    const spec = specs.get(s.name)
    const readings = `${label(s.plus.reading, spec?.plus)} / ${label(s.minus.reading, spec?.minus)}`
    console.log(
      `${s.name.padEnd(14)} ${readings.padEnd(27)} ${cell(s.plus, 'median').padStart(9)} ${cell(s.minus, 'median').padStart(10)} ` +
        `${cell(s.plus, 'min').padStart(7)} ${cell(s.minus, 'min').padStart(7)} ${`${wrong(s.plus)} / ${wrong(s.minus)}`.padStart(15)} ` +
        `${fmt(s.identity?.mean, 3).padStart(14)} ${fmt(s.identity?.min, 3).padStart(6)} ` +
        `${fmt(s.identity?.centredMean, 3).padStart(13)} ${fmt(s.identity?.centredMin, 3).padStart(6)}`
    )
  }

  // Targets
  const measured = summary.flatMap((s) =>
    [s.plus, s.minus].flatMap((x, i) =>
      x.status === 'measured' || x.status === 'no reading'
        ? [{ ...x, name: `${s.name} ${i ? '−1' : '+1'}` }]
        : []
    )
  )
  const lowReach = measured.filter((x) => !(x.median !== null && x.median >= REACH_TARGET)).map((x) => x.name)
  const wrongSign = measured.filter((x) => x.wrongSign > 0).map((x) => `${x.name} (${x.wrongSign})`)
  const lowIdentity = summary
    .filter((s) => s.identity && s.identity.min < IDENTITY_TARGET)
    .map((s) => `${s.name} (min ${fmt(s.identity!.min, 3)})`)
  const noMeasure = summary.filter((s) => s.plus.status === 'no measure').map((s) => s.name)
  const recoveries = rows.flatMap((r) => (r.recovery ? [r.recovery.cosineMean] : []))
  const recoveryMean = recoveries.length ? round(mean(recoveries), 3) : null
  const offMesh = rows.find((r) => r.recovery)?.recovery?.offMesh ?? []
  const driven = rows.flatMap((r) => (r.solverRecovery ? [r.solverRecovery] : []))
  const drivenMean = (pick: (r: SolverRecoveryResult) => number): number | null =>
    driven.length ? round(mean(driven.map(pick)), 3) : null
  const targets = {
    reachMedianAtLeast: REACH_TARGET,
    belowReachTarget: lowReach,
    wrongSign,
    identityAtLeast: IDENTITY_TARGET,
    belowIdentityTarget: lowIdentity,
    recoveryCosineAtLeast: RECOVERY_TARGET,
    recoveryCosineMean: recoveryMean,
    recoveryCosineMin: recoveries.length ? round(Math.min(...recoveries), 3) : null,
    recoveryLeftOut: offMesh,
    solverRecoveryCosineMean: drivenMean((r) => r.cosineMean),
    solverRecoverySinglesMean: drivenMean((r) => r.singlesMean),
    solverRecoveryMixturesMean: drivenMean((r) => r.mixturesMean),
    noMeasure
  }
  console.log(
    `\nreach median ≥ ${REACH_TARGET}: ${lowReach.length ? `below on ${lowReach.join(', ')}` : 'all met'}`
  )
  console.log(`wrong sign: ${wrongSign.length ? wrongSign.join(', ') : 'none'}`)
  if (embedder)
    console.log(
      `identity (+1 vs neutral render) ≥ ${IDENTITY_TARGET} on every portrait: ${lowIdentity.length ? `below on ${lowIdentity.join(', ')}` : 'all met'}`
    )
  if (recoveryMean !== null)
    console.log(
      `recovery: mean cosine ${fmt(recoveryMean, 3)} over ${recoveries.length} portraits (min ${fmt(targets.recoveryCosineMin, 3)}; target ≥ ${RECOVERY_TARGET})` +
        (offMesh.length ? `; left out (no displacement on the mesh): ${offMesh.join(', ')}` : '')
    )
  if (driven.length)
    console.log(
      `recovery through the driving solver (codes off its calibration points): mean cosine ${fmt(targets.solverRecoveryCosineMean, 3)} (singles ${fmt(targets.solverRecoverySinglesMean, 3)}, mixtures ${fmt(targets.solverRecoveryMixturesMean, 3)}) over ${driven.length} portraits; target ≥ ${RECOVERY_TARGET}`
    )
  if (noMeasure.length) console.log(`no measure: ${noMeasure.join(', ')}`)
  if (skipped.length) console.log(`skipped portraits: ${skipped.join(', ')}`)
  const totalMs = round(performance.now() - started, 0)
  const cpu = process.cpuUsage()
  const cpuMs = round((cpu.user + cpu.system) / 1000, 0)
  console.log(
    `${rows.length} portraits in ${round(totalMs / 1000, 1)} s wall, ${round(cpuMs / 1000, 1)} s CPU` +
      (footageRun.cached ? '' : ' (footage tracking included)')
  )

  writeFileSync(
    join(OUT, 'expression-reach.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        size: SIZE,
        directions: names,
        readings: READING_NOTES,
        mixtures: Object.fromEntries(MIXTURES),
        footage,
        targets,
        summary,
        skipped,
        totalMs,
        cpuMs,
        portraits: rows
      },
      null,
      2
    )
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
