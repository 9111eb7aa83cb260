import { FACE_OVAL } from '../expression/face-regions'
import { boxFilterRegion } from './box-filter'
import { pushPullFill } from './push-pull-fill'
import { smoothstep } from './smoothstep'

/** Pixels within this many px of the matte are not sources for the head's fill under it. */
const KNOWN_CLEARANCE = 3
/** The face's fill and the fill off it blend over this radius (px) about the face's outline. */
const FACE_BLEND_PX = 3

/**
 * The moving head's alpha under an occluder (`occluder`, the hand's matte, h x w, 0..1): 1 on the face (`onFace`,
 * source px: the landmark model's face oval, which it completes under a hand); elsewhere what the hand hides is
 * carried in from the layer around it (push-pull of the alpha from pixels outside the matte) and made crisp
 * about 0.5; mixed in by the matte's own alpha. A hand over the face then leaves the face whole under it, while
 * fingers over the background leave no blob of head behind them when the head turns. `alpha` is the person
 * layer's alpha (h x w, 0..1), not changed; returns a new array.
 */
export function headAlphaUnderOccluder(
  alpha: Float32Array,
  occluder: Float32Array,
  width: number,
  height: number,
  onFace: (x: number, y: number) => boolean
): Float32Array {
  const filled = alpha.slice()
  const known = new Float32Array(alpha.length)
  for (let i = 0; i < alpha.length; i++) known[i] = occluder[i]! > 0 ? 0 : 1
  pushPullFill(filled, known, width, height, 1)
  const out = alpha.slice()
  for (let i = 0; i < alpha.length; i++) {
    const o = occluder[i]!
    if (o === 0) continue
    const head = onFace((i % width) + 0.5, Math.floor(i / width) + 0.5)
      ? 1
      : smoothstep(0.35, 0.65, filled[i]!)
    out[i] = alpha[i]! + o * (head - alpha[i]!)
  }
  return out
}

/**
 * Removes the occluder from the head's texture and puts it in the plate, in place. `texture` planar [4][h][w]
 * (the layer's RGB, un-mixed, and its alpha, already `headAlphaUnderOccluder`), `plate` planar [3][h][w] (the
 * background, hole filled), `sourceRgb` the portrait (3 bytes a px).
 *
 * - The head's colour under the matte (where it is 1; its rim keeps the head's own) is push-pulled from the layer
 *   around it (alpha >= 0.5, outside the matte; on the face (`onFace`, source px) from the visible face only, off
 *   it from the layer off it): the skin the hand hid, smooth, which a turn uncovers at the hand's edge.
 * - The plate there becomes the occluder's colour Q, solved from the renderer's composite at the source camera
 *   (rgb = Q + a (C - Q), a = head alpha x (1 - matte), C the head's colour) so that it gives the source S:
 *   Q = (S - a C) / (1 - a), clamped to 0..1. Where the matte is 1 that is the source itself; in its soft edge
 *   (matte 0.5..1, see MIN_OCCLUDER_ALPHA) the hand's own colour, un-mixed from the head behind it.
 */
export function moveOccluderToPlate(
  texture: Float32Array,
  plate: Float32Array,
  sourceRgb: Uint8Array,
  occluder: Float32Array,
  width: number,
  height: number,
  onFace: (x: number, y: number) => boolean
): void {
  const HW = width * height
  const face = new Float32Array(HW)
  for (let i = 0; i < HW; i++) face[i] = onFace((i % width) + 0.5, Math.floor(i / width) + 0.5) ? 1 : 0
  // The hand's own pixels just past the matte (its soft rim, a knuckle the shape missed) must not be the skin's
  // source: known pixels keep KNOWN_CLEARANCE px from the matte.
  const near = dilate(occluder, width, height, KNOWN_CLEARANCE)
  // Like from like: the face under the hand is filled from the visible face only, the rest (neck, collar, hair)
  // from the layer off the face; mixed, a cheek's skin and a black collar gave a grey smear under the jaw.
  const fillFrom = (onTheFace: 0 | 1): Float32Array | null => {
    const fill = texture.slice(0, 3 * HW)
    const known = new Float32Array(HW)
    let count = 0
    for (let i = 0; i < HW; i++) {
      known[i] = !near[i] && texture[3 * HW + i]! >= 0.5 && face[i] === onTheFace ? 1 : 0
      count += known[i]!
    }
    if (count === 0) return null
    pushPullFill(fill, known, width, height, 3)
    return fill
  }
  // A side with nothing visible (a hand over the face's edge against the backdrop) takes the other side's fill.
  const skinFill = fillFrom(1)
  const layerFill = fillFrom(0)
  const skin = skinFill ?? layerFill ?? texture
  const layer = layerFill ?? skin
  // The two fills meet along the face's outline (whole cells) softened over FACE_BLEND_PX.
  boxFilterRegion(face, width, height, [0], [0, 0, width - 1, height - 1], FACE_BLEND_PX)
  for (let i = 0; i < HW; i++) {
    const o = occluder[i]!
    if (o === 0) continue
    const a = texture[3 * HW + i]! * (1 - o)
    const w = face[i]!
    for (let c = 0; c < 3; c++) {
      // In the matte's rim the head keeps its own colour (the photo's, about the hand's there): the plate then
      // comes out about the same, and the source camera shows the source even where the renderer's alpha is a
      // little off the texture's (with the fill there, its dark collar showed as grey dots along the wrist).
      const head = o < 1 ? texture[c * HW + i]! : skin[c * HW + i]! * w + layer[c * HW + i]! * (1 - w)
      texture[c * HW + i] = head
      // The matte is at least MIN_OCCLUDER_ALPHA (0.5) where it is not 0, so a <= 0.5 and 1 / (1 - a) <= 2.
      const q = (sourceRgb[3 * i + c]! / 255 - a * head) / (1 - a)
      plate[c * HW + i] = Math.max(0, Math.min(1, q))
    }
  }
}

