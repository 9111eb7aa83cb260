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
/** Share of the iris radius over which the photo fades into the painted eyeball inside the rim's clearance. */
const PHOTO_FEATHER = 0.3
/** Share of the iris radius past which the photo's pixels may count as sclera. */
const SCLERA_FROM = 1.15
/**
 * Share of the iris radius within which the photo's visible sclera counts as the sclera next to the iris (whose
 * brightness and tint the painted sclera takes; the corners are shaded and pink), and the share of those samples
 * taken, the brightest and least coloured (lashes and the lid's shadow fall below).
 */
const SCLERA_NEAR = 2.5
const SCLERA_SHARE = 0.15
/** Least luminance (0..1) of a sclera sample: a closed or shadowed eye shows none, and takes DEFAULT_SCLERA. */
const SCLERA_MIN_LUMINANCE = 0.35
/** Half-width (source px) of the anti-aliased limbal edge of the painted disk. */
const LIMBUS_HALF_WIDTH = 0.75
/** Darkening of the painted iris toward its rim (the limbal ring), share of its colour. */
const LIMBAL_RING = 0.25
/**
 * The painted sclera's shading, shares of its colour: darker under the upper lid (ramping in from the iris's top
 * up to SCLERA_LID_RAMP iris radii above it), a little darker under the lower lid (from the iris's bottom over one
 * radius below it) and toward the corners (with the square of the horizontal distance from the iris's centre over
 * the opening's half-width), as a ball lit from the front under a lid's shadow is. (At 0.1 from the iris's centre,
 * the sclera a lifted lid uncovered was a flat light patch with no lid above it.)
 */
const SCLERA_LID_SHADE = 0.25
const SCLERA_LID_RAMP = 1.5
const SCLERA_LOW_SHADE = 0.1
const SCLERA_CORNER_SHADE = 0.15
/**
 * The painted sclera's texture: a soft mottle of its brightness (± this share, value noise over cells of
 * SCLERA_MOTTLE_CELL iris radii) and a warmer, pinker tint toward the corners (green and blue down by up to this
 * share at the opening's ends, with the square of the horizontal distance as the corner shading). One flat colour
 * read as a grey patch where a lid drew back over it (eyesWide, a dropped lower lid).
 */
const SCLERA_MOTTLE = 0.035
const SCLERA_MOTTLE_CELL = 0.45
const SCLERA_CORNER_WARMTH = 0.06
/**
 * The upper lid's shadow on the painted eyeball along the opening's upper rim, share of its colour at the rim,
 * fading out over twice LID_CLEARANCE of the iris radius on either side: the eyeball a turning eye brings under
 * the lid's edge showed a white sliver where the photo has the lid's shadow.
 */
const LID_SHADOW = 0.3
/**
 * Where the photo shows no sclera, the default sclera is no brighter (luminance) than this many times the 98th
 * percentile of the luminance of the eye's visible pixels: in a shadowed or tiny eye (lp_drv8 behind glasses,
 * cf_solvay18) the default's 0.87 painted a white patch where the visible eye is at most 0.2–0.3.
 */
const SCLERA_OVER_VISIBLE = 1.6
/** Used where the photo shows no sclera or no iris (a closed eye, a painting's tiny eyes), RGB 0..1. */
const DEFAULT_SCLERA = [0.9, 0.86, 0.84] as const
const DEFAULT_IRIS = [0.3, 0.24, 0.2] as const

