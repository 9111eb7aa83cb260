// Authored fields of the eyes, brows and nose (see author-directions.ts for units and frame).
import type { AuthoringGeometry, EyeGeometry, FieldFunction, Vec3 } from './authoring-geometry'
import { LEFT_EYE, NOSE_WING_LEFT, NOSE_WING_RIGHT, RIGHT_EYE } from './face-regions'

export function upperFaceFields(g: AuthoringGeometry): Record<string, FieldFunction> {
  const { V, gauss, eyes } = g
  function blink(e: EyeGeometry, p: Vec3): Vec3 {
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

  return {
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
}
