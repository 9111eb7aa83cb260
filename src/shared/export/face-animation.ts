// The animated 3D face's motion (the .glb export, `core/export/export-face-glb.ts`): per frame the morph weights (the
// pack's direction values, as the engine's generator takes them) and the head rotation (the camera orbit as the head
// rotation that shows the same view), sampled through the same `evaluate(document, time)` as the preview.
//
// Frame: glTF's, which is the canonical face frame: x toward the subject's left, y up, z out of the face (toward the
// camera), right-handed. Quaternions are glTF's [x, y, z, w].
import { expressionCode } from '../engine/expression-directions'
import { type ExpressionDirectionSpec } from '../engine/pack-manifest'
import { type AnimationDocument } from '../timeline/animation-document'
import { evaluate, type CameraParams } from '../timeline/evaluate'
import { seconds } from '../timeline/units'
import { headRotation } from './rig-curves'

export type Quaternion = [number, number, number, number]

/** The Hamilton product a ⊗ b (rotate by b, then by a). */
export function multiplyQuaternions(a: readonly number[], b: readonly number[]): Quaternion {
  const [ax, ay, az, aw] = a as Quaternion
  const [bx, by, bz, bw] = b as Quaternion
  return [
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz
  ]
}

/** A rotation of `angle` radians about the unit axis 0 (x), 1 (y) or 2 (z). */
function axisQuaternion(axis: 0 | 1 | 2, angle: number): Quaternion {
  const q: Quaternion = [0, 0, 0, Math.cos(angle / 2)]
  q[axis] = Math.sin(angle / 2)
  return q
}

/**
 * The head's rotation for a camera orbit, as a quaternion in the face frame. The renderer turns the head by
 * R = Rroll · Rpitch · Ryaw in the source camera's axes (x right, y down, z away; `build/pack/renderer/head-orbit.ts`);
 * seen in the face frame (y and z flipped) that is Rz(−roll) · Rx(pitch) · Ry(−yaw), the angles `headRotation` gives.
 */
export function headQuaternion(camera: Pick<CameraParams, 'yaw' | 'pitch' | 'roll'>): Quaternion {
  const [yaw, pitch, roll] = headRotation(camera)
  return multiplyQuaternions(
    axisQuaternion(2, roll),
    multiplyQuaternions(axisQuaternion(0, pitch), axisQuaternion(1, yaw))
  )
}

/**
 * The unit quaternion of a rotation matrix (row-major 3 × 3, or the rotation part of a row-major 3 × 4 `[sR | t]`
 * divided by `scale`), w ≥ 0.
 */
export function quaternionOfMatrix(m: readonly number[], stride: 3 | 4 = 3, scale = 1): Quaternion {
  const r = (row: number, col: number): number => m[row * stride + col]! / scale
  const trace = r(0, 0) + r(1, 1) + r(2, 2)
  let q: Quaternion
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace)
    q = [(r(2, 1) - r(1, 2)) / s, (r(0, 2) - r(2, 0)) / s, (r(1, 0) - r(0, 1)) / s, s / 4]
  } else if (r(0, 0) > r(1, 1) && r(0, 0) > r(2, 2)) {
    const s = 2 * Math.sqrt(1 + r(0, 0) - r(1, 1) - r(2, 2))
    q = [s / 4, (r(0, 1) + r(1, 0)) / s, (r(0, 2) + r(2, 0)) / s, (r(2, 1) - r(1, 2)) / s]
  } else if (r(1, 1) > r(2, 2)) {
    const s = 2 * Math.sqrt(1 + r(1, 1) - r(0, 0) - r(2, 2))
    q = [(r(0, 1) + r(1, 0)) / s, s / 4, (r(1, 2) + r(2, 1)) / s, (r(0, 2) - r(2, 0)) / s]
  } else {
    const s = 2 * Math.sqrt(1 + r(2, 2) - r(0, 0) - r(1, 1))
    q = [(r(0, 2) + r(2, 0)) / s, (r(1, 2) + r(2, 1)) / s, s / 4, (r(1, 0) - r(0, 1)) / s]
  }
  const norm = Math.hypot(...q) * (q[3] < 0 ? -1 : 1)
  return q.map((v) => v / norm + 0) as Quaternion
}

/** Which frames a face animation holds: frame i is at `startSec + i / fps` on the document clock. */
export interface FaceAnimationTimeline {
  readonly startSec: number
  readonly fps: number
  readonly frameCount: number
}

/** The sampled motion: `weights` frameCount × K (direction order), `rotations` frameCount × 4 (glTF quaternions). */
export interface FaceAnimationSamples {
  readonly weights: Float32Array
  readonly rotations: Float32Array
}

export function allocateFaceAnimation(directionCount: number, frameCount: number): FaceAnimationSamples {
  return {
    weights: new Float32Array(frameCount * directionCount),
    rotations: new Float32Array(frameCount * 4)
  }
}

/**
 * Samples frames `from` ≤ i < `to` into `out`: the weights are the expression code the engine's generator gets
 * (`expressionCode`: clamped to each direction's range, one-sided ones at 0, with what each carries), the rotation `headQuaternion`, kept on
 * the previous frame's hemisphere so that glTF's linear (slerp) interpolation takes the short way.
 */
export function sampleFaceAnimation(
  document: AnimationDocument,
  directions: readonly Pick<ExpressionDirectionSpec, 'name' | 'oneSided' | 'carries'>[],
  timeline: FaceAnimationTimeline,
  range: { readonly from: number; readonly to: number },
  out: FaceAnimationSamples
): void {
  const k = directions.length
  for (let i = range.from; i < range.to; i++) {
    const params = evaluate(document, seconds(timeline.startSec + i / timeline.fps))
    out.weights.set(expressionCode(directions, params.expression), i * k)
    const q = headQuaternion(params.camera)
    if (i > 0) {
      const p = out.rotations.subarray(4 * (i - 1), 4 * i)
      if (p[0]! * q[0] + p[1]! * q[1] + p[2]! * q[2] + p[3]! * q[3] < 0) q.forEach((v, j) => (q[j] = -v))
    }
    out.rotations.set(q, 4 * i)
  }
}