/** One eye's synthesized eyeball over a box of the portrait (source px, integer, inside the portrait). */
export interface EyeballPatch {
  readonly x0: number
  readonly y0: number
  readonly w: number
  readonly h: number
  /**
   * Planar [3][h][w], 0..1: the photo where the eye is visible clear of the opening's rim (LID_CLEARANCE of the
   * iris radius), the painted eyeball elsewhere.
   */
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
 * its centre and the rest push-pull filled, with a soft limbal edge; sclera elsewhere, the colour of the photo's
 * sclera beside the iris, shaded (see paintSclera).
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
  const halfWidth = Math.max(iris.r, ...opening.map(([px]) => Math.abs(px - iris.cx)))
  const shade = new Float32Array(n)
  const warmth = new Float32Array(n)
  const mottle = valueNoise(SCLERA_MOTTLE_CELL * iris.r)
  for (let i = 0; i < n; i++) {
    const sx = x0 + (i % w) + 0.5
    const sy = y0 + Math.floor(i / w) + 0.5
    const up = Math.min(1, Math.max(0, (iris.cy - iris.r - sy) / (SCLERA_LID_RAMP * iris.r)))
    const down = Math.min(1, Math.max(0, (sy - iris.cy - iris.r) / iris.r))
    const side = Math.min(1.2, Math.abs(sx - iris.cx) / halfWidth)
    shade[i] =
      (1 - SCLERA_LID_SHADE * up) * (1 - SCLERA_LOW_SHADE * down) * (1 - SCLERA_CORNER_SHADE * side * side)
    warmth[i] = SCLERA_CORNER_WARMTH * Math.min(1, side * side)
    shade[i] *= 1 + SCLERA_MOTTLE * (2 * mottle(sx - iris.cx, sy - iris.cy) - 1)
  }
  const sclera = paintSclera(photo, visible, rim, dist, shade, iris.r, n)
  // Warmer toward the corners: green and blue down (the shade above keeps the brightness's share).
  for (let i = 0; i < n; i++) for (let c = 1; c < 3; c++) sclera[c * n + i] *= 1 - warmth[i]!
  const out = new Float32Array(3 * n)
  for (let i = 0; i < n; i++) {
    const d = dist[i]!
    const alpha = 1 - smoothstep(iris.r - LIMBUS_HALF_WIDTH, iris.r + LIMBUS_HALF_WIDTH, d)
    const ring = 1 - LIMBAL_RING * smoothstep(0.75 * iris.r, iris.r, d)
    // The opening's outline takes in the lids' lash line and shadow: the eyeball is painted there too (at zero
    // code the lid's cells show the photo over it; a lid that draws back leaves the eyeball, not a dark line).
    // The photo, clear of the rim's lashes and shadow, fades into the paint over PHOTO_FEATHER of the iris radius:
    // switched at one line, the sclera a lifting lid uncovers met the photo's along a hard seam.
    const photoWeight =
      visible[i] === 1
        ? smoothstep(LID_CLEARANCE * iris.r, (LID_CLEARANCE + PHOTO_FEATHER) * iris.r, rim[i]!)
        : 0
    const nearUpperRim = y0 + Math.floor(i / w) + 0.5 < iris.cy
    const shadow = nearUpperRim
      ? 1 - LID_SHADOW * (1 - smoothstep(0, 2 * LID_CLEARANCE * iris.r, Math.abs(inside[i]!)))
      : 1
    for (let c = 0; c < 3; c++) {
      const o = c * n + i
      const paint = shadow * (sclera[o]! + alpha * (ring * irisRgb[o]! - sclera[o]!))
      out[o] = paint + photoWeight * (photo[o]! - paint)
    }
  }
  return { x0, y0, w, h, rgb: out, visible, mix, inside }
}

/**
 * The iris's colour over the whole box (only its disk is used): the photo's visible iris (clear of the lids'
 * lashes and shadow by LID_CLEARANCE of its radius, and of the pupil by PUPIL_SHARE); hidden pixels of the disk's upper half take the pixel
 * mirrored across the horizontal through the centre where that one is visible iris (the lower half is the one
 * usually seen whole; mirroring the upper half down put the lid's shadow and the pupil's top below the pupil:
 * a second pupil where a lowered lower lid uncovered it); the rest of the disk takes the visible iris's mean
 * colour at the same distance from the centre, and push-pull fills past it.
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
  // The rest of the hidden disk takes the visible iris's mean colour at its distance from the centre (1 px
  // rings), so the iris continues under the lid with its radial shading instead of the lid's shadow and lashes
  // that a push-pull from the rim's iris pixels spread over it.
  const rings = Math.ceil(core) + 1
  const ringSum = new Float32Array(3 * rings)
  const ringCount = new Float32Array(rings)
  for (let i = 0; i < n; i++) {
    if (!isIris(i)) continue
    const b = Math.min(rings - 1, Math.floor(dist[i]!))
    ringCount[b]!++
    for (let c = 0; c < 3; c++) ringSum[c * rings + b]! += photo[c * n + i]!
  }
  const ringOf = (d: number): number => {
    const b = Math.min(rings - 1, Math.floor(d))
    for (let k = 0; k < rings; k++) {
      if (b - k >= 0 && ringCount[b - k]! > 0) return b - k
      if (b + k < rings && ringCount[b + k]! > 0) return b + k
    }
    return -1
  }
  for (let i = 0; i < n; i++) {
    if (known[i] || visible[i] || dist[i]! > iris.r + 2 * LIMBUS_HALF_WIDTH) continue
    const b = ringOf(dist[i]!)
    if (b < 0) break
    known[i] = 1
    for (let c = 0; c < 3; c++) out[c * n + i] = ringSum[c * rings + b]! / ringCount[b]!
  }
  fillOrDefault(out, known, w, h, DEFAULT_IRIS)
  return out
}

/**
 * Sclera colour over the whole box: one colour, the photo's visible sclera next to the iris (within SCLERA_NEAR
 * iris radii, clear of the rim's lashes; the SCLERA_SHARE of those samples brightest and least coloured, each
 * divided by its `shade` so the corners' shading does not darken the whole), times `shade`. A flat push-pull fill
 * of the opening's brightest pixels came out darker and greyer than the sclera beside the iris, and flat.
 */
