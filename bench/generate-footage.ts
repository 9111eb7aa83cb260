// Generated motion against real footage and through the renderer (issue 18's benchmark, the parts that need
// the shared clips and the engine). Used by bench/generate.ts; reads ../shared/data/driving at run time.
//
// - Real blinks: each driving clip tracked with the project's tracker; its lid closure per frame is
//   1 − eye opening ÷ the clip's median opening (both eyes, measureFace), and blinks are read from it with the
//   same reader as the generated lid curves, above the same floor.
// - Speech sync: each clip with sound becomes a recording; speech alone is generated from it and the jaw's
//   curve is correlated with the recording's loudness at lags of 0–2 frames (the mouth leads); silences over
//   300 ms must keep the mouth shut. The speaker's own tracked mouth opening against the same loudness is
//   printed beside it, for scale.
// - Rendered check: idle life under speech on a portrait, rendered frame by frame and read back by the
//   analysis: the blinks and the mouth motion must survive the render.
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../src/shared/engine/expression-directions'
import {
  DEFAULT_IDLE,
  generateIntoDocument,
  speechFeatures,
  type IdleLifeParams,
  type SpeechFeatures
} from '../src/shared/generate'
import { createDocument, evaluate, seconds, type AnimationDocument } from '../src/shared/timeline'
import { analysisImageOf, analyzeRenderedFrame } from '../src/main/core/analysis/analyze-rendered-frame'
import { analyzeImage } from '../src/main/core/analysis/analyze-image'
import { measureFace } from '../src/main/core/drive/face-measures'
import { trackDriver } from '../src/main/core/drive/track-driver'
import { createAvatar, createEngine, renderFrame } from '../src/main/core/engine/engine'
import { decodeImage } from '../src/main/core/image/decode-image'
import { ANALYSIS_SAMPLE_RATE, decodeAudioSamples } from '../src/main/core/media/decode-audio-samples'
import { defaultFfmpeg } from '../src/main/core/media/default-ffmpeg'
import { probeVideo } from '../src/main/core/media/probe-video'
import { faceReadings } from './expression-readings'
import { correlationAtLag } from '../test/support/correlation'
import { measureBlinks, type MeasuredBlink } from '../test/unit/generate/measure-blinks'

const ROOT = resolve(__dirname, '..')
export const DRIVING = resolve(ROOT, '..', 'shared', 'data', 'driving')
const PORTRAITS = resolve(ROOT, '..', 'shared', 'data', 'portraits')
const NAMES = BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name)

/** Closure (0 open … 1 shut) under which a lid counts as open: the tracker's frame-to-frame jitter. */
export const CLOSURE_FLOOR = 0.2
/** Silences longer than this (s) must keep the mouth shut, past the mouth's release at their start. */
const SILENCE_SEC = 0.3
const RELEASE_SEC = 0.15

export const mean = (values: readonly number[]): number =>
  values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

/** Blinks of a closure curve, read above `floor` (rescaled so that the floor reads as open). */
export function blinksAbove(closure: ArrayLike<number>, fps: number, floor = CLOSURE_FLOOR): MeasuredBlink[] {
  const lifted = Float64Array.from(closure, (c) => Math.max(0, (c - floor) / (1 - floor)))
  return measureBlinks(lifted, fps)
}

export interface RealBlinks {
  readonly clip: string
  /** Seconds with a tracked face. */
  readonly seconds: number
  readonly blinks: MeasuredBlink[]
}

/** Blinks of every driving clip, read from the tracked lids. */
export async function realBlinks(clips: readonly string[]): Promise<RealBlinks[]> {
  const out: RealBlinks[] = []
  for (const clip of clips) {
    const track = await trackDriver(join(DRIVING, clip))
    const open = track.faces.map((face) => {
      if (!face) return null
      const m = measureFace(face.canonical)
      return (m.eyeOpenL + m.eyeOpenR) / 2
    })
    const typical = median(open.filter((v): v is number => v !== null))
    const closure = open.map((v) => (v === null ? 0 : Math.min(1, Math.max(0, 1 - v / typical))))
    const seconds = open.filter((v) => v !== null).length / track.fps
    out.push({ clip, seconds, blinks: blinksAbove(closure, track.fps) })
  }
  return out
}

