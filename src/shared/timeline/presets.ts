import { type AnimationDocument, createDocument } from './animation-document'
import { sequentialKeyIds, trackIdFor, type TrackKind } from './ids'
import { setKey } from './set-key'
import { CAMERA_TRACK_DEFINITIONS, type CameraParam } from './track-definitions'
import { frameCount, seconds } from './units'

/**
 * Built-in animations that show off a portrait without any keying (`mimesis render --preset`):
 * - `turntable`: the camera swings to yaw +35° and -35° and back, looking slightly from above at
 *   both extremes; the face keeps its own expression.
 * - `expressions`: every expression direction goes 0 → +1 → -1 → 0 in turn, while the camera
 *   sweeps yaw, pitch and roll each to both ends of their supported range (±35°, ±25°, ±30°).
 * Every segment eases in and out. Both start and end on the source view with a neutral face.
 */
export type PresetName = 'turntable' | 'expressions'

export const PRESET_NAMES: readonly PresetName[] = ['turntable', 'expressions']

export interface PresetOptions {
  /** Expression direction names of the engine pack, in pack order. */
  readonly expressionNames: readonly string[]
  readonly durationSec: number
  readonly fps: number
  /** Output size in pixels, stored in the document's settings. */
  readonly width: number
  readonly height: number
}

/** Pitch at the yaw extremes of the turntable, degrees (positive looks from above). */
export const TURNTABLE_PITCH = 10

/** Fewest frames a preset needs so that each of its keys lands on a frame of its own. */
export const PRESET_MIN_FRAMES: Readonly<Record<PresetName, number>> = { turntable: 5, expressions: 4 }

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name)
}

/** The preset as an ordinary document: it can be exported, saved or edited like any other. */
export function presetDocument(name: PresetName, options: PresetOptions): AnimationDocument {
  const { durationSec, fps } = options
  if (!(Number.isFinite(fps) && fps > 0)) throw new RangeError(`presetDocument: fps must be > 0, got ${fps}`)
  if (!(Number.isFinite(durationSec) && durationSec > 0)) {
    throw new RangeError(`presetDocument: durationSec must be > 0, got ${durationSec}`)
  }
  const frames = frameCount(seconds(durationSec), fps)
  const min = PRESET_MIN_FRAMES[name]
  if (frames < min) {
    throw new RangeError(
      `The ${name} preset needs at least ${min} frames; ${durationSec} s at ${fps} fps is ${frames}.`
    )
  }
  const doc = createDocument({
    expressionNames: options.expressionNames,
    settings: { fps, durationSec: seconds(durationSec), width: options.width, height: options.height }
  })
  const keys = name === 'turntable' ? turntableKeys(frames - 1) : expressionsKeys(options, frames - 1)
  const newKeyId = sequentialKeyIds(`${name}-`)
  let out = doc
  for (const k of keys) {
    out = setKey(out, trackIdFor(k.kind, k.name), seconds(k.frame / fps), k.value, {
      interpolation: 'easeInOut',
      newKeyId
    }).document
  }
  return out
}

interface PresetKey {
  readonly kind: TrackKind
  readonly name: string
  /** Whole frame index, 0..lastFrame. */
  readonly frame: number
  readonly value: number
}

function turntableKeys(lastFrame: number): PresetKey[] {
  const at = (fraction: number): number => Math.round(fraction * lastFrame)
  const yaw = CAMERA_TRACK_DEFINITIONS.yaw.range.max
  const camera = (name: CameraParam, frame: number, value: number): PresetKey => ({
    kind: 'camera',
    name,
    frame,
    value
  })
  return [
    camera('yaw', at(0), 0),
    camera('yaw', at(0.25), yaw),
    camera('yaw', at(0.75), -yaw),
    camera('yaw', at(1), 0),
    camera('pitch', at(0), 0),
    camera('pitch', at(0.25), TURNTABLE_PITCH),
    camera('pitch', at(0.5), 0),
    camera('pitch', at(0.75), TURNTABLE_PITCH),
    camera('pitch', at(1), 0)
  ]
}

function expressionsKeys(options: PresetOptions, lastFrame: number): PresetKey[] {
  const names = [...new Set(options.expressionNames)]
  const sweeps: { kind: TrackKind; name: string; peak: number }[] = names.map((name) => ({
    kind: 'expression',
    name,
    peak: 1
  }))
  const expressionKeys = schedule(sweeps, lastFrame)
  const cameraSweeps = (['yaw', 'pitch', 'roll'] as const).map((name) => ({
    kind: 'camera' as const,
    name,
    peak: CAMERA_TRACK_DEFINITIONS[name].range.max
  }))
  return [...expressionKeys, ...schedule(cameraSweeps, lastFrame)]
}

/**
 * Gives each sweep (0 → +peak → -peak → 0) a slot of the frames 0..lastFrame, in order. A sweep needs
 * three frame steps; when there are too few frames for one slot per sweep, consecutive sweeps share a
 * slot and play at the same time.
 */
function schedule(
  sweeps: readonly { kind: TrackKind; name: string; peak: number }[],
  lastFrame: number
): PresetKey[] {
  if (sweeps.length === 0) return []
  const slots = Math.min(sweeps.length, Math.floor(lastFrame / 3))
  const boundary = (k: number): number => Math.round((k * lastFrame) / slots)
  const keys: PresetKey[] = []
  sweeps.forEach((sweep, i) => {
    const slot = Math.floor((i * slots) / sweeps.length)
    const start = boundary(slot)
    const end = boundary(slot + 1)
    const frames = [
      start,
      Math.round(start + (end - start) / 3),
      Math.round(start + (2 * (end - start)) / 3),
      end
    ]
    const values = [0, sweep.peak, -sweep.peak, 0]
    frames.forEach((frame, j) => keys.push({ kind: sweep.kind, name: sweep.name, frame, value: values[j]! }))
  })
  return keys
}
