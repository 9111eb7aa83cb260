import type { Degrees, HeadPose } from '@shared/face/face-analysis'
import { degrees } from '@shared/timeline/units'
import { fitSimilarityTransform, multiply3, type WeightedIndex } from './procrustes'

const DEG = 180 / Math.PI

/**
 * Converts image-frame points (x right, y down, z away from the camera; image px) to the camera frame used
 * for the pose (x right, y up, z toward the viewer), which has the canonical mesh's handedness.
 */
export function imageToCameraFrame(landmarks: ArrayLike<number>): Float64Array {
  const out = new Float64Array(landmarks.length)
  for (let i = 0; i < landmarks.length; i += 3) {
    out[i] = landmarks[i]
    out[i + 1] = -landmarks[i + 1]
    out[i + 2] = -landmarks[i + 2]
  }
  return out
}

/** Rotation R = Ry(yaw) * Rx(-pitch) * Rz(roll) (row-major) for the HeadPose convention, angles in degrees. */
export function rotationFromYawPitchRoll(yaw: Degrees, pitch: Degrees, roll: Degrees): number[] {
  const b = yaw / DEG
  const a = -pitch / DEG
  const c = roll / DEG
  const [ca, sa, cb, sb, cc, sc] = [
    Math.cos(a),
    Math.sin(a),
    Math.cos(b),
    Math.sin(b),
    Math.cos(c),
    Math.sin(c)
  ]
  const ry = [cb, 0, sb, 0, 1, 0, -sb, 0, cb]
  const rx = [1, 0, 0, 0, ca, -sa, 0, sa, ca]
  const rz = [cc, -sc, 0, sc, cc, 0, 0, 0, 1]
  return multiply3x3(multiply3x3(ry, rx), rz)
}

/** Inverse of rotationFromYawPitchRoll (degrees); pitch in [-90, 90]. */
export function yawPitchRollFromRotation(r: readonly number[]): {
  yaw: Degrees
  pitch: Degrees
  roll: Degrees
} {
  // R = Ry(b) Rx(a) Rz(c): R[1][2] = -sin a, R[0][2] = sin b cos a, R[2][2] = cos b cos a,
  // R[1][0] = cos a sin c, R[1][1] = cos a cos c.
  const a = Math.asin(Math.max(-1, Math.min(1, -r[5])))
  const b = Math.atan2(r[2], r[8])
  const c = Math.atan2(r[3], r[4])
  return { yaw: degrees(b * DEG), pitch: degrees(-a * DEG), roll: degrees(c * DEG) }
}

export function multiply3x3(m: readonly number[], n: readonly number[]): number[] {
  const out = new Array<number>(9)
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      out[i * 3 + j] = m[i * 3] * n[j] + m[i * 3 + 1] * n[3 + j] + m[i * 3 + 2] * n[6 + j]
  return out
}

/**
 * Head pose by weighted Procrustes of the canonical mesh (cm) onto the landmarks (image px, image frame).
 * See HeadPose for the angle convention.
 */
export function estimateHeadPose(
  landmarks: ArrayLike<number>,
  canonicalVertices: ArrayLike<number>,
  weights: readonly WeightedIndex[]
): HeadPose {
  const target = imageToCameraFrame(landmarks)
  const fit = fitSimilarityTransform(canonicalVertices, target, weights)
  const { yaw, pitch, roll } = yawPitchRollFromRotation(fit.rotation)
  const r = fit.rotation
  const s = fit.scale
  const t = fit.translation
  return {
    yaw,
    pitch,
    roll,
    scale: s,
    translation: [t[0], t[1], t[2]],
    matrix: [
      s * r[0],
      s * r[1],
      s * r[2],
      t[0],
      s * r[3],
      s * r[4],
      s * r[5],
      t[1],
      s * r[6],
      s * r[7],
      s * r[8],
      t[2]
    ],
    rmsError: fit.rmsError / s
  }
}

/**
 * Maps image-frame landmarks (image px) into the canonical frame (cm) with the inverse pose:
 * p = R^T (q_cam - t) / s.
 */
export function landmarksToCanonical(landmarks: ArrayLike<number>, pose: HeadPose): Float32Array {
  const m = pose.matrix
  const s = pose.scale
  // R^T / s from the s R block of the 3x4 matrix: (sR)^T / s^2.
  const rt = [m[0], m[4], m[8], m[1], m[5], m[9], m[2], m[6], m[10]].map((v) => v / (s * s))
  const out = new Float32Array(landmarks.length)
  for (let i = 0; i < landmarks.length; i += 3) {
    const q = [landmarks[i] - m[3], -landmarks[i + 1] - m[7], -landmarks[i + 2] - m[11]]
    const p = multiply3(rt, q)
    out[i] = p[0]
    out[i + 1] = p[1]
    out[i + 2] = p[2]
  }
  return out
}