/** 1 where any pixel of `mask` (> 0) lies within `r` px (a square), h x w. */
function dilate(mask: Float32Array, width: number, height: number, r: number): Uint8Array {
  const rows = new Uint8Array(mask.length)
  for (let y = 0; y < height; y++) {
    // two sweeps: the nearest marked pixel to the left, then to the right
    let last = -Infinity
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]! > 0) last = x
      if (x - last <= r) rows[y * width + x] = 1
    }
    last = Infinity
    for (let x = width - 1; x >= 0; x--) {
      if (mask[y * width + x]! > 0) last = x
      if (last - x <= r) rows[y * width + x] = 1
    }
  }
  const out = new Uint8Array(mask.length)
  for (let x = 0; x < width; x++) {
    let last = -Infinity
    for (let y = 0; y < height; y++) {
      if (rows[y * width + x]) last = y
      if (y - last <= r) out[y * width + x] = 1
    }
    last = Infinity
    for (let y = height - 1; y >= 0; y--) {
      if (rows[y * width + x]) last = y
      if (last - y <= r) out[y * width + x] = 1
    }
  }
  return out
}

/**
 * The renderer's 4-channel plate: the extended RGB plate ([3][h + 2 pad][w + 2 pad]) and the occluder's alpha
 * ([h][w]) as a fourth channel, 0 in the margin (the margin's mirror image of a hand stays background).
 */
export function plateWithOccluder(
  extendedRgb: Float32Array,
  occluder: Float32Array,
  width: number,
  height: number,
  pad: number
): Float32Array {
  const pw = width + 2 * pad
  const plane = pw * (height + 2 * pad)
  const out = new Float32Array(4 * plane)
  out.set(extendedRgb)
  for (let y = 0; y < height; y++) {
    out.set(occluder.subarray(y * width, (y + 1) * width), 3 * plane + (y + pad) * pw + pad)
  }
  return out
}

/**
 * 1 per source px (h x w) inside the face's outline: the polygon of the landmark model's face oval (`FACE_OVAL`
 * of `landmarks`, source px), filled by scanline at pixel centres. The model completes the oval under a hand, so
 * it says where the face goes on under one; along the outline, not the cells' staircase.
 */
export function faceOvalMask(landmarks: ArrayLike<number>, width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height)
  const n = FACE_OVAL.length
  const xs: number[] = []
  for (let y = 0; y < height; y++) {
    const py = y + 0.5
    xs.length = 0
    for (let k = 0; k < n; k++) {
      const a = FACE_OVAL[k]!
      const b = FACE_OVAL[(k + 1) % n]!
      const [ay, by] = [landmarks[3 * a + 1]!, landmarks[3 * b + 1]!]
      if (ay > py === by > py) continue
      const ax = landmarks[3 * a]!
      xs.push(ax + ((py - ay) / (by - ay)) * (landmarks[3 * b]! - ax))
    }
    xs.sort((p, q) => p - q)
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const x0 = Math.max(0, Math.ceil(xs[k]! - 0.5))
      const x1 = Math.min(width - 1, Math.floor(xs[k + 1]! - 0.5))
      for (let x = x0; x <= x1; x++) mask[y * width + x] = 1
    }
  }
  return mask
}