/** Generates `settings` over the whole of a `durationSec` document at `fps`; the document. */
function generated(
  durationSec: number,
  fps: number,
  idle: IdleLifeParams | null,
  seed: number,
  features?: SpeechFeatures
): AnimationDocument {
  const doc = createDocument({ expressionNames: NAMES, settings: { fps, durationSec: seconds(durationSec) } })
  return generateIntoDocument(doc, {
    settings: { seed, idle, emotions: [] },
    range: { from: 0, to: durationSec },
    directions: BUILTIN_EXPRESSION_DIRECTIONS,
    ...(features ? { speech: { features, startSec: 0 } } : {})
  }).document
}

/** One track's value at every frame of the document. */
export function curveOf(doc: AnimationDocument, name: string, camera = false): number[] {
  const { fps, durationSec } = doc.settings
  const frames = Math.round(durationSec * fps)
  return Array.from({ length: frames }, (_, f) => {
    const at = evaluate(doc, seconds(f / fps))
    return (camera ? at.camera[name as keyof typeof at.camera] : at.expression[name]) ?? 0
  })
}

export interface SpeechSync {
  readonly clip: string
  /** Share of the frames with voice: a clip with almost none is not speech (music, silence). */
  readonly voicedShare: number
  readonly seconds: number
  /** Best correlation of the generated jaw with the loudness over lags 0–2 frames, and its lag. */
  readonly best: number
  readonly lag: number
  /** The speaker's own tracked mouth opening against the same loudness (best lag −2…+2 frames). */
  readonly speaker: number | null
  readonly silences: number
  /** Largest jaw opening inside a silence past its release. */
  readonly jawInSilence: number
  /** Speech analysis time per second of sound, ms. */
  readonly analysisMsPerSec: number
}

/** Clips in ../shared/data/driving that have sound. */
export async function clipsWithSound(): Promise<string[]> {
  if (!existsSync(DRIVING)) return []
  const clips = readdirSync(DRIVING).filter((f) => f.endsWith('.mp4'))
  const probed = await Promise.all(
    clips.map(async (c) => ((await probeVideo(join(DRIVING, c))).hasAudio ? c : null))
  )
  return probed.filter((c): c is string => c !== null).sort()
}

/** Speech sync of every clip with sound, at 30 fps. */
export async function speechSync(clips: readonly string[], fps = 30): Promise<SpeechSync[]> {
  const ffmpeg = await defaultFfmpeg()
  const out: SpeechSync[] = []
  for (const clip of clips) {
    const samples = await decodeAudioSamples(join(DRIVING, clip), { ffmpeg })
    const started = performance.now()
    const features = speechFeatures(samples, ANALYSIS_SAMPLE_RATE, fps)
    const analysisMs = performance.now() - started
    const durationSec = features.loudness.length / fps
    const doc = generated(durationSec, fps, null, 1, features)
    const jaw = curveOf(doc, 'jawOpen')
    const lags = [0, 1, 2].map((lag) => ({ lag, r: correlationAtLag(jaw, features.loudness, lag) }))
    const best = lags.reduce((a, b) => (b.r > a.r ? b : a))
    const { silences, jawInSilence } = silenceCheck(features, jaw, fps)
    out.push({
      clip,
      voicedShare: features.voiced.reduce((a, v) => a + v, 0) / Math.max(1, features.voiced.length),
      seconds: durationSec,
      best: best.r,
      lag: best.lag,
      speaker: await speakerMouth(clip, features, fps),
      silences,
      jawInSilence,
      analysisMsPerSec: analysisMs / durationSec
    })
  }
  return out
}

function silenceCheck(features: SpeechFeatures, jaw: readonly number[], fps: number) {
  let silences = 0
  let jawInSilence = 0
  let f = 0
  while (f < features.voiced.length) {
    if (features.voiced[f]) {
      f++
      continue
    }
    const start = f
    while (f < features.voiced.length && !features.voiced[f]) f++
    if ((f - start) / fps <= SILENCE_SEC) continue
    silences++
    // The mouth closes over the release after the voice stops, and opens the lead before it starts again.
    for (let g = start + Math.round(RELEASE_SEC * fps); g < f - 2; g++)
      jawInSilence = Math.max(jawInSilence, jaw[g] ?? 0)
  }
  return { silences, jawInSilence }
}

