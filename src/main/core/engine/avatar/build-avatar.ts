import { type FaceAnalysis } from '../../../../shared/face/face-analysis'
import {
  eyeRing,
  INNER_LIP_LOWER,
  INNER_LIP_RING,
  INNER_LIP_UPPER,
  LEFT_EYE,
  MOUTH_CORNER_LEFT,
  MOUTH_CORNER_RIGHT,
  RIGHT_EYE
} from '../expression/face-regions'
import { pushPullFill } from './push-pull-fill'
import { chamferDistance, widenPersonLayer } from './person-edge-band'
import { estimateWispAlpha } from './wisp-matte'
import { smoothSeam } from './smooth-seam'
import { frameMarginCells, padTextureForMargin } from './frame-margin'
import { BACK_TEXTURE_CHANNELS, POINT_ATTR_CHANNELS } from '../../../../shared/engine/renderer-layout'

/** An 8-bit RGB image, row-major, 3 bytes per pixel (the portrait, as analysed). */
export interface AvatarImage {
  readonly data: Uint8Array
  readonly width: number
  readonly height: number
}

/** Canonical-mesh expression fields (cm at slider +1, 468 x 3 each), in the pack's direction order. */
export interface CanonicalBasis {
  readonly names: readonly string[]
  readonly fields: readonly ArrayLike<number>[]
  readonly triangles: ArrayLike<number>
}

/**
 * The per-portrait representation the generator and renderer consume. "Points" are cells of a grid over the
 * portrait (`cell` source px apart) that belong to the moving head, plus a back layer behind the mouth.
 */
export interface AvatarRepresentation {
  readonly width: number
  readonly height: number
  /**
   * Cell size in source px; the renderer's splat window in cells and its top-left corner in source px (the
   * moving points' box, widened by the distance they can travel when the head turns).
   */
  readonly cell: number
  readonly gridWidth: number
  readonly gridHeight: number
  readonly gridOrigin: readonly [number, number]
  /**
   * Depth step in source px (0.8 cm) beyond which a deeper point showing through a one-cell gap of the skin is
   * treated as a crack by the renderer (eyeballs and the mouth interior must not leak through a stretched lid).
   */
  readonly leakDepth: number
  readonly pointCount: number
  /** Generator input [1, 3 + 3K, N]: neutral x, y, z (source px, z = depth, smaller is closer), then K fields. */
  readonly features: Float32Array
  readonly featureChannels: number
  /**
   * Renderer input [1, 5, N]: source x, source y, rigidity (1 head .. 0 torso), layer (0 skin, 1 mouth back), lip
   * side (+1 upper lip, -1 lower lip, 0 elsewhere; see POINT_ATTR_CHANNELS).
   */
  readonly pointAttrs: Float32Array
  /**
   * Renderer input [4, N]: the point index of each point's left, right, upper and lower grid neighbour in its
   * own layer (skin, mouth back, eyeball), or its own index where there is none.
   */
  readonly pointNeighbours: BigInt64Array
  /** Head rotation centre, source px (x, y, depth). */
  readonly pivot: readonly [number, number, number]
  /**
   * [1, 4, H + 2 pad, W + 2 pad]: source RGB and person-layer alpha, 0..1, padded by `texturePad` px on each side
   * where the layer reaches the frame's edge (mirrored, the alpha closing over cut outlines: see
   * padTextureForMargin); pad is 0 when it does not.
   */
  readonly texture: Float32Array
  readonly texturePad: number
  /**
   * [1, 6, H, W]: RGB of the mouth back layer (a painted cavity with a hint of teeth), the signed distances
   * into the upper and lower lip from their inner edges (source px), and the back layer's source/paint mix;
   * sampled per cell (see BACK_TEXTURE_CHANNELS).
   */
  readonly backTexture: Float32Array
  /**
   * [1, 3, H + 2, W + 2]: the portrait with the moving person removed and the hole filled, padded by one
   * edge-replicated pixel on each side.
   */
  readonly plate: Float32Array
  readonly timings: Readonly<Record<string, number>>
}

export interface BuildAvatarOptions {
  /** Person probability per source pixel (h x w, 0..1); null: use the head proxy's silhouette. */
  readonly personMask: Float32Array | null
  /** Per-direction gain for this face (e.g. blinks scaled to the measured lid gap); default 1. */
  readonly gains?: readonly number[]
}

// Head proxy in canonical cm: an ellipsoid around the skull (centre behind the face, axes about a real head's
// half-breadth, half-height and half-length), so hair and ears get a plausible depth and turn with the head.
const HEAD_CENTRE = [0, 1.5, -2.5] as const
const HEAD_AXES = [8.0, 10.5, 9.5] as const
/**
 * Grid density: cells across a 15 cm face. Eyes are ~1.5 cm tall when open, so 80 cells give them ~8 cells;
 * the per-frame cost grows with the square of this number.
 */
const CELLS_ACROSS_FACE = 80
/** How far (cm) above and below the lip seam skin points count as upper / lower lip for the renderer's lip cut. */
const LIP_ZONE_UP = 1.2
const LIP_ZONE_DOWN = 1.5
/** Source mouths open wider than this (cm, inner lips) keep their lips uncut. */
const LIP_CUT_MAX_SOURCE_OPENING = 0.2
/**
 * Person-layer alpha from which the plate is filled and the layer's colour un-mixed from it. Fainter edge pixels
 * keep the source in both (exact), stronger ones are un-mixed; dividing by a small alpha would amplify errors.
 */
