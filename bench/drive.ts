// Driving benchmark: every clip in ../shared/data/driving drives three portraits of other people (the fixture
// and two dev portraits); the driver and each output are read by the project's own analysis and compared.
// Run: npm run bench:drive [-- --quick] [--portraits a.png,b.jpg] [--clips lp_d3,lp_d9]
// Prints a table and writes bench-results/drive.json. Skips with a message when ../shared/data is absent.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { trackVideoFaces, type VideoFrame } from '../src/main/core/analysis/analyze-video'
import { analysisImageOf, analyzeRenderedFrame } from '../src/main/core/analysis/analyze-rendered-frame'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { driveAvatar, performanceDocument } from '../src/main/core/drive/drive-avatar'
import {
  measureFace,
  FACE_MEASURE_NAMES,
  withIrises,
  type FaceMeasures
} from '../src/main/core/drive/face-measures'
import { trackDriver, type DriverFace, type DriverTrack } from '../src/main/core/drive/track-driver'
import { createEngine, renderFrame, type Avatar } from '../src/main/core/engine/engine'
import { decodeVideoFrames } from '../src/main/core/media/decode-video-frames'
import { avatarFromFile } from '../src/main/core/render/avatar-from-file'
import { exportDocument } from '../src/main/core/render/export-document'
import { evaluate } from '../src/shared/timeline/evaluate'
import { seconds } from '../src/shared/timeline/units'
import { createFaceEmbedder, embeddingCosine, type FaceEmbedder } from './face-identity-embedding'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
// Run from the repository root, as npm scripts are.
const ROOT = process.cwd()
const DATA = resolve(ROOT, '..', 'shared', 'data')
const FIXTURE = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
const SIZE = 512
const IDENTITY_SAMPLES = quick ? 3 : 6

type SeriesName = 'yaw' | 'pitch' | 'roll' | keyof FaceMeasures
const SERIES: readonly SeriesName[] = ['yaw', 'pitch', 'roll', ...FACE_MEASURE_NAMES]
/** Targets of the issue: r ≥ 0.9 for these, ≥ 0.7 for the rest. */
const STRICT: ReadonlySet<SeriesName> = new Set(['yaw', 'pitch', 'mouthOpen', 'eyeOpenR', 'eyeOpenL'])

const mean = (v: readonly number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN)
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d
const quantile = (v: readonly number[], q: number): number => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] ?? NaN
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const pairs = a.flatMap((x, i) => (Number.isFinite(x) && Number.isFinite(b[i]!) ? [[x, b[i]!]] : []))
  if (pairs.length < 3) return NaN
  const ma = mean(pairs.map((p) => p[0]!))
  const mb = mean(pairs.map((p) => p[1]!))
  let sab = 0
  let saa = 0
  let sbb = 0
  for (const [x, y] of pairs) {
    sab += (x! - ma) * (y! - mb)
    saa += (x! - ma) ** 2
    sbb += (y! - mb) ** 2
  }
  return sab / Math.sqrt(saa * sbb || 1)
}

/** Range (5th to 95th percentile) of a series. */
const range = (v: readonly number[]): number => quantile(v, 0.95) - quantile(v, 0.05)

/** Mean absolute second difference: frame-to-frame jitter. */
function jitter(v: readonly number[]): number {
  const d: number[] = []
  for (let i = 1; i + 1 < v.length; i++) {
    const x = v[i - 1]! - 2 * v[i]! + v[i + 1]!
    if (Number.isFinite(x)) d.push(Math.abs(x))
  }
  return mean(d)
}

interface Reading {
  angles: [number, number, number] | null
  measures: FaceMeasures | null
}

function readFace(face: { canonical: ArrayLike<number>; angles: [number, number, number] } | null): Reading {
  return face == null
    ? { angles: null, measures: null }
    : { angles: face.angles, measures: measureFace(face.canonical) }
}

