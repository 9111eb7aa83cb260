import { piecewiseLinearAt } from '../avatar/piecewise-linear'
import {
  CHIN,
  INNER_LIP_LOWER,
  INNER_LIP_UPPER,
  LEFT_EYE,
  MOUTH_CORNER_LEFT,
  MOUTH_CORNER_RIGHT,
  NOSE_WING_LEFT,
  NOSE_WING_RIGHT,
  RIGHT_EYE,
  type EyeContours
} from './face-regions'

/**
 * Authored expression displacement fields on the canonical face mesh.
 *
 * Units and frame: canonical centimetres, x toward the subject's left, y up, z toward the camera. Each field is
 * the displacement of every vertex at slider +1 ("strong but natural"). Fields are smooth functions of the
 * vertex position (Gaussian falloffs, smoothsteps across lip and lid contours) so they stay local and have
 * no seams; lids and the jaw use contour curves interpolated from the landmark sets in `face-regions.ts`.
 */

export interface CanonicalMesh {
  /** 468 x (x, y, z), cm. */
  readonly vertices: ArrayLike<number>
  /** 3 vertex indices per triangle. */
  readonly triangles: ArrayLike<number>
}

export interface AuthoredDirection {
  readonly name: string
  /** 468 x (dx, dy, dz), cm at slider +1. */
  readonly field: Float64Array
}

type Vec3 = [number, number, number]

const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}

/** Piecewise-linear curve y(x) through points sorted by x, clamped at the ends. */
function curve(points: readonly (readonly [number, number])[]): (x: number) => number {
  const p = [...points].sort((a, b) => a[0] - b[0])
  return (x) => piecewiseLinearAt(p, x)
}

