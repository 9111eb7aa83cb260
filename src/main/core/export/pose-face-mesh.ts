// One frame of the 3D face as plain geometry, for formats without morph targets or a node tree (the OBJ sequence):
// the mesh deformed by the frame's morph weights and placed as the .glb's scene graph places it (`build-face-gltf.ts`):
// a vertex p lands at R_orbit · R_pose · (p − pivot) + R_pose · pivot, in glTF's frame (+X the subject's left, +Y up,
// +Z out of the face, metres).
import { multiplyQuaternions, type Quaternion } from '@shared/export/face-animation'
import { type FaceMesh } from './face-mesh'

/** Row-major 3 × 3 rotation matrix of the unit quaternion `q` ([x, y, z, w]). */
function rotationMatrix(q: readonly number[]): number[] {
  const [x, y, z, w] = q as Quaternion
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - z * w),
    2 * (x * z + y * w),
    2 * (x * y + z * w),
    1 - 2 * (x * x + z * z),
    2 * (y * z - x * w),
    2 * (x * z - y * w),
    2 * (y * z + x * w),
    1 - 2 * (x * x + y * y)
  ]
}

export interface FacePose {
  /** The frame's morph weights, one per target (`mesh.targets` order). */
  readonly weights: ArrayLike<number>
  /** The head's rotation of the frame (glTF quaternion, the camera orbit as a head rotation). */
  readonly rotation: readonly number[]
  /** The portrait's own head rotation (glTF quaternion). */
  readonly portraitPose: readonly number[]
  /** The head's rotation centre in the face frame, metres. */
  readonly pivot: readonly [number, number, number]
}

/**
 * Writes the posed vertices of `mesh` into `position` and their unit normals into `normal` (each vertex count × 3):
 * neutral + Σ w_k target_k, then turned and placed as the .glb's nodes do.
 */
export function poseFaceMesh(
  mesh: FaceMesh,
  pose: FacePose,
  position: Float32Array,
  normal: Float32Array
): void {
  position.set(mesh.position)
  normal.set(mesh.normal)
  mesh.targets.forEach((target, k) => {
    const w = pose.weights[k] ?? 0
    if (w === 0) return
    for (let i = 0; i < position.length; i++) {
      position[i]! += w * target.position[i]!
      normal[i]! += w * target.normal[i]!
    }
  })
  const m = rotationMatrix(multiplyQuaternions(pose.rotation, pose.portraitPose))
  const p = rotationMatrix(pose.portraitPose)
  const [cx, cy, cz] = pose.pivot
  const shift = [0, 1, 2].map((r) => p[3 * r]! * cx + p[3 * r + 1]! * cy + p[3 * r + 2]! * cz)
  for (let v = 0; v < position.length; v += 3) {
    const [x, y, z] = [position[v]! - cx, position[v + 1]! - cy, position[v + 2]! - cz]
    const [nx, ny, nz] = [normal[v]!, normal[v + 1]!, normal[v + 2]!]
    const length = Math.hypot(nx, ny, nz) || 1
    for (let r = 0; r < 3; r++) {
      position[v + r] = m[3 * r]! * x + m[3 * r + 1]! * y + m[3 * r + 2]! * z + shift[r]!
      normal[v + r] = (m[3 * r]! * nx + m[3 * r + 1]! * ny + m[3 * r + 2]! * nz) / length
    }
  }
}
