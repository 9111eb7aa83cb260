import type { FaceAnalysis } from '@shared/face/face-analysis'
import { withIrises } from '../drive/face-measures'
import { poseRotation } from '../drive/head-rotation'

/** What the live retargeting needs of one camera frame's face; the pixels are never kept. */
export interface LiveFace {
  /** 468 × (x, y, z) canonical landmarks (cm, pose and scale factored out), then the irises when read. */
  readonly canonical: Float32Array
  /** Head rotation, row-major 3×3, analysis camera frame (x right, y up, z toward the viewer). */
  readonly rotation: readonly number[]
}

/** The live view of an analysed face, as the driving clip's tracker keeps it (`track-driver.ts`). */
export function liveFaceOf(face: FaceAnalysis): LiveFace {
  return {
    canonical: withIrises(Float32Array.from(face.canonicalLandmarks), face.canonicalIrises),
    rotation: poseRotation(face.pose)
  }
}
