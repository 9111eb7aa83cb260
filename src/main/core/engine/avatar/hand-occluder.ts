import { trimToHandColour } from './hand-colour-trim'
import { smoothstep } from './smoothstep'

/** A hand found in the portrait (see analysis/detect-hands.ts). */
export interface OccludingHand {
  /** 21 x (x, y, z), MediaPipe's hand landmark order (0 wrist, 9 middle finger's MCP): source px. */
  readonly landmarks: ArrayLike<number>
  /** Hand presence probability from the landmark model (0..1). */
  readonly presence: number
}

/**
 * A hand makes an occluder only when the landmark model is this sure of it: the detector takes an ear for a hand
 * now and then (presence 0.56 on one portrait; a real hand on the chin reads 0.99).
 */
const MIN_PRESENCE = 0.9
/** ... and when its landmarks span at least this much (cm): an ear spans 4–6 cm, an adult hand 15–19 cm. */
const MIN_SPAN_CM = 8
/** ... and when one of its landmarks lies on the moving head (rigidity at least this). */
const MIN_RIGIDITY = 0.5
/** Finger radius as a share of the palm's length (wrist to the middle finger's MCP, about 9 cm: ~1 cm). */
const FINGER_RADIUS = 0.11
/**
 * The wrist past the palm's base: this many palm lengths along the middle finger's axis, this radius (a wrist is
 * about 6 cm across). Short: the forearm's own direction is not known from the hand, and a longer stub along the
 * hand's axis took the chin under a hand on the cheek with it.
 */
const FOREARM_LENGTH = 0.35
const FOREARM_RADIUS = 0.3
/** The matte reaches this far past the landmarks' shape (cm): landmarks sit inside the finger's outline. */
const DILATE_CM = 0.25
/**
 * Below this the matte is 0, so the occluder is mostly the hand or not at all: a faint occluder pixel shows the
 * plate's colour un-mixed from the head (what the source camera needs there), a dark fleck of hair at a fingertip
 * that stayed behind when the head turned. Above it the un-mixing is well conditioned (see moveOccluderToPlate).
 */
export const MIN_OCCLUDER_ALPHA = 0.5

/** Bones as landmark pairs: the thumb and four fingers from the wrist, and the knuckles across the palm. */
// prettier-ignore
const BONES: readonly (readonly [number, number])[] = [
  [0, 1], [1, 2], [2, 3], [3, 4],
  [0, 5], [5, 6], [6, 7], [7, 8],
  [9, 10], [10, 11], [11, 12],
  [13, 14], [14, 15], [15, 16],
  [0, 17], [17, 18], [18, 19], [19, 20],
  [5, 9], [9, 13], [13, 17]
]
/** The palm's outline (convex in any view of a flat palm): wrist, thumb's base, the MCPs. */
const PALM = [0, 1, 5, 9, 13, 17] as const

/**
 * The occluder matte: per source px (h x w, 0..1), how much of it is a hand in front of the moving head, which
 * must stay where it is when the head turns. Null when no hand qualifies (MIN_PRESENCE, MIN_SPAN_CM, on the
 * head by `rigidityAt`). `image`: the portrait (RGB, 3 bytes a px).
 *
 * The hand's shape is its skeleton drawn thick: a capsule along each bone (radius FINGER_RADIUS of the palm's
 * length), the palm's polygon and a stub of the wrist past it, all widened by DILATE_CM, with a one-px
 * soft edge; rather than the landmarks' convex hull, which would take the face between spread fingers with it.
 * Its rim, outside the shape's core, keeps only the hand's colours (trimToHandColour), so the hair or cheek that
 * the widened shape reaches past a finger stays with the head. Intersected with the person segmentation (`personMask`, 0..1; null: the shape alone), so it ends where the
 * photo's background begins. `scale`: source px per cm.
 */
export function handOccluderMatte(
  hands: readonly OccludingHand[],
  image: { readonly data: Uint8Array; readonly width: number; readonly height: number },
  personMask: Float32Array | null,
  scale: number,
  rigidityAt: (x: number, y: number) => number
): Float32Array | null {
  const { width, height } = image
  let matte: Float32Array | null = null
  for (const hand of hands) {
    if (!qualifies(hand, scale, rigidityAt)) continue
    matte ??= new Float32Array(width * height)
    const core = new Uint8Array(width * height)
    drawHand(matte, core, hand.landmarks, width, height, DILATE_CM * scale)
    trimToHandColour(matte, core, image.data)
  }
  if (!matte) return null
  let any = false
  for (let i = 0; i < matte.length; i++) {
    const a = matte[i]! * (personMask ? smoothstep(0.2, 0.6, personMask[i]!) : 1)
    matte[i] = a >= MIN_OCCLUDER_ALPHA ? a : 0
    any ||= matte[i]! > 0
  }
  return any ? matte : null
}

