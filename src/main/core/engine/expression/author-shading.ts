import { piecewiseLinearAt } from '../avatar/piecewise-linear'
import { smoothstep } from '../avatar/smoothstep'
import {
  LEFT_EYE,
  MOUTH_CORNER_LEFT,
  MOUTH_CORNER_RIGHT,
  NOSE_WING_LEFT,
  NOSE_WING_RIGHT,
  RIGHT_EYE
} from './face-regions'

/**
 * Authored expression shading: what a contracting muscle does to the skin's appearance, beyond its shape — the
 * nasolabial fold deepening and the cheek lifting in a smile, crow's feet, forehead lines under raised brows,
 * vertical lines between furrowed brows, the lower lid bunching in a squint, bunny lines in a sneer, marionette
 * lines in a frown, shadows at puckered lips.
 *
 * A field is the relative change of the skin's colour at slider +1 (-0.2 = 20 % darker, +0.06 = 6 % lighter),
 * as a function of the position on this person's own canonical face (their landmarks with pose and scale
 * factored out: cm, x toward the subject's left, y up), so every line sits where this face's features are. The
 * renderer multiplies the person's own colour by (1 + shade) (per channel, by the skin's shadow tint), so the skin
 * keeps its tone and texture; the generator scales each field by its code's onset, relu(c) min(relu(c), 1) (lines
 * form as a muscle contracts, past a threshold; the opposite forms none), so zero code changes nothing.
 *
 * Lines are Gaussian ridges about 0.1 cm wide (σ): the avatar averages them over its cells (about 0.19 cm) and
 * the renderer reads and interpolates them at the cell grid's resolution, so a thinner line would alias into
 * dots. That filtering takes about a third off a line's darkest value; the depths below are set for what shows.
 */

type Vec2 = readonly [number, number]
export type ShadingField = (p: Vec2) => number

/** The landmark positions the shading is placed by (canonical cm, 468 x 3). */
export type CanonicalLandmarks = ArrayLike<number>

const LINE_SIGMA = 0.1

const gauss1 = (d: number, sigma: number): number => Math.exp(-0.5 * (d / sigma) ** 2)
const gauss2 = (p: Vec2, c: Vec2, sx: number, sy: number = sx): number =>
  Math.exp(-0.5 * (((p[0] - c[0]) / sx) ** 2 + ((p[1] - c[1]) / sy) ** 2))
const add = (a: Vec2, b: Vec2): Vec2 => [a[0] + b[0], a[1] + b[1]]
const lerp = (a: Vec2, b: Vec2, t: number): Vec2 => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]

/**
 * Distance from p to a polyline and where along it (0..1 by arc length) the nearest point lies; `side` is the
 * sign of the cross product (which side of the line p is on, relative to its direction).
 */
export function polylineDistance(p: Vec2, line: readonly Vec2[]): { d: number; t: number; side: number } {
  let total = 0
  for (let i = 1; i < line.length; i++)
    total += Math.hypot(line[i]![0] - line[i - 1]![0], line[i]![1] - line[i - 1]![1])
  let best = { d: Infinity, t: 0, side: 0 }
  let run = 0
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!
    const b = line[i]!
    const ex = b[0] - a[0]
    const ey = b[1] - a[1]
    const len = Math.hypot(ex, ey)
    const u = len > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / (len * len))) : 0
    const d = Math.hypot(p[0] - a[0] - u * ex, p[1] - a[1] - u * ey)
    if (d < best.d) {
      best = {
        d,
        t: total > 0 ? (run + u * len) / total : 0,
        side: Math.sign(ex * (p[1] - a[1]) - ey * (p[0] - a[0]))
      }
    }
    run += len
  }
  return best
}

/** A line ridge: `depth` at the line, fading over its first and last `taper` of its length. */
function ridge(p: Vec2, line: readonly Vec2[], depth: number, sigma = LINE_SIGMA, taper = 0.2): number {
  const { d, t } = polylineDistance(p, line)
  const ends = smoothstep(0, taper, t) * (1 - smoothstep(1 - taper, 1, t))
  return depth * gauss1(d, sigma) * ends
}

/** Piecewise-linear y(x) through points, clamped at the ends. */
function curveY(points: readonly Vec2[]): (x: number) => number {
  const sorted = [...points].sort((p, q) => p[0] - q[0])
  return (x) => piecewiseLinearAt(sorted, x)
}

/**
 * The shading fields of the directions that have one, placed on this face. Directions without an entry (jaw,
 * blinks, eyesWide, jawSideways) change shape only.
 */
