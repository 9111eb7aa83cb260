// Rig curves: the expression and head motion of an animation as rig parameters, one frame at a time, sampled
// through the same `evaluate(document, time)` the preview and the video exporter use. The CSV (Live Link Face
// layout) and JSON writers are `rig-curves-csv.ts` and `rig-curves-json.ts`; the mapping is `arkit-mapping.ts`.
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../engine/expression-directions'
import { type AnimationDocument } from '../timeline/animation-document'
import { evaluate, type CameraParams } from '../timeline/evaluate'
import { seconds } from '../timeline/units'
import { arkitFrame, arkitLayout, type ArkitLayout, type RigDirection } from './arkit-mapping'

/**
 * The directions a document's curves carry: the pack's (`packDirections`, default the built-in pack's), in its
 * order, then any expression track the pack does not know (carried whole as extra columns, two-sided).
 */
export function rigDirections(
  document: AnimationDocument,
  packDirections: readonly RigDirection[] = BUILTIN_EXPRESSION_DIRECTIONS
): RigDirection[] {
  const out: RigDirection[] = packDirections.map((d) => ({ name: d.name, oneSided: d.oneSided === true }))
  const known = new Set(out.map((d) => d.name))
  for (const track of document.tracks) {
    if (track.kind !== 'expression' || known.has(track.name)) continue
    known.add(track.name)
    out.push({ name: track.name, oneSided: false })
  }
  return out
}

/**
 * The head's rotation relative to the camera, radians, about ARKit's face axes (x to the subject's left, y up, z out
 * of the face; right-handed): yaw + turns the face to the subject's left, pitch + nods it down, roll + tilts it
 * toward the subject's right shoulder. The studio moves a camera around a still head (`EngineCamera`: yaw + = the
 * camera to the subject's left, pitch + = from above, roll + = clockwise in the picture); the head rotation that
 * shows the same view is the opposite yaw, the same pitch and the opposite roll.
 */
export function headRotation(camera: Pick<CameraParams, 'yaw' | 'pitch' | 'roll'>): [number, number, number] {
  const rad = Math.PI / 180
  return [-camera.yaw * rad + 0, camera.pitch * rad + 0, -camera.roll * rad + 0]
}

/** The eyes' turn at gaze ±1, degrees: sideways and up/down (`arkit-mapping.ts`: gaze ±1 is eyeLook* 1). */
export const GAZE_DEGREES = { horizontal: 30, vertical: 14 } as const

/**
 * Both eyes' rotation (yaw, pitch, roll, radians, the axes and signs of `headRotation`) from the gaze directions:
 * gazeHorizontal +1 turns the eyes 30° toward the subject's left (yaw +), gazeVertical +1 turns them 14° up (pitch −,
 * since pitch + looks down). The pack turns both eyeballs together, so left and right are the same; roll is 0.
 */
export function eyeRotation(expression: Readonly<Record<string, number>>): [number, number, number] {
  const rad = Math.PI / 180
  const clamp = (v: number | undefined): number =>
    v !== undefined && Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0
  const yaw = clamp(expression.gazeHorizontal) * GAZE_DEGREES.horizontal * rad
  const pitch = -clamp(expression.gazeVertical) * GAZE_DEGREES.vertical * rad
  return [yaw + 0, pitch + 0, 0]
}

/** One frame of rig curves. */
export interface RigCurveFrame {
  /** Seconds on the document clock. */
  readonly time: number
  /** The 52 ARKit weights in Apple's order (`ARKIT_BLENDSHAPES`), 0..1. */
  readonly shapes: Float64Array
  /** The extra columns (`layout.extraNames`), 0..1. */
  readonly extra: Float64Array
  /** Head yaw, pitch, roll, radians (`headRotation`). */
  readonly head: readonly [number, number, number]
  /** Each eye's yaw, pitch, roll, radians (`eyeRotation`; the same for both eyes). */
  readonly eyes: readonly [number, number, number]
  /** The direction values (`layout.directions`, same order), each clamped to its range as the renderer does. */
  readonly expression: Float64Array
  readonly camera: CameraParams
}

/** The curves of `document` at `time` (seconds on the document clock). */
export function rigCurveFrame(document: AnimationDocument, layout: ArkitLayout, time: number): RigCurveFrame {
  const params = evaluate(document, seconds(time))
  const { shapes, extra } = arkitFrame(layout, params.expression)
  const expression = Float64Array.from(layout.directions, (d) => {
    const v = params.expression[d.name] ?? 0
    return Number.isFinite(v) ? Math.max(d.oneSided === true ? 0 : -1, Math.min(1, v)) : 0
  })
  return {
    time,
    shapes,
    extra,
    head: headRotation(params.camera),
    eyes: eyeRotation(params.expression),
    expression,
    camera: params.camera
  }
}

/** Everything a rig-curve file holds: frame i is at `startSec + i / fps`. */
export interface RigCurves {
  readonly fps: number
  readonly startSec: number
  readonly layout: ArkitLayout
  readonly frames: readonly RigCurveFrame[]
}

/** All `frameCount` frames from `startSec` at `fps` (the exporter samples them itself, to report and cancel). */
export function sampleRigCurves(
  document: AnimationDocument,
  options: { startSec: number; fps: number; frameCount: number; layout?: ArkitLayout }
): RigCurves {
  const layout = options.layout ?? arkitLayout(rigDirections(document))
  const frames = Array.from({ length: options.frameCount }, (_, i) =>
    rigCurveFrame(document, layout, options.startSec + i / options.fps)
  )
  return { fps: options.fps, startSec: options.startSec, layout, frames }
}

/** A value as the files write it: at most 6 decimals, no exponent, no -0. */
export function formatCurveValue(v: number): string {
  const rounded = Math.round(v * 1e6) / 1e6
  return rounded === 0 ? '0' : String(rounded)
}
