import { type AnimationDocument } from './animation-document'
import { evaluateKeys } from './evaluate-track'
import {
  type CameraParam,
  CAMERA_TRACK_DEFINITIONS,
  isCameraParam,
  trackDefinition
} from './track-definitions'
import { type Seconds } from './units'

/** Camera for one frame; see `CameraParam` for units and axes. */
export type CameraParams = Record<CameraParam, number>

/** Everything the engine needs for one frame, independent of fps. */
export interface FrameParams {
  /** Signed weight per expression direction name, -1..1. */
  readonly expression: Record<string, number>
  readonly camera: CameraParams
}

export function defaultCamera(): CameraParams {
  return {
    yaw: CAMERA_TRACK_DEFINITIONS.yaw.defaultValue,
    pitch: CAMERA_TRACK_DEFINITIONS.pitch.defaultValue,
    roll: CAMERA_TRACK_DEFINITIONS.roll.defaultValue,
    zoom: CAMERA_TRACK_DEFINITIONS.zoom.defaultValue,
    panX: CAMERA_TRACK_DEFINITIONS.panX.defaultValue,
    panY: CAMERA_TRACK_DEFINITIONS.panY.defaultValue
  }
}

/**
 * Frame parameters of `doc` at `time` (seconds on the document clock; the exporter passes
 * frame / fps). Pure: preview and export call this same function. Camera parameters without a
 * track take their defaults.
 */
export function evaluate(doc: AnimationDocument, time: Seconds): FrameParams {
  if (!Number.isFinite(time))
    throw new RangeError(`evaluate: time must be a finite number of seconds, got ${time}`)
  const expression: Record<string, number> = {}
  const camera = defaultCamera()
  for (const track of doc.tracks) {
    const value = evaluateKeys(track.keys, time, trackDefinition(track.kind, track.name))
    if (track.kind === 'expression') expression[track.name] = value
    else if (isCameraParam(track.name)) camera[track.name] = value
  }
  return { expression, camera }
}