function paintSclera(
  photo: Float32Array,
  visible: Uint8Array,
  rim: Float32Array,
  dist: Float32Array,
  shade: Float32Array,
  irisR: number,
  n: number
): Float32Array {
  const lum = (i: number): number => 0.299 * photo[i]! + 0.587 * photo[n + i]! + 0.114 * photo[2 * n + i]!
  const score = (i: number): number => {
    const r = photo[i]!
    const g = photo[n + i]!
    const b = photo[2 * n + i]!
    return lum(i) - (Math.max(r, g, b) - Math.min(r, g, b))
  }
  const isCandidate = (i: number, near: number): boolean =>
    visible[i] === 1 &&
    dist[i]! > SCLERA_FROM * irisR &&
    dist[i]! < near * irisR &&
    rim[i]! > LID_CLEARANCE * irisR &&
    lum(i) >= SCLERA_MIN_LUMINANCE
  const candidates: number[] = []
  for (let i = 0; i < n; i++) if (isCandidate(i, SCLERA_NEAR)) candidates.push(i)
  // No sclera beside the iris (a sideways gaze, a tiny eye): any visible sclera.
  if (candidates.length === 0) for (let i = 0; i < n; i++) if (isCandidate(i, Infinity)) candidates.push(i)
  const ranked = candidates.sort((a, b) => score(b) - score(a))
  const taken = ranked.slice(0, Math.max(1, Math.ceil(SCLERA_SHARE * ranked.length)))
  const base: number[] = [...DEFAULT_SCLERA]
  if (ranked.length === 0) {
    const seen: number[] = []
    for (let i = 0; i < n; i++) if (visible[i] === 1) seen.push(lum(i))
    const ceiling = SCLERA_OVER_VISIBLE * quantileOf(seen, 0.98)
    const own = 0.299 * base[0]! + 0.587 * base[1]! + 0.114 * base[2]!
    if (seen.length > 0 && ceiling < own) for (let c = 0; c < 3; c++) base[c] = (base[c]! * ceiling) / own
  } else {
    for (let c = 0; c < 3; c++) {
      base[c] = taken.reduce((sum, i) => sum + photo[c * n + i]! / shade[i]!, 0) / taken.length
    }
  }
  const out = new Float32Array(3 * n)
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[c * n + i] = Math.min(1, base[c]! * shade[i]!)
  return out
}

/**
 * Smooth value noise in 0..1 over a lattice of `cell` source px (a fixed hash of the lattice point, smoothstep
 * interpolation), as a function of the offset (source px) from the iris centre, so the mottle sits on the eyeball
 * and is the same on every build of the same portrait.
 */
function valueNoise(cell: number): (x: number, y: number) => number {
  const hash = (i: number, j: number): number => {
    const h = Math.sin(i * 127.1 + j * 311.7) * 43758.5453
    return h - Math.floor(h)
  }
  const size = Math.max(1e-6, cell)
  return (x, y) => {
    const u = x / size
    const v = y / size
    const i = Math.floor(u)
    const j = Math.floor(v)
    const a = smoothstep(0, 1, u - i)
    const b = smoothstep(0, 1, v - j)
    const top = hash(i, j) + a * (hash(i + 1, j) - hash(i, j))
    const bottom = hash(i, j + 1) + a * (hash(i + 1, j + 1) - hash(i, j + 1))
    return top + b * (bottom - top)
  }
}

/** The q-quantile (0..1, nearest rank) of `values`; NaN for none. */
function quantileOf(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? sorted[Math.round(q * (sorted.length - 1))]! : NaN
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
