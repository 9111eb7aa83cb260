// The canonical face's geometry the authored expression fields are shaped on: contour curves of the lips and
// lids, weights across them, and Gaussian falloffs. Canonical centimetres, x toward the subject's left, y up,
// z toward the camera.
import { piecewiseLinearAt } from '../avatar/piecewise-linear'
import { smoothstep } from '../avatar/smoothstep'
import {
  INNER_LIP_LOWER,
  INNER_LIP_UPPER,
  LEFT_EYE,
  MOUTH_CORNER_LEFT,
  RIGHT_EYE,
  type EyeContours
} from './face-regions'
import type { CanonicalMesh } from './author-directions'

export type Vec3 = [number, number, number]

/** A displacement field: each vertex's displacement (cm at slider +1) from its position and index. */
export type FieldFunction = (p: Vec3, i: number) => Vec3

/** Piecewise-linear curve y(x) through points sorted by x, clamped at the ends. */
function curve(points: readonly (readonly [number, number])[]): (x: number) => number {
  const p = [...points].sort((a, b) => a[0] - b[0])
  return (x) => piecewiseLinearAt(p, x)
}

/** One eye's lid weights and centre (see authoringGeometry). */
export interface EyeGeometry {
  /** Weights of the upper-lid skin (1 at the margin, 0 at the brow) and lower-lid skin (1 at the margin), and the opening height h (cm) at x. */
  weights(p: Vec3): { upper: number; lower: number; h: number }
  readonly center: readonly [number, number]
}

export interface AuthoringGeometry {
  /** Vertex count and a vertex's position. */
  readonly n: number
  readonly V: (i: number) => Vec3
  /** 1 below the lip seam (lower lip, chin), 0 above it; sharp at the lips, wider past the corners. */
  readonly lowerWeight: (p: Vec3) => number
  /** An anisotropic Gaussian falloff about centre c, widths sx, sy (cm). */
  readonly gauss: (p: Vec3, c: readonly number[], sx: number, sy?: number) => number
  /** The lips' region about the mouth centre. */
  readonly lipsWeight: (p: Vec3) => number
  readonly mouthCenter: Vec3
  /** Jaw hinge (temporomandibular joint, in front of the ears), an axis along x. */
  readonly hinge: Vec3
  /** The subject's right eye, then the left. */
  readonly eyes: readonly [EyeGeometry, EyeGeometry]
}

export function authoringGeometry(mesh: CanonicalMesh): AuthoringGeometry {
  const n = mesh.vertices.length / 3
  const V = (i: number): Vec3 => [mesh.vertices[3 * i]!, mesh.vertices[3 * i + 1]!, mesh.vertices[3 * i + 2]!]
  const xy = (i: number): [number, number] => [V(i)[0], V(i)[1]]

  // Mouth: the seam between the lips, and a weight that is 1 below it (lower lip, chin) and 0 above it. The
  // transition is sharp at the lips and widens past the mouth corners so the cheeks stretch smoothly.
  const seam = curve(
    INNER_LIP_UPPER.map((u, k) => [V(u)[0], (V(u)[1] + V(INNER_LIP_LOWER[k]!)[1]) / 2] as const)
  )
  const cornerX = V(MOUTH_CORNER_LEFT)[0]
  const mouthCenter = V(13).map((c, k) => (c + V(14)[k]!) / 2) as Vec3
  const lowerWeight = (p: Vec3): number => {
    const d = 0.1 + 0.45 * Math.max(0, Math.abs(p[0]) - cornerX + 0.3)
    return smoothstep(-d, d, seam(p[0]) - p[1])
  }
  const gauss = (p: Vec3, c: readonly number[], sx: number, sy: number = sx): number =>
    Math.exp(-0.5 * (((p[0] - c[0]!) / sx) ** 2 + ((p[1] - c[1]!) / sy) ** 2))
  const lipsWeight = (p: Vec3): number => gauss(p, mouthCenter, 2.2, 1.0)

  // Jaw hinge (temporomandibular joint, in front of the ears) as an axis along x.
  const hinge: Vec3 = [0, -0.5, -3.0]

  // Eyes: lid margins and the brow line as curves of x, and the opening height h(x).
  const eyeField = (eye: EyeContours) => {
    const up = curve(eye.upper.map(xy))
    const lo = curve(eye.lower.map(xy))
    const brow = curve(eye.browLower.map(xy))
    const xs = eye.upper.map((i) => V(i)[0])
    const x0 = Math.min(...xs)
    const x1 = Math.max(...xs)
    const gap = (x: number): number => (x <= x0 || x >= x1 ? 0 : Math.max(0, up(x) - lo(x)))
    /** Weights of the upper-lid skin (1 at the margin, 0 at the brow) and lower-lid skin (1 at the margin). */
    const weights = (p: Vec3): { upper: number; lower: number; h: number } => {
      const h = gap(p[0])
      const yu = up(p[0])
      const yl = lo(p[0])
      const span = Math.max(0.3, brow(p[0]) - yu)
      // The lid plate (margin to crease, about half-way to the brow) slides as one piece; the skin between the
      // crease and the brow takes up the stretch, away from the eye opening.
      const upper = p[1] >= yl + 0.5 * h ? 1 - smoothstep(0.2 * span, 0.6 * span, p[1] - yu) : 0
      const lower = p[1] < yl + 0.5 * h ? (1 - smoothstep(0, 1.2, yl - p[1])) ** 1.5 : 0
      return { upper, lower, h }
    }
    return { weights, center: [(x0 + x1) / 2, (up((x0 + x1) / 2) + lo((x0 + x1) / 2)) / 2] as const }
  }
  const eyes = [eyeField(RIGHT_EYE), eyeField(LEFT_EYE)] as const

  return { n, V, lowerWeight, gauss, lipsWeight, mouthCenter, hinge, eyes }
}
