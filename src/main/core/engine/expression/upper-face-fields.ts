// Authored fields of the eyes, brows and nose (see author-directions.ts for units and frame).
import type { AuthoringGeometry, EyeGeometry, FieldFunction, Vec3 } from './authoring-geometry'
import { smoothstep } from '../avatar/smoothstep'
import { LEFT_EYE, NOSE_WING_LEFT, NOSE_WING_RIGHT, RIGHT_EYE } from './face-regions'

/** browFurrow's inward pull of each brow head at +1 (before its reach gain), cm. */
const FURROW_IN_CM = 0.35
/**
 * browFurrow's lowering of the brow heads and the skin between them at +1 (before its reach gain), cm. The lids
 * are held (browLidHold), so the brows come down onto the skin above the lid's rim, not onto the eye. At 0.2 the
 * brows hardly came down and the analysis read the heads' gathering at a tenth of its size (browGap −0.11 cm of
 * −1.05 commanded, hallo_ref6); lowered 0.45 it reads −0.17 there, −0.12 on lp_drv12 (−0.04 before) and the
 * right sign on lp_s9 (whose plucked brows had read wider). At 0.6 lp_s9 read wider again.
 */
const FURROW_DOWN_CM = 0.45

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

  // The brow head (|x|, y): the middle of the inner ends of the brow's lower and upper edges, both sides alike.
  const furrowHead = [RIGHT_EYE, LEFT_EYE]
    .flatMap((eye) => [eye.browLower[eye.browLower.length - 1]!, eye.browUpper[eye.browUpper.length - 1]!])
    .map((i) => [Math.abs(V(i)[0]), V(i)[1]] as const)
    .reduce((a, b, _, all) => [a[0] + b[0] / all.length, a[1] + b[1] / all.length] as const, [0, 0] as const)

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
      // Corrugator and procerus: the brow heads are drawn toward the midline and down, the skin between them
      // bunches. The inward pull is 0 at the midline and rises to its full FURROW_IN_CM at the brow head over
      // a smoothstep (the head at |x| ≈ 1.3 cm), so the glabella between them compresses by at most
      // 1.5 × 0.35 / 1.3 ≈ 40 % (60 % at the reach gain of 1.5) and never folds over (a Gaussian pull centred
      // beside the midline took the brows' lower heads 1.1 cm in, past each other's skin: the render tore a
      // seam down the glabella). Past the head it fades along the brow over 2 cm, as far as the corrugator
      // reaches (mid-brow); faded over 1.3 cm, the brow heads alone moved and the analysis read half as much.
      // The brows come down as they gather, with the skin between (the lids held: browLidHold, in the basis).
      const ax = Math.abs(p[0])
      const along = Math.exp(-0.5 * (Math.max(0, ax - furrowHead[0]) / 2) ** 2)
      const rows = Math.exp(-0.5 * ((p[1] - furrowHead[1]) / 0.8) ** 2)
      return [
        -Math.sign(p[0]) * FURROW_IN_CM * smoothstep(0, furrowHead[0], ax) * along * rows,
        -FURROW_DOWN_CM * along * rows,
        0.05 * along * rows
      ]
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
