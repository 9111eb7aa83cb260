import { type TrackKind } from './ids'

/**
 * Camera parameters, in the portrait's camera frame:
 * - yaw, pitch, roll: degrees of head-orbit rotation; 0 = the source photo's view.
 *   Positive yaw turns the camera to the subject's left, positive pitch looks from above,
 *   positive roll tilts clockwise as seen in the output.
 * - zoom: multiplier of the source framing; 1 = as photographed, 2 = twice as close.
 * - panX, panY: offset as a fraction of the output frame width / height; +x right, +y down.
 */
export type CameraParam = 'yaw' | 'pitch' | 'roll' | 'zoom' | 'panX' | 'panY'

export const CAMERA_PARAMS: readonly CameraParam[] = ['yaw', 'pitch', 'roll', 'zoom', 'panX', 'panY']

export interface ValueRange {
  readonly min: number
  readonly max: number
}

export interface TrackDefinition {
  readonly range: ValueRange
  /** Value of a track that has no keys. */
  readonly defaultValue: number
  /** Unit shown to the user. */
  readonly unit: 'weight' | 'degrees' | 'multiplier' | 'frame fraction'
}

export const CAMERA_TRACK_DEFINITIONS: Readonly<Record<CameraParam, TrackDefinition>> = {
  yaw: { range: { min: -35, max: 35 }, defaultValue: 0, unit: 'degrees' },
  pitch: { range: { min: -25, max: 25 }, defaultValue: 0, unit: 'degrees' },
  roll: { range: { min: -30, max: 30 }, defaultValue: 0, unit: 'degrees' },
  zoom: { range: { min: 0.5, max: 2 }, defaultValue: 1, unit: 'multiplier' },
  panX: { range: { min: -0.5, max: 0.5 }, defaultValue: 0, unit: 'frame fraction' },
  panY: { range: { min: -0.5, max: 0.5 }, defaultValue: 0, unit: 'frame fraction' }
}

/**
 * Expression directions are signed weights along one orthonormal direction of the engine pack's
 * expression space: 0 = the portrait's own neutral face, ±1 = the pack's full extent.
 */
export const EXPRESSION_TRACK_DEFINITION: TrackDefinition = {
  range: { min: -1, max: 1 },
  defaultValue: 0,
  unit: 'weight'
}

export function isCameraParam(name: string): name is CameraParam {
  return (CAMERA_PARAMS as readonly string[]).includes(name)
}

/** Definition of a track by kind and name. Unknown camera names fall back to the expression rules. */
export function trackDefinition(kind: TrackKind, name: string): TrackDefinition {
  if (kind === 'camera' && isCameraParam(name)) return CAMERA_TRACK_DEFINITIONS[name]
  return EXPRESSION_TRACK_DEFINITION
}

export function clampToRange(value: number, range: ValueRange): number {
  return value < range.min ? range.min : value > range.max ? range.max : value
}