/** Absolute head angles of the analysis (degrees), as HeadPose reports them, from a rotation matrix. */
function poseAngles(r: ArrayLike<number>): [number, number, number] {
  const deg = 180 / Math.PI
  // R = Ry(yaw) Rx(-pitch) Rz(roll): r02 = sin(yaw)cos(pitch) ... use the standard decomposition.
  const yaw = Math.atan2(r[2]!, r[8]!) * deg
  const pitch = -Math.asin(Math.max(-1, Math.min(1, -r[5]!))) * deg
  const roll = Math.atan2(r[3]!, r[4]!) * deg
  return [yaw, pitch, roll]
}

function seriesOf(readings: readonly Reading[], name: SeriesName): number[] {
  return readings.map((r) => {
    if (name === 'yaw' || name === 'pitch' || name === 'roll') {
      return r.angles ? r.angles[name === 'yaw' ? 0 : name === 'pitch' ? 1 : 2] : NaN
    }
    return r.measures ? r.measures[name] : NaN
  })
}

/** Image-px landmarks (468 × 3, y down) of a tracked driver face, for the identity embedder. */
function imageLandmarks(face: DriverFace, height: number): Float32Array {
  const m = face.matrix
  const out = new Float32Array(468 * 3)
  for (let v = 0; v < 468; v++) {
    const [x, y, z] = [face.canonical[3 * v]!, face.canonical[3 * v + 1]!, face.canonical[3 * v + 2]!]
    out[3 * v] = m[0]! * x + m[1]! * y + m[2]! * z + m[3]!
    out[3 * v + 1] = -(m[4]! * x + m[5]! * y + m[6]! * z + m[7]!)
    out[3 * v + 2] = 0
  }
  void height
  return out
}

/** Blinks of a series of eye openings: runs of ≥ 2 frames below 60 % of the median opening. */
function blinks(open: readonly number[]): number[] {
  const med = quantile(open, 0.5)
  const out: number[] = []
  let run = 0
  open.forEach((v, i) => {
    if (Number.isFinite(v) && v < 0.6 * med) run++
    else {
      if (run >= 2) out.push(i - Math.ceil(run / 2))
      run = 0
    }
  })
  if (run >= 2) out.push(open.length - Math.ceil(run / 2))
  return out
}

function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0
  let n = 0
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) se += (a[i + c]! - b[i + c]!) ** 2
    n += 3
  }
  const mse = se / n
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse)
}

/** Rest proportions: eye-to-eye distance and mouth width, each over the face width (image px). */
function proportions(l: ArrayLike<number>): [number, number] {
  const d = (a: number, b: number): number => Math.hypot(l[3 * a]! - l[3 * b]!, l[3 * a + 1]! - l[3 * b + 1]!)
  const faceWidth = d(234, 454)
  return [d(33, 263) / faceWidth, d(61, 291) / faceWidth]
}

interface RunResult {
  clip: string
  portrait: string
  frames: number
  r: Record<string, number>
  amplitude: Record<string, number>
  identity: number
  drift: number
  referencePsnr: number
  restChangePct: number
  jitterRatio: number
  blinksDriver: number
  blinksFound: number
  keys: number
  driveMs: number
}

async function driverReadings(track: DriverTrack): Promise<Reading[]> {
  return track.faces.map((f) =>
    readFace(f ? { canonical: f.canonical, angles: poseAngles(f.rotation) } : null)
  )
}

async function driverEmbeddings(
  clip: string,
  track: DriverTrack,
  embedder: FaceEmbedder
): Promise<Float32Array[]> {
  const tracked = track.faces.flatMap((f, i) => (f ? [i] : []))
  const picks = new Set(
    Array.from(
      { length: IDENTITY_SAMPLES },
      (_, k) => tracked[Math.floor(((k + 0.5) * tracked.length) / IDENTITY_SAMPLES)]!
    )
  )
  const out: Float32Array[] = []
  for await (const frame of decodeVideoFrames(clip, { maxSide: 640 })) {
    if (!picks.has(frame.index)) continue
    const face = track.faces[frame.index]!
    out.push(
      await embedder.embed(frame.rgb, frame.width, frame.height, 3, imageLandmarks(face, frame.height))
    )
  }
  return out
}

