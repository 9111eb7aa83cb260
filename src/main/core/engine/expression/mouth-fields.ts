// Authored fields of the mouth and jaw (see author-directions.ts for units and frame).
import { piecewiseLinearAt } from '../avatar/piecewise-linear'
import { smoothstep } from '../avatar/smoothstep'
import type { AuthoringGeometry, FieldFunction, Vec3 } from './authoring-geometry'
import {
  CHIN,
  INNER_LIP_LOWER,
  INNER_LIP_UPPER,
  MOUTH_CORNER_LEFT,
  MOUTH_CORNER_RIGHT,
  OUTER_LIP_LOWER,
  OUTER_LIP_UPPER
} from './face-regions'

/**
 * lipsPress's shape, canonical cm: the upper lip's outer border (vermilion line, landmark 0) comes down by
 * PRESS_UPPER_CM and the lower lip's (17) up by PRESS_LOWER_CM, the inner lips staying where they are (a third
 * and 60 % of the canonical red lips' 0.58 and 0.83 cm). The lower lip does most of it: the upper lip's share
 * overlaps upperLipRaise, which gave way to it (0.35 cm took its nose-to-lip shortening from 0.72 to 0.51 cm at
 * +1; 0.2 cm, with upperLipRaise at priority 1.5, leaves 0.62). Its size at +1 is the person's: the avatar scales it to thin this face's own red lips
 * by a share of their height (engine.ts, lipsPressGain).
 */
export const PRESS_UPPER_CM = 0.2
export const PRESS_LOWER_CM = 0.5
/**
 * The seal, canonical cm: the inner lower lip comes up by PRESS_SEAL_LOWER_CM and the inner upper lip down by
 * PRESS_SEAL_UPPER_CM in the authored field. The orthonormalisation keeps lipsPress apart from the clips' real
 * lower-lip rise (FITTED_MODES_KEPT_APART) and from the jaw, which moves its inner lower lip down: without the
 * seal the pressed lips parted by 0.29 cm at +1, the renderer's lip cut ran and tore cf_0478's lower lip and
 * hallo_ref6's lip line. With it the orthonormalised press keeps the inner lips together (0.01 cm).
 */
export const PRESS_SEAL_LOWER_CM = 0.26
export const PRESS_SEAL_UPPER_CM = 0.08

/**
 * The lips pressed together (orbicularis oris): each red lip thins toward the line where the lips meet, so the
 * inner lip contours stay put (a closed mouth stays closed without the lips crossing, an open one keeps its
 * opening: see the seal) and the red lips roll in (back). The skin past each border follows over 0.4 cm only:
 * a wider pull (the chin boss pushed up, the philtrum down) overlapped jawOpen and upperLipRaise more (cos −0.42,
 * −0.31 with a 1.2 and 0.8 cm fade). The mentalis's chin boss is frown's. The thinning fades out toward the
 * corners.
 */
function lipsPressField(g: AuthoringGeometry): FieldFunction {
  const { V } = g
  const curve = (ids: readonly number[]): ((x: number) => number) => {
    const pts = ids.map((i) => [V(i)[0], V(i)[1]] as const).sort((a, b) => a[0] - b[0])
    return (x) => piecewiseLinearAt(pts, x)
  }
  const outerUpper = curve(OUTER_LIP_UPPER)
  const innerUpper = curve(INNER_LIP_UPPER)
  const innerLower = curve(INNER_LIP_LOWER)
  const outerLower = curve(OUTER_LIP_LOWER)
  const cornerX = V(MOUTH_CORNER_LEFT)[0]
  return (p) => {
    const across = 1 - smoothstep(0.55 * cornerX, 1.05 * cornerX, Math.abs(p[0]))
    if (across <= 0) return [0, 0, 0]
    const yiU = innerUpper(p[0])
    const yiL = innerLower(p[0])
    const upper = p[1] >= (yiU + yiL) / 2
    const inner = upper ? yiU : yiL
    const outer = upper ? outerUpper(p[0]) : outerLower(p[0])
    const thickness = Math.max(0.05, Math.abs(outer - inner))
    // 0 at the inner lip, 1 at the outer border, then a fade into the skin past it.
    const into = Math.abs(p[1] - inner) / thickness
    const past = Math.max(0, Math.abs(p[1] - inner) - thickness)
    const share = into <= 1 ? Math.max(0, into) : Math.exp(-0.5 * (past / 0.4) ** 2)
    const red = into <= 1 ? Math.max(0, into) : Math.exp(-0.5 * (past / 0.3) ** 2)
    // The seal: the inner lips toward each other, most at the lip line (1 - into), fading to the borders.
    const seal = into <= 1 ? 1 - Math.max(0, into) : 0
    const sealDy = upper ? -PRESS_SEAL_UPPER_CM : PRESS_SEAL_LOWER_CM
    const dy = ((upper ? -PRESS_UPPER_CM : PRESS_LOWER_CM) * share + sealDy * seal) * across
    return [0, dy, -0.15 * red * across]
  }
}

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
    lipsPress: lipsPressField(g),
    upperLipRaise: (p) => {
      const w = (1 - lowerWeight(p)) * gauss(p, [0, mouthCenter[1] + 0.7], 1.6, 0.7)
      return [0, 0.6 * w, 0.15 * w]
    }
  }
}
