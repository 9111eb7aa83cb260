import type { HeadPose } from '@shared/face/face-analysis'

/**
 * Head rotations as row-major 3×3 matrices in the analysis camera frame (x right, y up, z toward the
 * viewer; see `HeadPose`), and their conversion to the engine camera's yaw, pitch and roll (degrees, the
 * timeline's camera tracks; see `src/shared/engine/camera.ts`).
 */
export type Mat3 = ArrayLike<number>

export function multiply3(a: Mat3, b: Mat3): number[] {
  const out = new Array<number>(9).fill(0)
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0
      for (let k = 0; k < 3; k++) s += a[3 * i + k]! * b[3 * k + j]!
      out[3 * i + j] = s
    }
  }
  return out
}

export const transpose3 = (a: Mat3): number[] => [
  a[0]!,
  a[3]!,
  a[6]!,
  a[1]!,
  a[4]!,
  a[7]!,
  a[2]!,
  a[5]!,
  a[8]!
]

/** The pure rotation of an analysis pose (its matrix is scale × R | t). */
export function poseRotation(pose: Pick<HeadPose, 'matrix' | 'scale'>): number[] {
  const m = pose.matrix
  const s = pose.scale
  return [m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!].map((x) => x / s)
}

/** Angle of a rotation matrix, degrees (0..180). */
export function rotationAngle(r: Mat3): number {
  const c = Math.max(-1, Math.min(1, (r[0]! + r[4]! + r[8]! - 1) / 2))
  return (Math.acos(c) * 180) / Math.PI
}

// The engine rotates the head in the image frame (x right, y down, z away from the viewer) by
// Rz(roll) Rx(pitch) Ry(yaw); F flips y and z between that frame and the analysis camera frame.
const FLIP: Mat3 = [1, 0, 0, 0, -1, 0, 0, 0, -1]

/** The head rotation (analysis camera frame) that an engine camera of yaw, pitch, roll degrees shows. */
export function cameraRotation(yaw: number, pitch: number, roll: number): number[] {
  const [a, b, c] = [yaw, pitch, roll].map((d) => (d * Math.PI) / 180) as [number, number, number]
  const ry: Mat3 = [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)]
  const rx: Mat3 = [1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)]
  const rz: Mat3 = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1]
  return multiply3(FLIP, multiply3(multiply3(rz, multiply3(rx, ry)), FLIP))
}

/** Inverse of `cameraRotation`: the engine camera [yaw, pitch, roll] (degrees) that shows rotation `r`. */
export function cameraAngles(r: Mat3): [number, number, number] {
  const e = multiply3(FLIP, multiply3(r, FLIP))
  const deg = 180 / Math.PI
  return [
    Math.atan2(-e[6]!, e[8]!) * deg,
    Math.asin(Math.max(-1, Math.min(1, e[7]!))) * deg,
    Math.atan2(-e[1]!, e[4]!) * deg
  ]
}

/** The driver's rotation relative to its reference frame: R_rel = R_i · R_refᵀ. */
export function relativeRotation(current: Mat3, reference: Mat3): number[] {
  return multiply3(current, transpose3(reference))
}

/**
 * A soft limit: the identity up to `knee` × `limit`, then a smooth (C¹) compression that approaches
 * `limit` without reaching it, so a driver who turns past the supported range slows down at its edge
 * instead of stopping dead.
 */
export function softLimit(value: number, limit: number, knee = 0.7): number {
  const a = Math.abs(value)
  const k = knee * limit
  if (a <= k) return value
  const room = limit - k
  return Math.sign(value) * (k + room * Math.tanh((a - k) / room))
}
