// The irises of the animated 3D face (.glb): the canonical face mesh leaves the eyes open, so each eye gets a disc
// behind its lids, textured with the photo's iris, that the gaze directions move as the engine moves the eyeball
// (`engine/avatar/eye-gaze.ts`: travel along the eye's axis and up, cm at +1) and a blink sinks (BLINK_SINK), as the
// avatar builder does. Canonical frame and units: cm; the mesh builder converts to metres.
import { type FaceAnalysis } from '@shared/face/face-analysis'
import { BLINK_SINK } from '../engine/avatar/eye-blink'
import { LEFT_EYE, RIGHT_EYE } from '../engine/expression/face-regions'

/** Rim vertices of each disc. */
export const IRIS_SEGMENTS = 16
/** How far (cm) a disc sits behind its eye's lid margins, so a closing lid covers it. */
const BEHIND_LIDS_CM = 0.15
/** Subject's right eye, then left (the order of `FaceAnalysis.irises`), with the blink that closes it. */
const EYES = [
  { contour: RIGHT_EYE, corners: [33, 133], blink: 'blinkR' },
  { contour: LEFT_EYE, corners: [362, 263], blink: 'blinkL' }
] as const

export interface IrisDiscs {
  /** 2 × (1 + IRIS_SEGMENTS) × 3, canonical cm. */
  readonly position: Float32Array
  /** Per vertex, where it lies in the portrait, px. */
  readonly picturePx: Float32Array
  /** Triangles over the discs' own vertices (0-based), counter-clockwise seen from the front. */
  readonly triangles: Uint16Array
  /**
   * The discs' offsets at weight 1 of direction `name` (cm, one xyz per disc vertex), given its eyeball travel
   * `[along the eye's axis toward the subject's left, up]` (cm at +1).
   */
  readonly offsets: (name: string, eyeball: readonly [number, number] | undefined) => Float32Array
}

/** The discs of `face`'s irises, or null when its analysis has none (the landmark model without attention). */
export function irisDiscs(
  face: Pick<FaceAnalysis, 'canonicalLandmarks' | 'canonicalIrises' | 'irises'>
): IrisDiscs | null {
  const { canonicalIrises: canonical, irises: picture, canonicalLandmarks: lm } = face
  if (!canonical || !picture) return null
  const perDisc = 1 + IRIS_SEGMENTS
  const position = new Float32Array(2 * perDisc * 3)
  const picturePx = new Float32Array(2 * perDisc * 2)
  const triangles = new Uint16Array(2 * IRIS_SEGMENTS * 3)
  const axes: [number, number, number][] = []
  EYES.forEach((eye, e) => {
    const c = (i: number, a: number): number => canonical[(5 * e + i) * 3 + a]!
    const p = (i: number, a: number): number => picture[(5 * e + i) * 3 + a]!
    const mean = (f: (i: number) => number): number => (f(1) + f(2) + f(3) + f(4)) / 4
    const radius = mean((i) => Math.hypot(c(i, 0) - c(0, 0), c(i, 1) - c(0, 1)))
    const radiusPx = mean((i) => Math.hypot(p(i, 0) - p(0, 0), p(i, 1) - p(0, 1)))
    const rim = [...eye.contour.upper, ...eye.contour.lower]
    const lidZ = rim.reduce((sum, v) => sum + lm[3 * v + 2]!, 0) / rim.length
    const z = Math.min(c(0, 2), lidZ) - BEHIND_LIDS_CM
    for (let k = 0; k <= IRIS_SEGMENTS; k++) {
      const angle = k === 0 ? 0 : (2 * Math.PI * (k - 1)) / IRIS_SEGMENTS
      const reach = k === 0 ? 0 : 1
      const v = e * perDisc + k
      position.set(
        [c(0, 0) + reach * radius * Math.cos(angle), c(0, 1) + reach * radius * Math.sin(angle), z],
        3 * v
      )
      // Canonical y is up, picture y down.
      picturePx.set(
        [p(0, 0) + reach * radiusPx * Math.cos(angle), p(0, 1) - reach * radiusPx * Math.sin(angle)],
        2 * v
      )
    }
    for (let k = 0; k < IRIS_SEGMENTS; k++) {
      const rimVertex = (j: number): number => e * perDisc + 1 + (j % IRIS_SEGMENTS)
      triangles.set([e * perDisc, rimVertex(k), rimVertex(k + 1)], 3 * (e * IRIS_SEGMENTS + k))
    }
    // The eye's axis toward the subject's left, from corner to corner.
    const [a, b] = eye.corners
    const d = [0, 1, 2].map((i) => lm[3 * b + i]! - lm[3 * a + i]!)
    const length = Math.hypot(d[0]!, d[1]!, d[2]!) || 1
    axes.push([d[0]! / length, d[1]! / length, d[2]! / length])
  })
  const offsets = (name: string, eyeball: readonly [number, number] | undefined): Float32Array => {
    const out = new Float32Array(position.length)
    EYES.forEach((eye, e) => {
      const [along, up] = eyeball ?? [0, 0]
      const axis = axes[e]!
      const move = [
        along * axis[0],
        along * axis[1] + up,
        along * axis[2] - (name === eye.blink ? BLINK_SINK : 0)
      ]
      for (let k = 0; k < perDisc; k++) out.set(move, 3 * (e * perDisc + k))
    })
    return out
  }
  return { position, picturePx, triangles, offsets }
}