async function run(
  clip: string,
  track: DriverTrack,
  driver: Reading[],
  driverIds: Float32Array[],
  avatar: Avatar,
  portrait: string,
  sourceId: Float32Array,
  sourceLandmarks: ArrayLike<number>,
  embedder: FaceEmbedder
): Promise<RunResult> {
  const t0 = performance.now()
  const driven = await driveAvatar(track, avatar)
  const driveMs = performance.now() - t0
  const document = performanceDocument(driven.performance, {
    expressionNames: avatar.engine.directionNames,
    fps: track.fps,
    width: SIZE,
    height: SIZE
  })
  // Render at the driver's own frame times, and read the renders with the same tracker as the driver.
  const rendered: { rgba: Uint8Array }[] = []
  const source = (): AsyncIterable<VideoFrame> => ({
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < track.times.length; i++) {
        const params = evaluate(document, seconds(track.times[i]!))
        const frame = await renderFrame(avatar, {
          expression: params.expression,
          camera: params.camera,
          width: SIZE,
          height: SIZE
        })
        rendered[i] =
          frame.rgba.length > 0 && identitySampleIndex(i, track)
            ? { rgba: frame.rgba.slice() }
            : { rgba: new Uint8Array(0) }
        yield {
          index: i,
          timeSec: track.times[i]!,
          rgb: analysisImageOf(frame).data,
          width: SIZE,
          height: SIZE
        }
      }
    }
  })
  const outReadings: Reading[] = []
  const outLandmarks: (Float32Array | null)[] = []
  for await (const f of trackVideoFaces(clip, { frameSource: source })) {
    outReadings.push(
      readFace(
        f.face
          ? {
              // With the irises, as the driver's track carries them: without, the output's gaze read 0.
              canonical: withIrises(f.face.canonicalLandmarks, f.face.canonicalIrises),
              angles: [f.face.pose.yaw, f.face.pose.pitch, f.face.pose.roll]
            }
          : null
      )
    )
    outLandmarks.push(f.face ? f.face.landmarks : null)
  }
  const r: Record<string, number> = {}
  const amplitude: Record<string, number> = {}
  let jitterOut = 0
  let jitterIn = 0
  for (const name of SERIES) {
    const a = seriesOf(driver, name)
    const b = seriesOf(outReadings, name)
    r[name] = round(pearson(a, b), 3)
    amplitude[name] = round(range(b) / range(a), 2)
    if (name !== 'yaw' && name !== 'pitch' && name !== 'roll') {
      jitterIn += jitter(a) / (range(a) || 1)
      jitterOut += jitter(b) / (range(a) || 1)
    }
  }
  // Identity: output frames against the source, and drift toward the driver.
  const ids: number[] = []
  const towardDriver: number[] = []
  const sourceToDriver = mean(driverIds.map((d) => embeddingCosine(sourceId, d)))
  for (let i = 0; i < rendered.length; i++) {
    const frame = rendered[i]
    const lm = outLandmarks[i]
    if (!frame || frame.rgba.length === 0 || !lm) continue
    const e = await embedder.embed(frame.rgba, SIZE, SIZE, 4, lm)
    ids.push(embeddingCosine(e, sourceId))
    towardDriver.push(mean(driverIds.map((d) => embeddingCosine(e, d))))
  }
  // No shape leak: the render at the driver's reference frame against the zero-code render.
  const ref = driven.referenceIndex
  const refParams = evaluate(document, seconds(track.times[ref]!))
  const atRef = await renderFrame(avatar, {
    expression: refParams.expression,
    camera: refParams.camera,
    width: SIZE,
    height: SIZE
  })
  const zero = await renderFrame(avatar, { width: SIZE, height: SIZE })
  const refFace = await analyzeRenderedFrame(atRef)
  const restSource = proportions(sourceLandmarks)
  const restRef = refFace ? proportions(refFace.landmarks) : [NaN, NaN]
  const restChangePct = Math.max(
    ...restRef.map((x, k) => (100 * Math.abs(x - restSource[k]!)) / restSource[k]!)
  )
  // Blinks of either eye.
  const open = (rs: Reading[]): number[] =>
    rs.map((x) => (x.measures ? (x.measures.eyeOpenL + x.measures.eyeOpenR) / 2 : NaN))
  const driverBlinks = blinks(open(driver))
  const outOpen = open(outReadings)
  const outMed = quantile(outOpen, 0.5)
  const found = driverBlinks.filter((i) =>
    outOpen.slice(Math.max(0, i - 3), i + 4).some((v) => v < 0.8 * outMed)
  ).length
  return {
    clip: basename(clip),
    portrait: basename(portrait),
    frames: track.faces.length,
    r,
    amplitude,
    identity: round(mean(ids), 3),
    drift: round(mean(towardDriver) - sourceToDriver, 3),
    referencePsnr: round(psnr(atRef.rgba, zero.rgba), 1),
    restChangePct: round(restChangePct, 2),
    jitterRatio: round(jitterOut / (jitterIn || 1), 2),
    blinksDriver: driverBlinks.length,
    blinksFound: found,
    keys: driven.keys,
    driveMs: Math.round(driveMs)
  }
}

