// Authored fields of the mouth and jaw (see author-directions.ts for units and frame).
import { smoothstep } from '../avatar/smoothstep'
import type { AuthoringGeometry, FieldFunction, Vec3 } from './authoring-geometry'
import { CHIN, MOUTH_CORNER_LEFT, MOUTH_CORNER_RIGHT } from './face-regions'

export function mouthFields(g: AuthoringGeometry): Record<string, FieldFunction> {
  const { V, lowerWeight, gauss, lipsWeight, mouthCenter, hinge } = g
  return {
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
    }
  }
}
