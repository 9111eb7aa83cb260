import { type AvatarGrid } from './avatar-grid'
import { irisCircle, type EyeRegion, type IrisCircle } from './eye-region'
import { distanceToRim, inPolygon, type FaceOpening, type Polygon } from './face-openings'
import { pushPullFill } from './push-pull-fill'
import { smoothstep } from './smoothstep'

/**
 * How far (cm) the painted texture reaches past the eyeball layer's region: a point near the region's edge that
 * the gaze moves reads the texture up to the gaze's travel away.
 */
const TEXTURE_GROW_CM = 0.35
/** Share of the iris radius inside which the photo's iris pixels count as iris (the limbus blends into sclera). */
const IRIS_CORE = 0.88
/**
 * Share of the iris radius around its centre left out of the iris samples: the hidden parts of the disk are its
 * top and bottom, which show iris, not pupil (push-pull from samples that took the pupil in painted dark blobs
 * under a lowered lower lid).
 */
const PUPIL_SHARE = 0.45
/** Share of the iris radius next to the opening's rim whose iris pixels are left out (lashes, the lid's shadow). */
const LID_CLEARANCE = 0.15
/** Share of the iris radius past which the photo's pixels may count as sclera. */
const SCLERA_FROM = 1.15
/** Share of the opening's non-iris pixels taken as sclera samples (see fillSclera). */
const SCLERA_SHARE = 0.2
/** Least luminance (0..1) of a sclera sample: a closed or shadowed eye shows none, and takes DEFAULT_SCLERA. */
const SCLERA_MIN_LUMINANCE = 0.35
/** Half-width (source px) of the anti-aliased limbal edge of the painted disk. */
const LIMBUS_HALF_WIDTH = 0.75
/** Darkening of the painted iris toward its rim (the limbal ring), share of its colour. */
const LIMBAL_RING = 0.25
/** Used where the photo shows no sclera or no iris (a closed eye, a painting's tiny eyes), RGB 0..1. */
const DEFAULT_SCLERA = [0.86, 0.82, 0.8] as const
const DEFAULT_IRIS = [0.3, 0.24, 0.2] as const

/** One eye's synthesized eyeball over a box of the portrait (source px, integer, inside the portrait). */
export interface EyeballPatch {
  readonly x0: number
  readonly y0: number
  readonly w: number
  readonly h: number
  /** Planar [3][h][w], 0..1: the photo where the eye is visible, the painted eyeball elsewhere. */
  readonly rgb: Float32Array
  /** [h][w]: 1 where the eye is visible in the photo (pixel centre inside the opening). */
  readonly visible: Uint8Array
  /**
   * [h][w]: the back layer's mix (0 = the source shows, at full resolution; 1 = this painted texture, read per
   * cell): 0 inside the opening, 1 past its rim.
   */
  readonly mix: Float32Array
  /** [h][w]: signed distance (source px) into the opening from its rim, negative outside it. */
  readonly inside: Float32Array
}

/**
 * Both eyes' eyeballs (subject's right first) for the back texture: `image` the portrait (3 bytes a px),
 * `openings` the visible eye openings, `regions` the eyeball regions, `irises` the analysis's 2 x 5 x 3 iris
 * points or undefined (a default iris then).
 */
export function paintEyeballs(
  image: { readonly data: Uint8Array; readonly width: number; readonly height: number },
  openings: readonly FaceOpening[],
  regions: readonly EyeRegion[],
  irises: ArrayLike<number> | undefined,
  grid: Pick<AvatarGrid, 'scale'>
): EyeballPatch[] {
  return regions.map((region, side) =>
    paintEyeball(
      image.data,
      image.width,
      image.height,
      region,
      openings[side]!.polygon,
      irisCircle(region, irises, side),
      TEXTURE_GROW_CM * grid.scale
    )
  )
}

/**
 * Paints one eye's eyeball over `region`'s box grown by `grow` source px: the photo (`rgb`, 3 bytes a px,
 * row-major, `width` x `height`) where the eye is visible (inside `opening`), the iris completed to a full
 * disk (`iris`) with the hidden upper part mirrored from the visible lower part across the horizontal through
 * its centre and the rest push-pull filled, with a soft limbal edge; sclera elsewhere, push-pull filled from the
 * photo's visible sclera (see fillSclera).
 */