/** The speaker's tracked mouth opening resampled to `fps`, correlated with the loudness (best of ±2 frames). */
async function speakerMouth(clip: string, features: SpeechFeatures, fps: number): Promise<number | null> {
  const track = await trackDriver(join(DRIVING, clip))
  const mouth: number[] = []
  for (let f = 0; f < features.loudness.length; f++) {
    const t = f / fps
    let nearest = 0
    for (let i = 1; i < track.times.length; i++)
      if (Math.abs(track.times[i]! - t) < Math.abs(track.times[nearest]! - t)) nearest = i
    const face = track.faces[nearest]
    mouth.push(face ? measureFace(face.canonical).mouthOpen : NaN)
  }
  const fill = median(mouth.filter(Number.isFinite))
  const filled = mouth.map((v) => (Number.isFinite(v) ? v : fill))
  return Math.max(...[-2, -1, 0, 1, 2].map((lag) => correlationAtLag(filled, features.loudness, lag)))
}

export interface RenderedCheck {
  readonly portrait: string
  readonly frames: number
  readonly generatedBlinks: number
  readonly renderedBlinks: number
  /** Mean duration of the blinks read back, ms (the same reader as the real clips'). */
  readonly renderedBlinkMs: number
  /** Largest lid closure read back (0 open … 1 shut, against the render's median opening). */
  readonly maxClosure: number
  /** Correlation of the rendered mouth opening (as the analysis reads it) with the generated jaw. */
  readonly mouth: number
}

/** Idle life under a clip's speech on a portrait, rendered at `size`² and read back. */
export async function renderedCheck(
  portrait: string,
  clip: string,
  size: number,
  fps = 30
): Promise<RenderedCheck | null> {
  const path = join(PORTRAITS, portrait)
  if (!existsSync(path)) return null
  const engine = await createEngine({ threads: 2 })
  const decoded = await decodeImage(path, { maxSide: 512 })
  const working = { ...decoded, originalWidth: decoded.width, originalHeight: decoded.height, scale: 1 }
  const source = (await analyzeImage(working))[0]
  if (!source) return null
  const avatar = await createAvatar(
    { data: working.data, width: working.width, height: working.height },
    source,
    engine
  )
  const samples = await decodeAudioSamples(join(DRIVING, clip), { ffmpeg: await defaultFfmpeg() })
  const features = speechFeatures(samples, ANALYSIS_SAMPLE_RATE, fps)
  const idle: IdleLifeParams = { ...DEFAULT_IDLE, blinkRate: 30 }
  const doc = generated(features.loudness.length / fps, fps, idle, 3, features)
  const jaw = curveOf(doc, 'jawOpen')
  const lid = curveOf(doc, 'blinkL')
  const eye: number[] = []
  const mouth: number[] = []
  for (let f = 0; f < jaw.length; f++) {
    const at = evaluate(doc, seconds(f / fps))
    const frame = await renderFrame(avatar, {
      expression: at.expression,
      camera: at.camera,
      width: size,
      height: size
    })
    const face = await analyzeRenderedFrame(frame)
    const readings = face ? await faceReadings(analysisImageOf(frame), face, false) : null
    eye.push(readings?.eyeOpen ?? NaN)
    mouth.push(readings?.mouthOpen ?? NaN)
  }
  const typical = median(eye.filter(Number.isFinite))
  const closure = eye.map((v) => (Number.isFinite(v) ? Math.min(1, Math.max(0, 1 - v / typical)) : 0))
  const fillMouth = median(mouth.filter(Number.isFinite))
  const readBack = blinksAbove(closure, fps)
  return {
    portrait,
    frames: jaw.length,
    generatedBlinks: measureBlinks(lid, fps).length,
    renderedBlinks: readBack.length,
    renderedBlinkMs: mean(readBack.map((b) => b.duration * 1000)),
    maxClosure: Math.max(...closure),
    mouth: correlationAtLag(
      mouth.map((v) => (Number.isFinite(v) ? v : fillMouth)),
      jaw,
      0
    )
  }
}