function identitySampleIndex(i: number, track: DriverTrack): boolean {
  const step = Math.max(1, Math.floor(track.times.length / IDENTITY_SAMPLES))
  return i % step === Math.floor(step / 2)
}

async function speed(
  clip: string,
  avatar: Avatar,
  dir: string
): Promise<{ trackingFps: number; endToEndFps: number }> {
  const t0 = performance.now()
  const track = await trackDriver(clip)
  const t1 = performance.now()
  const driven = await driveAvatar(track, avatar)
  const document = performanceDocument(driven.performance, {
    expressionNames: avatar.engine.directionNames,
    fps: track.fps,
    width: SIZE,
    height: SIZE
  })
  await exportDocument({
    avatar,
    document,
    width: SIZE,
    height: SIZE,
    fps: track.fps,
    outPath: join(dir, 'speed.mp4')
  })
  const t2 = performance.now()
  return {
    trackingFps: round(track.faces.length / ((t1 - t0) / 1000), 1),
    endToEndFps: round(track.faces.length / ((t2 - t0) / 1000), 1)
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(DATA, 'driving'))) {
    console.log(`skipped: no driving clips at ${join(DATA, 'driving')} (the shared dev data is absent)`)
    return
  }
  const clipFilter = argValue('--clips')?.split(',')
  let clips = readdirSync(join(DATA, 'driving'))
    .filter((f) => f.endsWith('.mp4'))
    .sort()
    .map((f) => join(DATA, 'driving', f))
    .filter((c) => !clipFilter || clipFilter.some((n) => basename(c).startsWith(n)))
  if (quick && !clipFilter) clips = clips.slice(0, 3)
  const portraitNames = argValue('--portraits')?.split(',') ?? ['dt_uncut.jpg', 'sad_people0.png']
  const portraits = [FIXTURE, ...portraitNames.map((p) => join(DATA, 'portraits', p))].slice(0, quick ? 2 : 3)
  const engine = await createEngine()
  const embedder = await createFaceEmbedder()
  const resourcesDir = resolveResourcesDir()
  let peakRss = 0
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200)
  const avatars: { path: string; avatar: Avatar; id: Float32Array; landmarks: ArrayLike<number> }[] = []
  for (const p of portraits) {
    const avatar = await avatarFromFile(p, { engine, resourcesDir, maxSide: SIZE })
    const zero = await renderFrame(avatar, { width: SIZE, height: SIZE })
    const face = await analyzeRenderedFrame(zero)
    if (!face) throw new Error(`${basename(p)}: the zero-code render shows no face`)
    avatars.push({
      path: p,
      avatar,
      id: await embedder.embed(zero.rgba, SIZE, SIZE, 4, face.landmarks),
      landmarks: face.landmarks
    })
  }
  const results: RunResult[] = []
  for (const clip of clips) {
    const track = await trackDriver(clip)
    const driver = await driverReadings(track)
    const driverIds = await driverEmbeddings(clip, track, embedder)
    for (const a of avatars) {
      const res = await run(clip, track, driver, driverIds, a.avatar, a.path, a.id, a.landmarks, embedder)
      results.push(res)
      console.log(
        `${res.clip} → ${res.portrait}: r ${SERIES.map((s) => `${s} ${res.r[s]}`).join(', ')}; identity ${res.identity}, drift ${res.drift}, ref PSNR ${res.referencePsnr} dB, rest ${res.restChangePct} %, jitter ×${res.jitterRatio}, blinks ${res.blinksFound}/${res.blinksDriver}, ${res.keys} keys`
      )
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-drive-'))
  const speedResult = await speed(clips[0]!, avatars[0]!.avatar, dir)
  rmSync(dir, { recursive: true, force: true })
  clearInterval(sample)

  const summary = Object.fromEntries(
    SERIES.map((s) => {
      const rs = results.map((x) => x.r[s]!).filter(Number.isFinite)
      const amps = results.map((x) => x.amplitude[s]!).filter(Number.isFinite)
      return [
        s,
        {
          r: round(mean(rs), 3),
          rMin: round(Math.min(...rs), 3),
          amplitude: round(quantile(amps, 0.5), 2),
          target: STRICT.has(s) ? 0.9 : 0.7
        }
      ]
    })
  )
  console.log('\nseries        mean r  min r   target  median amplitude (0.8–1.25)')
  for (const [s, v] of Object.entries(summary)) {
    console.log(
      `${s.padEnd(13)} ${String(v.r).padEnd(7)} ${String(v.rMin).padEnd(7)} ≥${v.target}   ${v.amplitude}`
    )
  }
  const totals = {
    identityMean: round(mean(results.map((x) => x.identity)), 3),
    driftMax: round(Math.max(...results.map((x) => x.drift)), 3),
    referencePsnrMin: round(Math.min(...results.map((x) => x.referencePsnr)), 1),
    restChangeMaxPct: round(Math.max(...results.map((x) => x.restChangePct)), 2),
    jitterRatioMedian: round(
      quantile(
        results.map((x) => x.jitterRatio),
        0.5
      ),
      2
    ),
    blinks: `${results.reduce((s, x) => s + x.blinksFound, 0)}/${results.reduce((s, x) => s + x.blinksDriver, 0)}`,
    ...speedResult,
    peakRssMB: Math.round(peakRss / 1e6)
  }
  console.log(
    `\nidentity ${totals.identityMean} (≥ 0.8), drift max ${totals.driftMax} (≤ 0.02), reference PSNR min ${totals.referencePsnrMin} dB (≥ 35), ` +
      `rest proportions max ${totals.restChangeMaxPct} % (< 1), jitter ratio median ${totals.jitterRatioMedian} (≤ 1), blinks ${totals.blinks}, ` +
      `tracking ${totals.trackingFps} fps (≥ 60), drive → 512² MP4 ${totals.endToEndFps} fps (≥ 30), peak RSS ${totals.peakRssMB} MB`
  )
  mkdirSync('bench-results', { recursive: true })
  writeFileSync(
    'bench-results/drive.json',
    JSON.stringify({ date: new Date().toISOString(), quick, summary, totals, results }, null, 2)
  )
  console.log('wrote bench-results/drive.json')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
