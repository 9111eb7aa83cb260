import { measureFace, type FaceMeasures } from '../drive/face-measures'
import { rotationAngle } from '../drive/head-rotation'
import type { LiveFace } from './live-face'

/** Why a neutral face may be a poor reference: every later frame is measured against it. */
export type NeutralHint = 'not-frontal' | 'mouth-open'

/** The performer's reference face: the average of the frames over the Set neutral window. */
export interface LiveReference {
  /** Mean canonical landmarks (cm), irises included when every frame had them. */
  readonly shape: Float32Array
  readonly measures: FaceMeasures
  /** Mean head rotation, re-orthonormalised, row-major 3×3 (analysis camera frame). */
  readonly rotation: readonly number[]
  readonly frames: number
  readonly hints: readonly NeutralHint[]
}

/** Length of the Set neutral window, seconds: long enough to average out the landmark model's jitter. */
export const NEUTRAL_WINDOW_SEC = 0.5
/** Fewest faces a reference averages, whatever the frame rate. */
export const NEUTRAL_MIN_FRAMES = 4
/** Head turned further than this from the camera (degrees) is not frontal: turns then read asymmetrically. */
export const FRONTAL_LIMIT_DEG = 20
/**
 * Inner-lip gap (cm, canonical face) above the performer's most closed mouth seen so far at which the
 * mouth counts as open. Measured against the performer's own closed mouth, not an absolute gap: lips
 * parted in a smile at rest read 1.1 cm on the fixture portrait, and its jawOpen at +0.6 reads 1.2 cm more.
 */
export const MOUTH_OPEN_LIMIT_CM = 0.3

/**
 * What a reference may be wrong about: a head turned from the camera, or a mouth open by more than
 * `MOUTH_OPEN_LIMIT_CM` over `closedMouthCm` (the smallest inner-lip gap the performer has shown).
 */
export function neutralHints(
  measures: FaceMeasures,
  rotation: readonly number[],
  closedMouthCm: number
): NeutralHint[] {
  const hints: NeutralHint[] = []
  if (rotationAngle(rotation) > FRONTAL_LIMIT_DEG) hints.push('not-frontal')
  if (measures.mouthOpen - closedMouthCm > MOUTH_OPEN_LIMIT_CM) hints.push('mouth-open')
  return hints
}

/** Rows of a 3×3 matrix made orthonormal (Gram–Schmidt, then the third row as the cross product). */
function orthonormalize(m: readonly number[]): number[] {
  const a = [m[0]!, m[1]!, m[2]!]
  const na = Math.hypot(a[0]!, a[1]!, a[2]!) || 1
  const x = a.map((v) => v / na)
  const b = [m[3]!, m[4]!, m[5]!]
  const d = b[0]! * x[0]! + b[1]! * x[1]! + b[2]! * x[2]!
  const b2 = b.map((v, i) => v - d * x[i]!)
  const nb = Math.hypot(b2[0]!, b2[1]!, b2[2]!) || 1
  const y = b2.map((v) => v / nb)
  const z = [x[1]! * y[2]! - x[2]! * y[1]!, x[2]! * y[0]! - x[0]! * y[2]!, x[0]! * y[1]! - x[1]! * y[0]!]
  return [...x, ...y, ...z]
}

/**
 * The mean of some faces as a reference; `closedMouthCm` is the performer's most closed mouth seen
 * (default: the most closed in `faces`). Throws a RangeError without faces.
 */
export function averageReference(faces: readonly LiveFace[], closedMouthCm?: number): LiveReference {
  if (faces.length === 0) throw new RangeError('averageReference: no faces')
  // Irises only when every face has them, so the mean never mixes read and unread points.
  const length = Math.min(...faces.map((f) => f.canonical.length))
  const shape = new Float32Array(length)
  const rotation = new Array<number>(9).fill(0)
  for (const face of faces) {
    for (let k = 0; k < length; k++) shape[k]! += face.canonical[k]! / faces.length
    for (let k = 0; k < 9; k++) rotation[k]! += face.rotation[k]! / faces.length
  }
  const measures = measureFace(shape)
  const mean = orthonormalize(rotation)
  const closed = closedMouthCm ?? Math.min(...faces.map((f) => measureFace(f.canonical).mouthOpen))
  return {
    shape,
    measures,
    rotation: mean,
    frames: faces.length,
    hints: neutralHints(measures, mean, closed)
  }
}

/** Collects faces over the Set neutral window, then averages them. */
export interface ReferenceCollector {
  /** Adds one frame (time in seconds, face or null); returns the reference once the window is full. */
  add(timeSec: number, face: LiveFace | null): LiveReference | null
  /** 0..1: how much of the window has been collected. */
  readonly progress: number
}

export function createReferenceCollector(
  options: {
    readonly windowSec?: number
    readonly minFrames?: number
    /** The performer's most closed mouth seen so far, cm (see `neutralHints`). */
    readonly closedMouthCm?: () => number
  } = {}
): ReferenceCollector {
  const windowSec = options.windowSec ?? NEUTRAL_WINDOW_SEC
  const minFrames = options.minFrames ?? NEUTRAL_MIN_FRAMES
  const faces: LiveFace[] = []
  let start: number | null = null
  let last = 0
  return {
    add(timeSec, face) {
      if (face == null) return null
      start ??= timeSec
      last = timeSec
      faces.push(face)
      if (last - start < windowSec || faces.length < minFrames) return null
      const closed = options.closedMouthCm?.()
      return averageReference(faces, closed != null && Number.isFinite(closed) ? closed : undefined)
    },
    get progress() {
      if (start == null) return 0
      return Math.min(1, Math.min((last - start) / windowSec, faces.length / minFrames))
    }
  }
}