export function authorExpressionDirections(mesh: CanonicalMesh): AuthoredDirection[] {
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
  const lipsWeight = (p: Vec3): number => gauss(p, mouthCenter, 2.2 + 0.25 * Math.abs(p[0]) * 0, 1.0)

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
  const eyes = [eyeField(RIGHT_EYE), eyeField(LEFT_EYE)]

  const fields: Record<string, (p: Vec3, i: number) => Vec3> = {
    jawOpen: (p) => {
      // Linearised rotation of the mandible about the hinge: the chin goes down and back, the lips part.
      const w = lowerWeight(p) * smoothstep(hinge[1] + 0.5, hinge[1] - 2.5, p[1])
      const theta = 0.24
      return [0, -theta * (p[2] - hinge[2]) * w, theta * (p[1] - hinge[1]) * w]
    },
    jawSideways: (p) => {
      const w = lowerWeight(p) * smoothstep(hinge[1] + 0.5, hinge[1] - 4, p[1])
      return [0.8 * w, 0, 0]
    },
    smile: (p) => {
      const out: Vec3 = [0, 0, 0]
      for (const s of [-1, 1]) {
        const corner = V(s < 0 ? MOUTH_CORNER_RIGHT : MOUTH_CORNER_LEFT)
        // Zygomaticus major: the corner goes up and out along the cheek, the cheek bunches up under the eye.
        const g = gauss(p, corner, 1.3, 1.1)
        const cheek = gauss(p, [corner[0] + s * 0.9, corner[1] + 2.4], 1.4, 1.1)
        // More up than out: after orthogonalisation against mouthStretch (straight out) and frown (down), a
        // corner that went nearly as much out as up read as a wide, flat mouth rather than a smile.
        out[0] += s * 0.5 * g
        out[1] += 0.9 * g + 0.5 * cheek
        out[2] += -0.35 * g + 0.2 * cheek
      }
      return out
    },
    frown: (p) => {
      const out: Vec3 = [0, 0, 0]
      for (const s of [-1, 1]) {
        const corner = V(s < 0 ? MOUTH_CORNER_RIGHT : MOUTH_CORNER_LEFT)
        // Depressor anguli oris: the corner goes down (smile takes it up and out, mouthStretch straight out).
        const g = gauss(p, [corner[0] + s * 0.1, corner[1] - 0.4], 1.1, 1.2)
        out[1] += -0.5 * g
        out[2] += -0.1 * g
      }
      // Mentalis: the chin boss and the lower lip push up and forward (the sad, pouting lower face). It also
      // keeps frown apart from jawOpen, which takes the chin down.
      const chin = gauss(p, [0, (V(17)[1] + V(CHIN)[1]) / 2], 1.6, 1.1)
      out[1] += 0.35 * chin
      out[2] += 0.2 * chin
      return out
    },
    pucker: (p) => {
      const w = lipsWeight(p)
      // Orbicularis oris: the lips push forward and round (mostly depth, so it stays apart from mouthStretch).
      return [-0.25 * p[0] * w, -0.1 * (p[1] - mouthCenter[1]) * w, 0.8 * w * gauss(p, mouthCenter, 2.0, 1.0)]
    },
    mouthStretch: (p) => {
      const out: Vec3 = [0, 0, 0]
      for (const s of [-1, 1]) {
        const corner = V(s < 0 ? MOUTH_CORNER_RIGHT : MOUTH_CORNER_LEFT)
        // Risorius: the corners are drawn straight out and back, flattening the lips.
        const g = gauss(p, corner, 1.1, 1.4)
        out[0] += s * 0.6 * g
        out[1] += -0.1 * g * lowerWeight(p)
        out[2] += -0.2 * g
      }
      return out
    },
    lipsPress: (p) => {
      const w = gauss(p, mouthCenter, 2.0, 0.7)
      // The lower lip comes up against the upper one and both roll in (back); the upper lip moves little, so
      // lipsPress stays apart from upperLipRaise.
      const lower = lowerWeight(p)
      return [0, (0.35 * lower - 0.1 * (1 - lower)) * w, -0.1 * w]
    },
    upperLipRaise: (p) => {
      const w = (1 - lowerWeight(p)) * gauss(p, [0, mouthCenter[1] + 0.7], 1.6, 0.7)
      return [0, 0.6 * w, 0.15 * w]
    },
    blinkR: (p) => blink(eyes[0]!, p),
    blinkL: (p) => blink(eyes[1]!, p),
    eyesWide: (p) => {
      const out: Vec3 = [0, 0, 0]
      for (const e of eyes) {
        const w = e.weights(p)
        out[1] += 0.3 * w.h * w.upper - 0.2 * w.h * w.lower
      }
      return out
    },
    squint: (p) => {
      const out: Vec3 = [0, 0, 0]
      for (const e of eyes) {
        const w = e.weights(p)
        const cheek = gauss(p, [e.center[0], e.center[1] - 1.6], 1.3, 0.8)
        out[1] += 0.5 * w.h * w.lower - 0.15 * w.h * w.upper + 0.25 * cheek
        out[2] += 0.05 * w.lower + 0.08 * cheek
      }
      return out
    },
    browInnerUp: (p) => browMove(p, 'inner', [0, 0.7, 0]),
    browOuterUp: (p) => browMove(p, 'outer', [0, 0.6, 0]),
    browFurrow: (p) => {
      const out: Vec3 = [0, 0, 0]
      for (const [eye, s] of [
        [RIGHT_EYE, -1],
        [LEFT_EYE, 1]
      ] as const) {
        const inner = V(eye.browLower[eye.browLower.length - 1]!)
        const g = gauss(p, [inner[0] - s * 0.3, inner[1]], 1.0, 0.8)
        // Corrugator: the inner brows are drawn together (mostly) and down.
        out[0] += -s * 0.6 * g
        out[1] += -0.25 * g
        out[2] += 0.05 * g
      }
      return out
    },
    noseSneer: (p) => {
      const out: Vec3 = [0, 0, 0]
      for (const wing of [NOSE_WING_RIGHT, NOSE_WING_LEFT]) {
        const c = V(wing)
        const g = gauss(p, [c[0], c[1] + 0.4], 0.9, 1.1)
        out[1] += 0.7 * g
        out[2] += 0.08 * g
      }
      return out
    }
  }

  function blink(e: (typeof eyes)[number], p: Vec3): Vec3 {
    const w = e.weights(p)
    // The upper margin travels the whole opening (and a little more) so it meets the lower lid, which rises 20%;
    // it also comes slightly forward so it wins the renderer's depth test over the eye it covers.
    return [0, -1.05 * w.h * w.upper + 0.1 * w.h * w.lower, 0.15 * w.upper * Math.min(1, w.h / 0.3)]
  }

  function browMove(p: Vec3, part: 'inner' | 'outer', d: Vec3): Vec3 {
    const out: Vec3 = [0, 0, 0]
    for (const eye of [RIGHT_EYE, LEFT_EYE]) {
      const pts = part === 'inner' ? eye.browUpper.slice(3) : eye.browUpper.slice(0, 3)
      const c = [0, 1].map((k) => pts.reduce((a, i) => a + V(i)[k]!, 0) / pts.length)
      const g = gauss(p, [c[0]!, c[1]! - 0.2], part === 'inner' ? 1.1 : 1.4, 1.3)
      for (let k = 0; k < 3; k++) out[k] += d[k]! * g
    }
    return out
  }

  return Object.entries(fields).map(([name, f]) => {
    const field = new Float64Array(n * 3)
    for (let i = 0; i < n; i++) {
      const d = f(V(i), i)
      field[3 * i] = d[0]
      field[3 * i + 1] = d[1]
      field[3 * i + 2] = d[2]
    }
    return { name, field }
  })
}