function qualifies(
  hand: OccludingHand,
  scale: number,
  rigidityAt: (x: number, y: number) => number
): boolean {
  if (!(hand.presence >= MIN_PRESENCE)) return false
  const lm = hand.landmarks
  let span = 0
  let onHead = false
  for (let a = 0; a < 21; a++) {
    onHead ||= rigidityAt(lm[3 * a]!, lm[3 * a + 1]!) >= MIN_RIGIDITY
    for (let b = a + 1; b < 21; b++)
      span = Math.max(span, Math.hypot(lm[3 * a]! - lm[3 * b]!, lm[3 * a + 1]! - lm[3 * b + 1]!))
  }
  return onHead && span >= MIN_SPAN_CM * scale
}

/** Signed distance (px, < 0 inside) from (x, y) to a capsule from a to b of radius r. */
function capsule(x: number, y: number, ax: number, ay: number, bx: number, by: number, r: number): number {
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - r
}

/** Signed distance (px, < 0 inside) from (x, y) to a polygon given as flat [x0, y0, x1, y1, …]. */
function polygon(x: number, y: number, p: readonly number[]): number {
  const n = p.length / 2
  let d = Infinity
  let inside = false
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi, xj, yj] = [p[2 * i]!, p[2 * i + 1]!, p[2 * j]!, p[2 * j + 1]!]
    d = Math.min(d, capsule(x, y, xi, yi, xj, yj, 0))
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside ? -d : d
}

/**
 * Draws one hand's shape into `matte` (max with what is there), over the hand's box only; `core` gets 1 where
 * the pixel lies well inside it (half a finger's radius), surely the hand.
 */
function drawHand(
  matte: Float32Array,
  core: Uint8Array,
  lm: ArrayLike<number>,
  W: number,
  H: number,
  dilate: number
): void {
  const at = (k: number): [number, number] => [lm[3 * k]!, lm[3 * k + 1]!]
  const [wx, wy] = at(0)
  const [mx, my] = at(9)
  const palmLength = Math.max(1, Math.hypot(mx - wx, my - wy))
  const finger = FINGER_RADIUS * palmLength + dilate
  const forearm = FOREARM_RADIUS * palmLength + dilate
  // The forearm continues the middle finger's axis past the wrist.
  const ex = wx + ((wx - mx) / palmLength) * FOREARM_LENGTH * palmLength
  const ey = wy + ((wy - my) / palmLength) * FOREARM_LENGTH * palmLength
  const palm = PALM.flatMap((k) => at(k))
  let [x0, y0, x1, y1] = [Math.min(wx, ex), Math.min(wy, ey), Math.max(wx, ex), Math.max(wy, ey)]
  for (let k = 0; k < 21; k++) {
    const [x, y] = at(k)
    ;[x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)]
  }
  const reach = Math.max(finger, forearm) + 1
  const xa = Math.max(0, Math.floor(x0 - reach))
  const xb = Math.min(W, Math.ceil(x1 + reach))
  const ya = Math.max(0, Math.floor(y0 - reach))
  const yb = Math.min(H, Math.ceil(y1 + reach))
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const px = x + 0.5
      const py = y + 0.5
      let bones = Infinity
      for (const [a, b] of BONES) {
        const [ax, ay] = at(a)
        const [bx, by] = at(b)
        bones = Math.min(bones, capsule(px, py, ax, ay, bx, by, finger))
      }
      const d = Math.min(bones, polygon(px, py, palm) - dilate, capsule(px, py, wx, wy, ex, ey, forearm))
      // One px soft edge about the shape's outline.
      const a = Math.max(0, Math.min(1, 0.5 - d))
      const i = y * W + x
      if (a > matte[i]!) matte[i] = a
      // The palm's polygon is not protected: seen edge-on, a cupped hand shows the cheek between thumb and fingers.
      if (bones < -0.75 * finger) core[i] = 2
      else if (d < -0.4 * finger && core[i]! < 1) core[i] = 1
    }
  }
}