export function paintEyeball(
  rgb: Uint8Array,
  width: number,
  height: number,
  region: EyeRegion,
  opening: Polygon,
  iris: IrisCircle,
  grow: number
): EyeballPatch {
  const [bx0, by0, bx1, by1] = region.box(grow)
  const x0 = Math.max(0, Math.floor(bx0))
  const y0 = Math.max(0, Math.floor(by0))
  const w = Math.max(1, Math.min(width, Math.ceil(bx1)) - x0)
  const h = Math.max(1, Math.min(height, Math.ceil(by1)) - y0)
  const n = w * h
  const photo = new Float32Array(3 * n)
  const visible = new Uint8Array(n)
  const mix = new Float32Array(n).fill(1)
  const inside = new Float32Array(n)
  const dist = new Float32Array(n) // distance to the iris centre, source px
  const rim = new Float32Array(n) // distance inside the opening to its rim, source px (0 outside)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x
      const sx = x0 + x + 0.5
      const sy = y0 + y + 0.5
      const s = Math.min(height - 1, y0 + y) * width + Math.min(width - 1, x0 + x)
      for (let c = 0; c < 3; c++) photo[c * n + i] = rgb[3 * s + c]! / 255
      dist[i] = Math.hypot(sx - iris.cx, sy - iris.cy)
      const toRim = distanceToRim(sx, sy, opening)
      inside[i] = -toRim
      if (inPolygon(sx, sy, opening)) {
        visible[i] = 1
        rim[i] = toRim
        inside[i] = toRim
        mix[i] = 0
      }
    }
  }
  const irisRgb = completeIris(photo, visible, rim, dist, iris, y0, w, h)
  const sclera = fillSclera(photo, visible, dist, iris.r, n, w, h)
  const out = new Float32Array(3 * n)
  for (let i = 0; i < n; i++) {
    const d = dist[i]!
    const alpha = 1 - smoothstep(iris.r - LIMBUS_HALF_WIDTH, iris.r + LIMBUS_HALF_WIDTH, d)
    const ring = 1 - LIMBAL_RING * smoothstep(0.75 * iris.r, iris.r, d)
    for (let c = 0; c < 3; c++) {
      const o = c * n + i
      out[o] = visible[i] ? photo[o]! : sclera[o]! + alpha * (ring * irisRgb[o]! - sclera[o]!)
    }
  }
  return { x0, y0, w, h, rgb: out, visible, mix, inside }
}

/**
 * The iris's colour over the whole box (only its disk is used): the photo's visible iris (clear of the lids'
 * lashes and shadow by LID_CLEARANCE of its radius, and of the pupil by PUPIL_SHARE); hidden pixels of the disk's upper half take the pixel
 * mirrored across the horizontal through the centre where that one is visible iris (the lower half is the one
 * usually seen whole; mirroring the upper half down put the lid's shadow and the pupil's top below the pupil:
 * a second pupil where a lowered lower lid uncovered it); the rest is push-pull filled from both.
 */
function completeIris(
  photo: Float32Array,
  visible: Uint8Array,
  rim: Float32Array,
  dist: Float32Array,
  iris: IrisCircle,
  y0: number,
  w: number,
  h: number
): Float32Array {
  const n = w * h
  const core = IRIS_CORE * iris.r
  const out = new Float32Array(3 * n)
  const known = new Float32Array(n)
  const clear = LID_CLEARANCE * iris.r
  const pupil = PUPIL_SHARE * iris.r
  const isIris = (i: number): boolean =>
    visible[i] === 1 && dist[i]! < core && dist[i]! > pupil && rim[i]! > clear
  for (let i = 0; i < n; i++) {
    let from = isIris(i) ? i : -1
    const y = Math.floor(i / w)
    if (from < 0 && dist[i]! < core && y0 + y + 0.5 < iris.cy) {
      const x = i % w
      const my = Math.round(2 * (iris.cy - y0) - (y + 0.5) - 0.5)
      const j = my * w + x
      if (my >= 0 && my < h && isIris(j)) from = j
    }
    if (from < 0) continue
    known[i] = 1
    for (let c = 0; c < 3; c++) out[c * n + i] = photo[c * n + from]!
  }
  fillOrDefault(out, known, w, h, DEFAULT_IRIS)
  return out
}

/**
 * Sclera colour over the whole box: the photo's visible pixels outside the iris that look most like sclera,
 * the SCLERA_SHARE of them brightest and least coloured (lashes, the lid's shadow, the lid skin the opening's
 * rim takes in and the corners' pink caruncle all fall below), push-pull filled.
 */
function fillSclera(
  photo: Float32Array,
  visible: Uint8Array,
  dist: Float32Array,
  irisR: number,
  n: number,
  w: number,
  h: number
): Float32Array {
  const lum = (i: number): number => 0.299 * photo[i]! + 0.587 * photo[n + i]! + 0.114 * photo[2 * n + i]!
  const score = (i: number): number => {
    const r = photo[i]!
    const g = photo[n + i]!
    const b = photo[2 * n + i]!
    return lum(i) - (Math.max(r, g, b) - Math.min(r, g, b))
  }
  const candidates: number[] = []
  for (let i = 0; i < n; i++) if (visible[i] && dist[i]! > SCLERA_FROM * irisR) candidates.push(i)
  const scores = candidates.map(score).sort((a, b) => b - a)
  const least = scores[Math.floor(SCLERA_SHARE * (scores.length - 1))] ?? Infinity
  const out = new Float32Array(3 * n)
  const known = new Float32Array(n)
  for (const i of candidates) {
    if (score(i) < least || lum(i) < SCLERA_MIN_LUMINANCE) continue
    known[i] = 1
    for (let c = 0; c < 3; c++) out[c * n + i] = photo[c * n + i]!
  }
  fillOrDefault(out, known, w, h, DEFAULT_SCLERA)
  return out
}

/** Push-pull fills `data` (planar RGB, w x h) from its `known` samples, or sets `fallback` if none is known. */
function fillOrDefault(
  data: Float32Array,
  known: Float32Array,
  w: number,
  h: number,
  fallback: readonly [number, number, number]
): void {
  const n = w * h
  if (!known.some((k) => k > 0)) {
    for (let c = 0; c < 3; c++) data.fill(fallback[c]!, c * n, (c + 1) * n)
    return
  }
  pushPullFill(data, known, w, h, 3)
}
