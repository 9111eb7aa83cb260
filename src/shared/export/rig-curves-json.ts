// Rig curves as JSON: the ARKit weights and the project's own curves (its direction values and its camera), so
// that a tool which knows this project's directions needs no mapping. Layout (every `frames` array has one row per
// frame, frame i at startSec + i / fps; values with at most 6 decimals):
// {
//   "format": "mimesis-rig-curves", "version": 1, "fps": 30, "startSec": 0, "frameCount": 90,
//   "arkit":      { "names": [52 ARKit names, Apple's order], "frames": [[0..1 × 52], …] },
//   "head":       { "names": ["yaw", "pitch", "roll"], "unit": "rad", "frames": [[…], …] },
//   "extra":      { "names": ["mimesis.lipsPress.neg", …], "frames": [[0..1 …], …] },
//   "directions": { "names": [the pack's directions], "oneSided": [booleans], "frames": [[-1..1 …], …] },
//   "camera":     { "names": ["yaw", "pitch", "roll", "zoom", "panX", "panY"],
//                   "units": ["deg", "deg", "deg", "x", "frame width", "frame height"], "frames": [[…], …] }
// }
// head: radians in ARKit's face axes (`headRotation` in rig-curves.ts); camera: the timeline's own camera tracks.
import { ARKIT_BLENDSHAPES } from './arkit-mapping'
import { type RigCurves } from './rig-curves'

export const RIG_CURVES_JSON_FORMAT = 'mimesis-rig-curves'
export const RIG_CURVES_JSON_VERSION = 1

const CAMERA_NAMES = ['yaw', 'pitch', 'roll', 'zoom', 'panX', 'panY'] as const

/** What `formatRigCurvesJson` writes (parsed back, for tests and importers). */
export interface RigCurvesJson {
  readonly format: typeof RIG_CURVES_JSON_FORMAT
  readonly version: number
  readonly fps: number
  readonly startSec: number
  readonly frameCount: number
  readonly arkit: { readonly names: readonly string[]; readonly frames: readonly (readonly number[])[] }
  readonly head: {
    readonly names: readonly string[]
    readonly unit: 'rad'
    readonly frames: readonly (readonly number[])[]
  }
  readonly extra: { readonly names: readonly string[]; readonly frames: readonly (readonly number[])[] }
  readonly directions: {
    readonly names: readonly string[]
    readonly oneSided: readonly boolean[]
    readonly frames: readonly (readonly number[])[]
  }
  readonly camera: {
    readonly names: readonly string[]
    readonly units: readonly string[]
    readonly frames: readonly (readonly number[])[]
  }
}

const round = (v: number): number => {
  const r = Math.round(v * 1e6) / 1e6
  return r === 0 ? 0 : r
}
const row = (values: ArrayLike<number>): number[] => Array.from(values, round)

/** The JSON text of `curves` (one line; a frame's row is an array). */
export function formatRigCurvesJson(curves: RigCurves): string {
  const { frames, layout } = curves
  const doc: RigCurvesJson = {
    format: RIG_CURVES_JSON_FORMAT,
    version: RIG_CURVES_JSON_VERSION,
    fps: curves.fps,
    startSec: round(curves.startSec),
    frameCount: frames.length,
    arkit: { names: [...ARKIT_BLENDSHAPES], frames: frames.map((f) => row(f.shapes)) },
    head: { names: ['yaw', 'pitch', 'roll'], unit: 'rad', frames: frames.map((f) => row(f.head)) },
    extra: { names: [...layout.extraNames], frames: frames.map((f) => row(f.extra)) },
    directions: {
      names: layout.directions.map((d) => d.name),
      oneSided: layout.directions.map((d) => d.oneSided === true),
      frames: frames.map((f) => row(f.expression))
    },
    camera: {
      names: [...CAMERA_NAMES],
      units: ['deg', 'deg', 'deg', 'x', 'frame width', 'frame height'],
      frames: frames.map((f) => row(CAMERA_NAMES.map((n) => f.camera[n])))
    }
  }
  return `${JSON.stringify(doc)}\n`
}