const UNMIX_MIN_ALPHA = 0.3
/** How far (cm) the person layer reaches past the segmentation's core (full coverage): see the edge band below. */
const EDGE_BAND = 0.3
/**
 * Width (cm, Gaussian sigma) over which the depth step at the face outline is smoothed into a ramp. The face
 * mesh's outline sits at the front of an edge-on band (the mesh folds back toward the ears within a few px),
 * while the hair beside it lies on the head proxy 2-5 cm deeper: a step of that size made the face slide over
 * the hair like a mask when the head turned (a hard cut on the side turning away, a torn strip on the other).
 */
const SEAM_SMOOTH = 0.8
/** Fainter wisp matte alpha is left in the plate (un-mixing it would only amplify noise). */
const MIN_WISP_ALPHA = 0.05
/**
 * Frame margin (see frameMarginCells): where the person layer reaches the frame's edge it continues outward by
 * how far that edge can move inward over the supported range (roll 30: sin 30 of the offset along the edge;
 * yaw 35 / pitch 25: sin 35 of the depth offset; 1 - cos 30 of the offset across it), times its rigidity, at
 * most MARGIN_MAX cm.
 */
const MARGIN_ROLL = 0.5
const MARGIN_TURN = 0.57
const MARGIN_COS = 0.14
const MARGIN_MAX = 6
/** Width (cm) of the soft edge where the padded texture's alpha closes over a cut outline past the frame. */
const MARGIN_RAMP = 0.3
/** Radius (cm) of the arc over which an outline cut by the frame closes past it: about a head's curvature. */
const MARGIN_CAP_RADIUS = 9
/** Rigidity fades from 1 to 0 between these canonical heights (cm): just under the chin to the base of the neck. */
const NECK_FADE = [-18, -10.5] as const

const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)))
  return t * t * (3 - 2 * t)
}