export function authorExpressionShading(
  lm: CanonicalLandmarks
): Readonly<Partial<Record<string, ShadingField>>> {
  const at = (i: number): Vec2 => [lm[3 * i]!, lm[3 * i + 1]!]
  const mean = (ids: readonly number[]): Vec2 => {
    const s = ids.reduce<[number, number]>((a, i) => [a[0] + at(i)[0], a[1] + at(i)[1]], [0, 0])
    return [s[0] / ids.length, s[1] / ids.length]
  }
  // Sides: s = -1 is the subject's right (negative x), s = +1 the left.
  const corner = (s: number): Vec2 => at(s < 0 ? MOUTH_CORNER_RIGHT : MOUTH_CORNER_LEFT)
  const wing = (s: number): Vec2 => at(s < 0 ? NOSE_WING_RIGHT : NOSE_WING_LEFT)
  const eye = (s: number) => (s < 0 ? RIGHT_EYE : LEFT_EYE)
  const outerCorner = (s: number): Vec2 => at(eye(s).upper[0]!)
  const SIDES = [-1, 1] as const

  // Nasolabial fold: from just outside and above the nose wing, bowing outward, to below and outside the mouth
  // corner. The cheek bulges on its outer side (a soft highlight), the fold itself is a dark crease.
  const fold = (s: number): Vec2[] => {
    const top = add(wing(s), [s * 0.35, 0.15])
    const bottom = add(corner(s), [s * 0.7, -0.55])
    return [top, add(lerp(top, bottom, 0.5), [s * 0.25, 0]), bottom]
  }
  const foldShade = (p: Vec2, s: number, depth: number, upperPart = 1): number => {
    const line = fold(s)
    const { d, t, side } = polylineDistance(p, line)
    const along = smoothstep(0, 0.15, t) * (1 - smoothstep(upperPart - 0.15, upperPart, t))
    // The polyline runs top to bottom; for the subject's left (s = +1) the outside (cheek) is on the line's right.
    const outside = side === -s
    return along * (depth * gauss1(d, 0.11) + (outside ? 0.3 * Math.abs(depth) * gauss1(d - 0.45, 0.22) : 0))
  }
  // Crow's feet: three short lines fanning out from beyond the outer eye corner.
  const crowsFeet = (p: Vec2, s: number, depth: number): number => {
    const c = add(outerCorner(s), [s * 0.35, 0])
    let v = 0
    for (const deg of [-28, 0, 24]) {
      const a = (deg * Math.PI) / 180
      const dir: Vec2 = [s * Math.cos(a), Math.sin(a)]
      v += ridge(p, [c, add(c, [dir[0] * 0.9, dir[1] * 0.9])], depth, LINE_SIGMA, 0.3)
    }
    return v
  }
  // Forehead: lines run parallel to the brows' upper edge, 0.9, 1.5 and 2.1 cm above it, slightly wavy, and fade
  // below the top of the face mesh (the hairline or above).
  const browTop = curveY([...RIGHT_EYE.browUpper, ...LEFT_EYE.browUpper].map(at))
  const faceTop = at(10)[1]
  const foreheadLines = (p: Vec2, depth: number): number => {
    const above = p[1] - browTop(p[0])
    let v = 0
    for (const h of [0.9, 1.5, 2.1]) v += gauss1(above - h - 0.06 * Math.sin(1.7 * p[0] + 3 * h), LINE_SIGMA)
    return depth * v * smoothstep(faceTop, faceTop - 0.5, p[1])
  }
  const innerBrowR = at(RIGHT_EYE.browUpper[RIGHT_EYE.browUpper.length - 1]!)
  const innerBrowL = at(LEFT_EYE.browUpper[LEFT_EYE.browUpper.length - 1]!)
  const glabella: Vec2 = lerp(innerBrowR, innerBrowL, 0.5)
  const lowerLid = (s: number) => curveY(eye(s).lower.map(at))
  const eyeSpan = (s: number): Vec2 => {
    const xs = eye(s).lower.map((i) => at(i)[0])
    return [Math.min(...xs), Math.max(...xs)]
  }
  const lowerLip = at(17)
  const upperLipTop = at(0)
  const nasion = mean([168, 6])

  return {
    smile: (p) => {
      let v = 0
      for (const s of SIDES) {
        v += foldShade(p, s, -0.28)
        // The cheek lifts and catches the light under the eye.
        v += 0.06 * gauss2(p, add(corner(s), [s * 0.9, 2.3]), 1.0, 0.7)
        v += crowsFeet(p, s, -0.13)
      }
      return v
    },
    upperLipRaise: (p) => SIDES.reduce((v, s) => v + foldShade(p, s, -0.16, 0.6), 0),
    noseSneer: (p) => {
      let v = 0
      for (const s of SIDES) {
        v += foldShade(p, s, -0.12, 0.5)
        // Bunny lines: short diagonal creases across the side of the nose bridge.
        for (const dy of [0, -0.35]) {
          const a = add(nasion, [s * 0.25, -0.4 + dy])
          v += ridge(p, [a, add(a, [s * 0.55, -0.3])], -0.2, 0.08, 0.3)
        }
      }
      return v
    },
    frown: (p) => {
      let v = 0
      for (const s of SIDES) {
        const c = corner(s)
        // Marionette line: from the corner down and a little out.
        v += ridge(p, [add(c, [s * 0.15, -0.1]), add(c, [s * 0.45, -1.3])], -0.18, 0.12, 0.25)
      }
      // The labiomental fold under the lower lip deepens as the chin pushes up.
      v += -0.12 * gauss1(p[1] - (lowerLip[1] - 0.45), 0.14) * gauss1(p[0] - lowerLip[0], 0.9)
      return v
    },
    pucker: (p) => {
      let v = 0
      for (const s of SIDES) {
        // The corners sink as the lips push forward; fine vertical lines form above the upper lip.
        v += -0.16 * gauss2(p, corner(s), 0.25, 0.2)
        for (const x of [0.35, 0.8]) {
          const a = add(upperLipTop, [s * x, 0.08])
          v += ridge(p, [a, add(a, [s * 0.05, 0.45])], -0.11, 0.08, 0.3)
        }
      }
      return v + 0.05 * gauss2(p, add(upperLipTop, [0, -0.25]), 0.5, 0.2)
    },
    mouthStretch: (p) =>
      SIDES.reduce((v, s) => v - 0.1 * gauss2(p, add(corner(s), [s * 0.5, 0]), 0.22, 0.3), 0),
    lipsPress: (p) =>
      -0.1 * gauss1(p[1] - (lowerLip[1] - 0.35), 0.14) * gauss1(p[0] - lowerLip[0], 0.8) +
      SIDES.reduce((v, s) => v - 0.08 * gauss2(p, corner(s), 0.2), 0),
    squint: (p) => {
      let v = 0
      for (const s of SIDES) {
        const [x0, x1] = eyeSpan(s)
        const span = smoothstep(x0 - 0.2, x0 + 0.3, p[0]) * (1 - smoothstep(x1 - 0.3, x1 + 0.2, p[0]))
        const below = lowerLid(s)(p[0]) - p[1]
        // The lower lid bunches: a highlight on the roll just under the margin, a crease below it.
        v += span * (0.06 * gauss1(below - 0.2, 0.1) - 0.13 * gauss1(below - 0.45, 0.12))
        v += crowsFeet(p, s, -0.09)
      }
      return v
    },
    browInnerUp: (p) => foreheadLines(p, -0.18) * gauss1(p[0] - glabella[0], 2.0),
    browOuterUp: (p) =>
      foreheadLines(p, -0.15) *
      Math.max(gauss1(p[0] - (glabella[0] - 3.0), 1.4), gauss1(p[0] - (glabella[0] + 3.0), 1.4)),
    browFurrow: (p) => {
      let v = 0
      for (const s of SIDES) {
        // Vertical lines between the brows, leaning out toward the top. Soft (−0.17, 0.11 cm wide): at −0.26 and
        // 0.09 cm they drew two grey pen strokes on a smooth young glabella (lp_s42, hallo_ref6). 0.5 cm either side
        // of the middle on the neutral face: the furrow gathers the skin between the brow heads by half, and from
        // 0.38 cm the two lines came together into one down the middle (lp_s42).
        const a = add(glabella, [s * 0.5, -0.3])
        v += ridge(p, [a, add(a, [s * 0.12, 1.4])], -0.17, 0.11, 0.25)
      }
      // The skin between them bunches up (a highlight) and the procerus creases the nose root.
      v += 0.05 * gauss2(p, add(glabella, [0, 0.3]), 0.18, 0.5)
      v += -0.08 * gauss1(p[1] - nasion[1], 0.1) * gauss1(p[0] - nasion[0], 0.5)
      return v
    }
  }
}
