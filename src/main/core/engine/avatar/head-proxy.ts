import { smoothstep } from './smoothstep'

// Head proxy in canonical cm: an ellipsoid around the skull (centre behind the face, axes about a real head's
// half-breadth, half-height and half-length), so hair and ears get a plausible depth and turn with the head.
export const HEAD_CENTRE = [0, 1.5, -2.5] as const
const HEAD_AXES = [8.0, 10.5, 9.5] as const
/** Rigidity fades from 1 to 0 between these canonical heights (cm): just under the chin to the base of the neck. */
const NECK_FADE = [-18, -10.5] as const

/**
 * The posed head of one portrait: the canonical frame (cm) placed in the source image by the Procrustes pose,
 * and the ellipsoid that stands in for the skull where the face mesh does not reach.
 */
export interface HeadProxy {
  /** Head rotation centre, source px (x, y, depth). */
  readonly pivot: [number, number, number]
  /** A canonical direction (cm) as a source-px displacement (x right, y down, z = depth away from the camera). */
  readonly dirToImage: (d: readonly number[]) => [number, number, number]
  /** Front depth of the head ellipsoid at source px (x, y), or null outside its silhouette. */
  readonly ellipsoidDepth: (x: number, y: number) => number | null
  /** Rigidity at source px (x, y, depth): 1 on the head, fading to 0 down the neck (NECK_FADE). */
  readonly rigidityAt: (x: number, y: number, z: number) => number
}

/**
 * The head proxy for a pose `matrix` (row-major 3x4 [sR | t], canonical cm -> camera frame px, y and z
 * flipped against the image; see HeadPose) of scale `s` (source px per cm).
 */
export function createHeadProxy(matrix: readonly number[], s: number): HeadProxy {
  const M = matrix
  // canonical cm -> source px (x right, y down, z = depth away from the camera)
  const toImage = (q: readonly number[]): [number, number, number] => {
    const c = [0, 1, 2].map(
      (r) => M[4 * r]! * q[0]! + M[4 * r + 1]! * q[1]! + M[4 * r + 2]! * q[2]! + M[4 * r + 3]!
    )
    return [c[0]!, -c[1]!, -c[2]!]
  }
  const dirToImage = (d: readonly number[]): [number, number, number] => {
    const c = [0, 1, 2].map((r) => M[4 * r]! * d[0]! + M[4 * r + 1]! * d[1]! + M[4 * r + 2]! * d[2]!)
    return [c[0]!, -c[1]!, -c[2]!]
  }
  // source px -> canonical: q = (sR)^-1 (p_cam - t), (sR)^-1 = R^T / s
  const toCanonical = (x: number, y: number, z: number): [number, number, number] => {
    const p = [x - M[3]!, -y - M[7]!, -z - M[11]!]
    return [0, 1, 2].map((c) => (M[c]! * p[0]! + M[4 + c]! * p[1]! + M[8 + c]! * p[2]!) / (s * s)) as [
      number,
      number,
      number
    ]
  }
  /** Front and back depth of the head ellipsoid at source px (x, y), or null outside its silhouette. */
  const ellipsoidDepths = (x: number, y: number): [number, number] | null => {
    const q0 = toCanonical(x, y, 0)
    const q1 = toCanonical(x, y, 1)
    let a = 0
    let b = 0
    let c = -1
    for (let k = 0; k < 3; k++) {
      const d = (q1[k]! - q0[k]!) / HEAD_AXES[k]!
      const e = (q0[k]! - HEAD_CENTRE[k]!) / HEAD_AXES[k]!
      a += d * d
      b += 2 * d * e
      c += e * e
    }
    const disc = b * b - 4 * a * c
    if (disc < 0) return null
    return [(-b - Math.sqrt(disc)) / (2 * a), (-b + Math.sqrt(disc)) / (2 * a)]
  }
  return {
    pivot: toImage(HEAD_CENTRE),
    dirToImage,
    ellipsoidDepth: (x, y) => ellipsoidDepths(x, y)?.[0] ?? null,
    rigidityAt: (x, y, z) => smoothstep(NECK_FADE[0], NECK_FADE[1], toCanonical(x, y, z)[1])
  }
}