export function buildAvatarRepresentation(
  image: AvatarImage,
  analysis: FaceAnalysis,
  basis: CanonicalBasis,
  options: BuildAvatarOptions
): AvatarRepresentation {
  const t0 = performance.now()
  const timings: Record<string, number> = {}
  const mark = (name: string, since: number): number => {
    const now = performance.now()
    timings[name] = now - since
    return now
  }
  const { width: W, height: H } = image
  const lm = analysis.landmarks
  const M = analysis.pose.matrix
  const s = analysis.pose.scale
  const K = basis.names.length

  // canonical cm -> source px (x right, y down, z = depth away from the camera)
  const toImage = (q: readonly number[]): [number, number, number] => {
    const c = [0, 1, 2].map(
      (r) => M[4 * r]! * q[0]! + M[4 * r + 1]! * q[1]! + M[4 * r + 2]! * q[2]! + M[4 * r + 3]!
    )
    return [c[0]!, -c[1]!, -c[2]!]
  }
  const dirToImage = (d: readonly number[]): [number, number, number] => {
    const c = [0, 1, 2].map((r) => M[4 * r]! * d[0]! + M[4 * r + 1]! * d[1]! + M[4 * r + 2]! * d[2]!)
    return [c[0]!, -c[1]!, -c[2]!]
  }
  // source px -> canonical: q = (sR)^-1 (p_cam - t), (sR)^-1 = R^T / s
  const toCanonical = (x: number, y: number, z: number): [number, number, number] => {
    const p = [x - M[3]!, -y - M[7]!, -z - M[11]!]
    return [0, 1, 2].map((c) => (M[c]! * p[0]! + M[4 + c]! * p[1]! + M[8 + c]! * p[2]!) / (s * s)) as [
      number,
      number,
      number
    ]
  }
  const pivot = toImage(HEAD_CENTRE)
  /** Front depth of the head ellipsoid at source px (x, y), or null outside its silhouette. */
  const ellipsoidDepth = (x: number, y: number): number | null => ellipsoidDepths(x, y)?.[0] ?? null
  /** Front and back depth of the head ellipsoid at source px (x, y), or null outside its silhouette. */
  const ellipsoidDepths = (x: number, y: number): [number, number] | null => {
    const q0 = toCanonical(x, y, 0)
    const q1 = toCanonical(x, y, 1)
    let a = 0
    let b = 0
    let c = -1
    for (let k = 0; k < 3; k++) {
      const d = (q1[k]! - q0[k]!) / HEAD_AXES[k]!
      const e = (q0[k]! - HEAD_CENTRE[k]!) / HEAD_AXES[k]!
      a += d * d
      b += 2 * d * e
      c += e * e
    }
    const disc = b * b - 4 * a * c
    if (disc < 0) return null
    return [(-b - Math.sqrt(disc)) / (2 * a), (-b + Math.sqrt(disc)) / (2 * a)]
  }
  const rigidityAt = (x: number, y: number, z: number): number =>
    smoothstep(NECK_FADE[0], NECK_FADE[1], toCanonical(x, y, z)[1])

  // Grid: about CELLS_ACROSS_FACE cells across the 15 cm face (cell 2..8 source px).
  const cell = Math.max(2, Math.min(8, Math.round((s * 15) / CELLS_ACROSS_FACE)))
  const gw = Math.ceil(W / cell)
  const gh = Math.ceil(H / cell)
  const cells = gw * gh
  const cx = (i: number): number => ((i % gw) + 0.5) * cell
  const cy = (i: number): number => (Math.floor(i / gw) + 0.5) * cell

  // Mouth opening polygon (source px).
  const ring = INNER_LIP_RING.map((i) => [lm[3 * i]!, lm[3 * i + 1]!] as const)
  const inPolygon = (x: number, y: number, poly: readonly (readonly [number, number])[]): boolean => {
    let inside = false
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const [xi, yi] = poly[i]!
      const [xj, yj] = poly[j]!
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
    return inside
  }
  const distanceToRing = (x: number, y: number): number => {
    if (inPolygon(x, y, ring)) return 0
    let best = Infinity
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j]!
      const [bx, by] = ring[i]!
      const dx = bx - ax
      const dy = by - ay
      const u = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)))
      best = Math.min(best, Math.hypot(x - ax - u * dx, y - ay - u * dy))
    }
    return best
  }
  const ringSet = new Set<number>(INNER_LIP_RING)
  // Eye openings: their triangles are left out of the skin too; a static eyeball layer sits behind the lids.
  const eyeRings = [RIGHT_EYE, LEFT_EYE].map((e) => eyeRing(e))
  const eyeSets = eyeRings.map((r) => new Set<number>(r))
  const eyePolys = eyeRings.map((r) => r.map((i) => [lm[3 * i]!, lm[3 * i + 1]!] as const))
  /**
   * Depth of an opening's surface (mouth, eye) at source px (x, y): inverse-square-distance weighting of the
   * depths of its rim landmarks. The layers behind the openings follow it (plus an offset), so that they turn
   * with the face around them instead of sitting on one flat depth (the rim of an eye spans 1–2 cm of depth:
   * a flat plane slid the eye corners by several px against the skin at a 30 degree turn).
   */
  const rimDepth = (rim: readonly number[], x: number, y: number): number => {
    let sw = 0
    let sz = 0
    for (const i of rim) {
      const w = 1 / ((lm[3 * i]! - x) ** 2 + (lm[3 * i + 1]! - y) ** 2 + 0.25 * cell * cell)
      sw += w
      sz += w * lm[3 * i + 2]!
    }
    return sz / sw
  }

  // --- face raster on the grid: depth and barycentric weights (mouth-opening triangles left out)
  let t = performance.now()
  const faceZ = new Float32Array(cells).fill(Infinity)
  const faceTri = new Int32Array(cells).fill(-1)
  const faceBary = new Float32Array(cells * 3)
  const tris = basis.triangles
  for (let tr = 0; tr < tris.length; tr += 3) {
    const [a, b, c] = [tris[tr]!, tris[tr + 1]!, tris[tr + 2]!]
    if (ringSet.has(a) && ringSet.has(b) && ringSet.has(c)) continue
    if (eyeSets.some((e) => e.has(a) && e.has(b) && e.has(c))) continue
    const ax = lm[3 * a]!,
      ay = lm[3 * a + 1]!,
      az = lm[3 * a + 2]!
    const bx = lm[3 * b]!,
      by = lm[3 * b + 1]!,
      bz = lm[3 * b + 2]!
    const qx = lm[3 * c]!,
      qy = lm[3 * c + 1]!,
      qz = lm[3 * c + 2]!
    const det = (by - qy) * (ax - qx) + (qx - bx) * (ay - qy)
    if (Math.abs(det) < 1e-9) continue
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx, qx) / cell - 0.5))
    const x1 = Math.min(gw - 1, Math.ceil(Math.max(ax, bx, qx) / cell - 0.5))
    const y0 = Math.max(0, Math.floor(Math.min(ay, by, qy) / cell - 0.5))
    const y1 = Math.min(gh - 1, Math.ceil(Math.max(ay, by, qy) / cell - 0.5))
    for (let gy = y0; gy <= y1; gy++) {
      for (let gx = x0; gx <= x1; gx++) {
        const px = (gx + 0.5) * cell
        const py = (gy + 0.5) * cell
        const w0 = ((by - qy) * (px - qx) + (qx - bx) * (py - qy)) / det
        const w1 = ((qy - ay) * (px - qx) + (ax - qx) * (py - qy)) / det
        const w2 = 1 - w0 - w1
        if (w0 < -1e-6 || w1 < -1e-6 || w2 < -1e-6) continue
        const z = w0 * az + w1 * bz + w2 * qz
        const i = gy * gw + gx
        if (z < faceZ[i]!) {
          faceZ[i] = z
          faceTri[i] = tr
          faceBary[3 * i] = w0
          faceBary[3 * i + 1] = w1
          faceBary[3 * i + 2] = w2
        }
      }
    }
  }
  const inMouth = new Uint8Array(cells)
  for (let i = 0; i < cells; i++) {
    if (inPolygon(cx(i), cy(i), ring) || eyePolys.some((poly) => inPolygon(cx(i), cy(i), poly)))
      inMouth[i] = 1
  }
  t = mark('faceRasterMs', t)

  // --- person layer alpha per pixel and the moving cells
  const mask = options.personMask
  const L = new Float32Array(W * H)
  const coverage = new Float32Array(W * H)
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const px = x + 0.5
      const py = y + 0.5
      const person = mask ? mask[y * W + x]! : ellipsoidDepth(px, py) === null ? 0 : 1
      const w = rigidityAt(px, py, pivot[2])
      coverage[y * W + x] = Math.max(0, Math.min(1, (person - 0.3) / 0.4))
      L[y * W + x] = coverage[y * W + x]! * smoothstep(0.02, 0.3, w)
    }
  }
  // The layer reaches EDGE_BAND cm past the segmented core (see widenPersonLayer): the photo's rim around the
  // person moves with the head instead of staying behind in the plate. Its colour is the source (exact at the
  // source camera) and the plate's hole grows with it, so the plate is filled from clean background.
  widenPersonLayer(L, coverage, W, H, EDGE_BAND * s, (x, y) =>
    smoothstep(0.02, 0.3, rigidityAt(x, y, pivot[2]))
  )
  // Hair wisps and soft fringe the segmentation leaves out, beyond the band, join the layer with their matte
  // alpha (estimateWispAlpha); the plate is filled under them, so they leave no ghost of the hair behind.
  const wisp = new Uint8Array(W * H)
  if (mask) {
    const HW = W * H
    const rgb = new Float32Array(3 * HW)
    const core = new Float32Array(HW)
    const data = image.data
    for (let i = 0; i < HW; i++) {
      rgb[i] = data[3 * i]! / 255
      rgb[HW + i] = data[3 * i + 1]! / 255
      rgb[2 * HW + i] = data[3 * i + 2]! / 255
      core[i] = coverage[i]! >= 1 ? 1 : 0
    }
    const matte = estimateWispAlpha(rgb, core, W, H, s)
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x
        if (matte[i]! < MIN_WISP_ALPHA) continue
        const a = matte[i]! * smoothstep(0.02, 0.3, rigidityAt(x + 0.5, y + 0.5, pivot[2]))
        if (a < MIN_WISP_ALPHA || a <= L[i]!) continue
        L[i] = a
        wisp[i] = 1
      }
    }
  }

  const cellAlpha = new Float32Array(cells)
  for (let y = 0; y < H; y++) {
    const gy = Math.floor(y / cell)
    for (let x = 0; x < W; x++) {
      const i = gy * gw + Math.floor(x / cell)
      cellAlpha[i] = Math.max(cellAlpha[i]!, L[y * W + x]!)
    }
  }
  const moving = new Uint8Array(cells)
  const dilate = 2
  for (let i = 0; i < cells; i++) {
    const gx = i % gw
    const gy = Math.floor(i / gw)
    let any = faceTri[i]! >= 0
    for (let dy = -dilate; dy <= dilate && !any; dy++) {
      for (let dx = -dilate; dx <= dilate && !any; dx++) {
        const x = gx + dx
        const y = gy + dy
        if (x >= 0 && y >= 0 && x < gw && y < gh && cellAlpha[y * gw + x]! > 0) any = true
      }
    }
    if (any && !inMouth[i]) moving[i] = 1
  }
  t = mark('personLayerMs', t)

  // --- depth of every cell: face mesh where it is, head ellipsoid elsewhere, with the face/ellipsoid offset
  // carried smoothly outward (push-pull) and fading over ~3 cm so there is no step at the face border.
  const baseZ = new Float32Array(cells)
  for (let i = 0; i < cells; i++) baseZ[i] = ellipsoidDepth(cx(i), cy(i)) ?? pivot[2]
  const residual = new Float32Array(cells)
  const faceKnown = new Float32Array(cells)
  for (let i = 0; i < cells; i++) {
    if (faceTri[i]! >= 0) {
      residual[i] = faceZ[i]! - baseZ[i]!
      faceKnown[i] = 1
    }
  }
  pushPullFill(residual, faceKnown, gw, gh, 1)
  const faceDistance = chamferDistance(faceKnown, gw, gh)
  const depthFade = (3 * s) / cell
  const bases = basis.fields.map((f) => f)
  const vertexBasis = new Float32Array(468 * 3 * K) // image px at slider +1, [v][k][3]
  for (let v = 0; v < 468; v++) {
    for (let k = 0; k < K; k++) {
      const gain = options.gains?.[k] ?? 1
      const d = dirToImage([
        bases[k]![3 * v]! * gain,
        bases[k]![3 * v + 1]! * gain,
        bases[k]![3 * v + 2]! * gain
      ])
      vertexBasis.set(d, (v * K + k) * 3)
    }
  }
  const cellBasis = new Float32Array(3 * K * cells) // planar [3K][cells]
  for (let i = 0; i < cells; i++) {
    const tr = faceTri[i]!
    if (tr < 0) continue
    for (let corner = 0; corner < 3; corner++) {
      const v = tris[tr + corner]!
      const w = faceBary[3 * i + corner]!
      for (let j = 0; j < 3 * K; j++) cellBasis[j * cells + i] += w * vertexBasis[v * 3 * K + j]!
    }
  }
  pushPullFill(cellBasis, faceKnown, gw, gh, 3 * K)
  const basisFade = (1.2 * s) / cell
  // Skin depth of every cell, then the face outline's depth step smoothed into a ramp (see smoothSeam).
  const skinZ = new Float32Array(cells)
  for (let i = 0; i < cells; i++) {
    const fade = faceTri[i]! >= 0 ? 1 : Math.exp(-0.5 * (faceDistance[i]! / depthFade) ** 2)
    skinZ[i] = faceTri[i]! >= 0 ? faceZ[i]! : baseZ[i]! + residual[i]! * fade
  }
  const faceOrOpening = Float32Array.from(faceKnown, (k, i) => (k > 0 || inMouth[i] ? 1 : 0))
  smoothSeam(skinZ, faceOrOpening, gw, gh, (SEAM_SMOOTH * s) / cell)
  t = mark('depthAndBasisMs', t)

  // --- back layer behind the mouth: static with the head, deeper than the lips, spanning the opening and
  // the way the lower lip travels when the jaw opens.
  const lipX = (i: number): number => lm[3 * i]!
  const lipY = (i: number): number => lm[3 * i + 1]!
  const mouthWidth = Math.hypot(
    lipX(MOUTH_CORNER_LEFT) - lipX(MOUTH_CORNER_RIGHT),
    lipY(MOUTH_CORNER_LEFT) - lipY(MOUTH_CORNER_RIGHT)
  )
  const lipDepth = (lm[3 * 13 + 2]! + lm[3 * 14 + 2]!) / 2
  // Deep (half-way to the head centre) so skin always wins the depth test and the back layer only shows
  // where the skin leaves a gap, i.e. between parted lips.
  const backDepth = lipDepth + 0.6 * Math.max(0.3 * mouthWidth, pivot[2] - lipDepth)
  const mx0 = Math.min(lipX(MOUTH_CORNER_LEFT), lipX(MOUTH_CORNER_RIGHT)) - 0.05 * mouthWidth
  const mx1 = Math.max(lipX(MOUTH_CORNER_LEFT), lipX(MOUTH_CORNER_RIGHT)) + 0.05 * mouthWidth
  const my0 = Math.min(...INNER_LIP_UPPER.map(lipY)) - cell
  const lowerLipY = Math.max(...INNER_LIP_LOWER.map(lipY))
  const my1 = lowerLipY + 2.3 * s
  const lowerPts = INNER_LIP_LOWER.map((i) => [lipX(i), lipY(i), i] as const).sort((a, b) => a[0] - b[0])
  const upperPts = INNER_LIP_UPPER.map((i) => [lipX(i), lipY(i)] as const).sort((a, b) => a[0] - b[0])
  const interp = (pts: readonly (readonly [number, number, ...number[]])[], x: number): number => {
    if (x <= pts[0]![0]) return pts[0]![1]
    for (let k = 1; k < pts.length; k++) {
      const [x1, y1] = pts[k]!
      const [x0, y0] = pts[k - 1]!
      if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
    }
    return pts[pts.length - 1]![1]
  }
  const lowerInnerY = (x: number): number => interp(lowerPts, x)
  const seamY = (x: number): number => (interp(upperPts, x) + lowerInnerY(x)) / 2
  const nearestLowerLip = (x: number): number =>
    lowerPts.reduce((best, p) => (Math.abs(p[0] - x) < Math.abs(best[0] - x) ? p : best))[2]
  const jawDirections = basis.names.flatMap((name, k) =>
    name === 'jawOpen' || name === 'jawSideways' ? [k] : []
  )
  const backLayerMix = (x: number, y: number): number => smoothstep(0, 0.75 * cell, distanceToRing(x, y))
  const backCells: number[] = []
  for (let i = 0; i < cells; i++) {
    const x = cx(i)
    const y = cy(i)
    // U-shaped: full mouth width at the lips, narrowing below, so jaw-side cracks never show the cavity.
    const below = Math.max(0, Math.min(1, (y - lowerLipY) / (my1 - lowerLipY)))
    const halfWidth = 0.5 * (mx1 - mx0) * (1 - 0.65 * below)
    if (Math.abs(x - (mx0 + mx1) / 2) <= halfWidth && y >= my0 && y <= my1) backCells.push(i)
  }

  // --- eyeball layer: static points 2.5 mm behind the surface spanned by the lid margins, filling the eye opening
  // (the cells the skin leaves out), so a blink slides the upper lid over the eye instead of squashing it. They
  // stop at the lid margins: above the margin a stretched lid would let them show through.
  const eyeCells: { cell: number; depth: number }[] = []
  eyeRings.forEach((r, e) => {
    const poly = eyePolys[e]!
    const xs = poly.map((p) => p[0])
    const ys = poly.map((p) => p[1])
    for (let i = 0; i < cells; i++) {
      const x = cx(i)
      const y = cy(i)
      if (x < Math.min(...xs) || x > Math.max(...xs) || y < Math.min(...ys) || y > Math.max(...ys)) continue
      if (inPolygon(x, y, poly)) eyeCells.push({ cell: i, depth: rimDepth(r, x, y) + 0.25 * s })
    }
  })

  // --- points past the frame's edge, continuing the layer where it reaches the edge (frameMarginCells); the
  // texture is padded for them (padTextureForMargin), and a margin cell is kept where the padded alpha shows.
  let touchesFrame = false
  for (let gx = 0; gx < gw && !touchesFrame; gx++) touchesFrame = !!(moving[gx] || moving[(gh - 1) * gw + gx])
  for (let gy = 0; gy < gh && !touchesFrame; gy++)
    touchesFrame = !!(moving[gy * gw] || moving[gy * gw + gw - 1])
  const texturePad = touchesFrame ? Math.ceil(Math.min(MARGIN_MAX * s, Math.max(W, H))) : 0
  const marginRamp = MARGIN_RAMP * s
  const paddedAlpha =
    texturePad > 0 ? padTextureForMargin(L, W, H, 1, texturePad, marginRamp, MARGIN_CAP_RADIUS * s) : L
  const TW = W + 2 * texturePad
  const TH = H + 2 * texturePad
  const marginAlphaAt = (x: number, y: number): number => {
    const X = Math.min(TW - 1, Math.max(0, Math.floor(x) + texturePad))
    const Y = Math.min(TH - 1, Math.max(0, Math.floor(y) + texturePad))
    return paddedAlpha[Y * TW + X]!
  }
  const marginCells = frameMarginCells(
    moving,
    gw,
    gh,
    (i) => {
      const x = cx(i)
      const y = cy(i)
      const z = skinZ[i]!
      const [dx, dy, dz] = [Math.abs(x - pivot[0]), Math.abs(y - pivot[1]), Math.abs(z - pivot[2])]
      const w = rigidityAt(x, y, z)
      const cells = (travel: number): number => Math.ceil(Math.min(MARGIN_MAX * s, w * travel) / cell)
      // How far a frame edge can move inward: across a left or right edge through roll (dy), yaw (dz) and the
      // cosine shortening of dx; across a top or bottom edge through roll (dx), pitch (dz) and that of dy.
      return [
        cells(MARGIN_ROLL * dy + MARGIN_TURN * dz + MARGIN_COS * dx),
        cells(MARGIN_ROLL * dx + MARGIN_TURN * dz + MARGIN_COS * dy)
      ]
    },
    (gx, gy) => marginAlphaAt((gx + 0.5) * cell, (gy + 0.5) * cell) > 0.02
  )

  // --- assemble the points
  const faceCells: number[] = []
  for (let i = 0; i < cells; i++) if (moving[i]) faceCells.push(i)
  const skinCount = faceCells.length + marginCells.length
  const n = skinCount + backCells.length + eyeCells.length
  const C = 3 + 3 * K
  const features = new Float32Array(C * n)
  const pointAttrs = new Float32Array(POINT_ATTR_CHANNELS * n)
  // Lip side of each skin point (+1 upper lip, -1 lower lip, 0 elsewhere): the renderer cuts a lip where its
  // texture read crosses that lip's inner edge, so the opening follows the lip line, not the cell grid.
  const upperInnerY = (x: number): number => interp(upperPts, x)
  // Between the outer mouth corners: the seam line runs on flat from the inner corners, so an opening that
  // reaches the corners tapers into the commissure instead of ending on a vertical cut.
  const innerX0 = Math.min(lipX(MOUTH_CORNER_LEFT), lipX(MOUTH_CORNER_RIGHT))
  const innerX1 = Math.max(lipX(MOUTH_CORNER_LEFT), lipX(MOUTH_CORNER_RIGHT))
  // Only for a closed (or barely open) source mouth: where the photo shows teeth, the lips' own texture read
  // past their edge (the teeth next to them) fills an opening better than the painted cavity does.
  let sourceOpening = 0
  for (const [x] of upperPts) sourceOpening = Math.max(sourceOpening, lowerInnerY(x) - interp(upperPts, x))
  const cutLips = sourceOpening < LIP_CUT_MAX_SOURCE_OPENING * s
  const lipSide = (x: number, y: number): number => {
    if (!cutLips || x < innerX0 || x > innerX1) return 0
    const mid = (upperInnerY(x) + lowerInnerY(x)) / 2
    if (y <= mid && mid - y <= LIP_ZONE_UP * s) return 1
    if (y > mid && y - mid <= LIP_ZONE_DOWN * s) return -1
    return 0
  }
  faceCells.forEach((i, p) => {
    const x = cx(i)
    const y = cy(i)
    const isFace = faceTri[i]! >= 0
    const z = skinZ[i]!
    features[p] = x
    features[n + p] = y
    features[2 * n + p] = z
    const bf = isFace ? 1 : Math.exp(-0.5 * (faceDistance[i]! / basisFade) ** 2)
    for (let j = 0; j < 3 * K; j++) features[(3 + j) * n + p] = cellBasis[j * cells + i]! * bf
    pointAttrs[p] = x
    pointAttrs[n + p] = y
    pointAttrs[2 * n + p] = rigidityAt(x, y, z)
    pointAttrs[3 * n + p] = 0
    pointAttrs[4 * n + p] = lipSide(x, y)
  })
  const pointOfCell = new Int32Array(cells).fill(-1)
  faceCells.forEach((i, p) => (pointOfCell[i] = p))
  marginCells.forEach(({ gx, gy, from }, k) => {
    const p = faceCells.length + k
    const q = pointOfCell[from]!
    const x = (gx + 0.5) * cell
    const y = (gy + 0.5) * cell
    for (let c = 0; c < C; c++) features[c * n + p] = features[c * n + q]!
    features[p] = x
    features[n + p] = y
    pointAttrs[p] = x
    pointAttrs[n + p] = y
    pointAttrs[2 * n + p] = rigidityAt(x, y, features[2 * n + q]!)
  })
  backCells.forEach((i, b) => {
    const p = skinCount + b
    features[p] = cx(i)
    features[n + p] = cy(i)
    features[2 * n + p] = backDepth
    pointAttrs[p] = cx(i)
    pointAttrs[n + p] = cy(i)
    pointAttrs[2 * n + p] = 1
    // Layer 1: what it shows is the back texture's mix at the read position (backLayerMix): the source inside
    // the visible opening, the painted cavity behind the lips. At the source camera and zero code the skin
    // wins every cell outside the opening, so the render only ever shows the source.
    pointAttrs[3 * n + p] = 1
    // What shows in the opening below the lip seam (lower teeth) sits on the mandible: it follows the jaw
    // directions like the lower lip does.
    if (inPolygon(cx(i), cy(i), ring)) {
      // On a source mouth that shows its teeth (lips left uncut), these points are the photo's own mouth: they
      // show the source wherever they are read (layer 0). When the head turns they slide a little against the
      // lips (they sit deeper), and a read past the opening's edge used to pick up the painted cavity there: a
      // dashed black line along the lip.
      if (!cutLips) pointAttrs[3 * n + p] = 0
      // Teeth sit just behind the lips, not at the cavity's depth, so turning the head does not slide them
      // away from the lips (parallax) and open a dark gap.
      features[2 * n + p] = rimDepth(INNER_LIP_RING, cx(i), cy(i)) + 0.4 * s
      const below = smoothstep(0, 1, (cy(i) - seamY(cx(i))) / Math.max(1, lowerInnerY(cx(i)) - seamY(cx(i))))
      if (below > 0) {
        const v = nearestLowerLip(cx(i))
        for (const k of jawDirections) {
          for (let a = 0; a < 3; a++)
            features[(3 + 3 * k + a) * n + p] = below * vertexBasis[(v * K + k) * 3 + a]!
        }
      }
    }
  })
  eyeCells.forEach(({ cell: i, depth }, e) => {
    const p = skinCount + backCells.length + e
    features[p] = cx(i)
    features[n + p] = cy(i)
    features[2 * n + p] = depth
    pointAttrs[p] = cx(i)
    pointAttrs[n + p] = cy(i)
    pointAttrs[2 * n + p] = 1
    pointAttrs[3 * n + p] = 0
  })
  // Grid neighbours within each layer, keyed by grid coordinates on a grid padded by the widest margin.
  const pad = marginCells.reduce((m, c) => Math.max(m, -c.gx, -c.gy, c.gx - gw + 1, c.gy - gh + 1), 0) + 2
  const keyOf = (gx: number, gy: number): number => (gy + pad) * (gw + 2 * pad) + gx + pad
  const inGrid = (i: number): readonly [number, number] => [i % gw, Math.floor(i / gw)]
  const pointNeighbours = new BigInt64Array(4 * n)
  const layers: readonly (readonly (readonly [number, number])[])[] = [
    [...faceCells.map(inGrid), ...marginCells.map((c) => [c.gx, c.gy] as const)],
    backCells.map(inGrid),
    eyeCells.map((e) => inGrid(e.cell))
  ]
  let first = 0
  for (const layer of layers) {
    const at = new Map<number, number>()
    layer.forEach(([gx, gy], k) => at.set(keyOf(gx, gy), first + k))
    layer.forEach(([gx, gy], k) => {
      const p = first + k
      // Neighbours across the lip seam are not neighbours: the lips part there.
      const side = pointAttrs[4 * n + p]!
      // The sparse part of the frame margin has its neighbours two cells away.
      const margin = p >= faceCells.length && p < skinCount
      const look = (dx: number, dy: number): bigint => {
        const q =
          at.get(keyOf(gx + dx, gy + dy)) ??
          (margin ? at.get(keyOf(gx + 2 * dx, gy + 2 * dy)) : undefined) ??
          p
        return BigInt(side * pointAttrs[4 * n + q]! < 0 ? p : q)
      }
      pointNeighbours[p] = look(-1, 0)
      pointNeighbours[n + p] = look(1, 0)
      pointNeighbours[2 * n + p] = look(0, -1)
      pointNeighbours[3 * n + p] = look(0, 1)
    })
    first += layer.length
  }
  t = mark('pointsMs', t)

  // --- textures: source, person alpha, back layer (source near the opening, a synthetic mouth interior
  // elsewhere), and the plate (hole where the person layer is fully opaque, filled by push-pull).
  const HW = W * H
  const texture = new Float32Array(4 * HW)
  const src = image.data
  for (let i = 0; i < HW; i++) {
    texture[i] = src[3 * i]! / 255
    texture[HW + i] = src[3 * i + 1]! / 255
    texture[2 * HW + i] = src[3 * i + 2]! / 255
    texture[3 * HW + i] = L[i]!
  }
  const backTexture = new Float32Array(BACK_TEXTURE_CHANNELS * HW)
  backTexture.set(texture.subarray(0, 3 * HW))
  // Channels 3 and 4: signed vertical distance (source px) into the upper lip from its inner edge, and into
  // the lower lip from its inner edge (negative past the edge), read per cell where the lips are cut.
  // Channel 5: the back layer's own mix at each source px (0 = the source shows, inside the visible opening;
  // 1 = the painted cavity), so a cut lip shows what the back layer would show there.
  backTexture.fill(1, 5 * HW)
  for (let x = 0; x < W; x++) {
    const yu = upperInnerY(x + 0.5)
    const yl = lowerInnerY(x + 0.5)
    for (let y = 0; y < H; y++) {
      backTexture[3 * HW + y * W + x] = yu - (y + 0.5)
      backTexture[4 * HW + y * W + x] = y + 0.5 - yl
    }
  }
  for (let y = Math.max(0, Math.floor(my0 - 2 * cell)); y < Math.min(H, Math.ceil(my1 + 2 * cell)); y++) {
    for (let x = Math.max(0, Math.floor(mx0 - 2 * cell)); x < Math.min(W, Math.ceil(mx1 + 2 * cell)); x++) {
      backTexture[5 * HW + y * W + x] = backLayerMix(x + 0.5, y + 0.5)
    }
  }
  paintMouthInterior(backTexture, W, H, {
    upper: INNER_LIP_UPPER.map((i) => [lipX(i), lipY(i)] as const),
    mouthWidth,
    box: [mx0 - cell, my0 - cell, mx1 + cell, my1 + cell]
  })
  // Plate: the hole is the person layer where alpha >= UNMIX_MIN_ALPHA, filled by push-pull
  // from the background around it. The layer's colour is then un-mixed from that background with the
  // compositing equation S = L F + (1 - L) B, so F carries no old background in its soft edge (hair) and the
  // zero-expression render L F + (1 - L) B is the source, whatever the fill.
  const plate = texture.slice(0, 3 * HW)
  const plateKnown = new Float32Array(HW)
  for (let i = 0; i < HW; i++) plateKnown[i] = L[i]! >= UNMIX_MIN_ALPHA || wisp[i] ? 0 : 1
  pushPullFill(plate, plateKnown, W, H, 3)
  for (let i = 0; i < HW; i++) {
    const a = L[i]!
    if ((a < UNMIX_MIN_ALPHA && !wisp[i]) || a >= 1) continue
    for (let c = 0; c < 3; c++) {
      const f = (texture[c * HW + i]! - (1 - a) * plate[c * HW + i]!) / a
      // Where the un-mixed colour leaves 0..1 the background estimate is off; clamping there costs a little
      // exactness in faint hair edges (PSNR stays ~45 dB) but leaves no ghost outline in the plate.
      const clamped = Math.max(0, Math.min(1, f))
      texture[c * HW + i] = clamped
    }
  }
  const platePadded = padEdge(plate, W, H, 3)
  const paddedTexture =
    texturePad > 0
      ? padTextureForMargin(texture, W, H, 4, texturePad, marginRamp, MARGIN_CAP_RADIUS * s)
      : texture
  mark('texturesMs', t)
  timings.totalMs = performance.now() - t0

  // Splat window: bounding box of every point, widened by how far a point can travel (a 40 degree turn of a
  // point 12 cm from the pivot), clamped to the portrait.
  let bx0 = Infinity
  let by0 = Infinity
  let bx1 = -Infinity
  let by1 = -Infinity
  for (let p = 0; p < n; p++) {
    bx0 = Math.min(bx0, features[p]!)
    bx1 = Math.max(bx1, features[p]!)
    by0 = Math.min(by0, features[n + p]!)
    by1 = Math.max(by1, features[n + p]!)
  }
  const reach = 8 * s
  const wx0 = Math.max(0, Math.floor((bx0 - reach) / cell))
  const wy0 = Math.max(0, Math.floor((by0 - reach) / cell))
  const wx1 = Math.min(gw, Math.ceil((bx1 + reach) / cell))
  const wy1 = Math.min(gh, Math.ceil((by1 + reach) / cell))

  return {
    width: W,
    height: H,
    cell,
    gridWidth: Math.max(1, wx1 - wx0),
    gridHeight: Math.max(1, wy1 - wy0),
    gridOrigin: [wx0 * cell, wy0 * cell],
    leakDepth: 0.8 * s,
    pointCount: n,
    features,
    featureChannels: C,
    pointAttrs,
    pointNeighbours,
    pivot,
    texture: paddedTexture,
    texturePad,
    backTexture,
    plate: platePadded,
    timings
  }
}

/**
 * Paints the mouth back layer's RGB inside `box`: a dark cavity getting darker with depth into the mouth, a
 * band of upper teeth just under the upper lip, and a tongue tint lower down.
 */
function paintMouthInterior(
  back: Float32Array,
  W: number,
  H: number,
  m: {
    upper: readonly (readonly [number, number])[]
    mouthWidth: number
    box: readonly [number, number, number, number]
  }
): void {
  const HW = W * H
  const upper = [...m.upper].sort((a, b) => a[0] - b[0])
  const upperY = (x: number): number => {
    if (x <= upper[0]![0]) return upper[0]![1]
    for (let i = 1; i < upper.length; i++) {
      const [x1, y1] = upper[i]!
      const [x0, y0] = upper[i - 1]!
      if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
    }
    return upper[upper.length - 1]![1]
  }
  const xc = (upper[0]![0] + upper[upper.length - 1]![0]) / 2
  const mw = m.mouthWidth
  const x0 = Math.max(0, Math.floor(m.box[0]))
  const x1 = Math.min(W - 1, Math.ceil(m.box[2]))
  const y0 = Math.max(0, Math.floor(m.box[1]))
  const y1 = Math.min(H - 1, Math.ceil(m.box[3]))
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5
      const py = y + 0.5
      const rel = (py - upperY(px)) / mw // 0 at the upper lip, grows downward
      const lateral = Math.abs(px - xc) / (0.5 * mw)
      const shade = 1 - 0.6 * smoothstep(0, 0.45, rel) - 0.3 * smoothstep(0.5, 1, lateral)
      let r = 0.16 * shade
      let g = 0.05 * shade
      let b = 0.05 * shade
      // A hint of the upper teeth right under the upper lip, in shadow and fading at the sides: a bright band
      // would show the cell-sized steps of the lip edge that cuts across it.
      const teeth =
        0.55 *
        (1 - smoothstep(0.04, 0.12, rel)) *
        smoothstep(-0.03, 0.0, rel) *
        (1 - smoothstep(0.3, 0.7, lateral))
      r += teeth * (0.62 - r)
      g += teeth * (0.56 - g)
      b += teeth * (0.5 - b)
      const tongue = smoothstep(0.3, 0.55, rel) * (1 - smoothstep(0.6, 0.9, lateral))
      r += tongue * (0.42 * shade - r) * 0.6
      g += tongue * (0.15 * shade - g) * 0.6
      b += tongue * (0.15 * shade - b) * 0.6
      const i = y * W + x
      back[i] = r
      back[HW + i] = g
      back[2 * HW + i] = b
    }
  }
}

/** Planar [channels][h][w] -> [channels][h + 2][w + 2], edges replicated. */
function padEdge(data: Float32Array, w: number, h: number, channels: number): Float32Array {
  const pw = w + 2
  const ph = h + 2
  const out = new Float32Array(channels * pw * ph)
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < ph; y++) {
      const sy = Math.min(h - 1, Math.max(0, y - 1))
      for (let x = 0; x < pw; x++) {
        const sx = Math.min(w - 1, Math.max(0, x - 1))
        out[c * pw * ph + y * pw + x] = data[c * w * h + sy * w + sx]!
      }
    }
  }
  return out
}
