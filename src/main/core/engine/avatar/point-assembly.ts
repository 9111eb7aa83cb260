import { EYE_LAYER, POINT_ATTR_CHANNELS } from '@shared/engine/renderer-layout'
import { type AvatarGrid } from './avatar-grid'
import { type CellDepth } from './cell-depth'
import { type EyeCell } from './eye-layer'
import { type FaceOpening } from './face-openings'
import { type FaceRaster } from './face-raster'
import { type MarginCell } from './frame-margin'
import { type HeadProxy } from './head-proxy'
import { type MouthBackLayer } from './mouth-back-layer'
import { placeBackPoint, writeMouthPoints } from './mouth-points'

/** How far (cm) behind its skin's deepest reach the mouth's back layer stays (see writeMouthPoints). */
const BACK_LAYER_MARGIN_CM = 0.2
/** How far (cm) above and below the lip seam skin points count as upper / lower lip for the renderer's lip cut. */
const LIP_ZONE_UP = 1.2
const LIP_ZONE_DOWN = 1.5
/** A lip-zone cell whose jawOpen drop is more than this share of the lower lip's (nearest inner landmark) is lower lip. */
const LOWER_LIP_DROP_SHARE = 0.5

/** The cells that become points, layer by layer. */
export interface PointLayers {
  /** 1 per cell that becomes a skin point. */
  readonly moving: Uint8Array
  /** Skin points past the frame's edge. */
  readonly margin: readonly MarginCell[]
  readonly mouth: MouthBackLayer
  /** The mouth opening between the inner lips. */
  readonly mouthOpening: FaceOpening
  readonly eyes: readonly EyeCell[]
}

/** The points in the generator's and the renderer's layout (see AvatarRepresentation). */
export interface AvatarPoints {
  readonly count: number
  /** [3 + 4K, N]: neutral x, y, depth (source px), the K expression fields, then the K shading fields. */
  readonly features: Float32Array
  readonly featureChannels: number
  /** [POINT_ATTR_CHANNELS, N]: source x, y, rigidity, layer, lip side. */
  readonly pointAttrs: Float32Array
  /** [4, N]: left, right, upper and lower neighbour within the point's layer, or itself. */
  readonly pointNeighbours: BigInt64Array
  /** [gh, gw]: the skin point of each cell of the portrait's grid, N where there is none. */
  readonly shadeCells: BigInt64Array
}

/**
 * Assembles the points in layer order: skin cells, then the frame margin (together the skin layer), the
 * mouth back layer with the photo's mouth in it (see writeMouthPoints) and the eyeballs. `directionCount`: K, the expression
 * directions; `shading`: [K x cells], each cell's expression shading (faceShading), carried by the skin points
 * only; `eyeFields`: [eye points x 3K], the
 * eyeball points' motion per direction (eyeGazeFields; default none).
 */
export function assemblePoints(
  grid: AvatarGrid,
  head: HeadProxy,
  raster: Pick<FaceRaster, 'faceTri'>,
  depth: CellDepth,
  layers: PointLayers,
  directionCount: number,
  shading: Float32Array,
  eyeFields?: Float32Array
): AvatarPoints {
  const { scale: s, cell, cells, cx, cy } = grid
  const { rigidityAt } = head
  const { faceTri } = raster
  const { skinZ, faceDistance, vertexBasis, cellBasis, basisFade } = depth
  const { moving, margin: marginCells, mouth, eyes: eyeCells } = layers
  const { cells: backCells, seamY } = mouth
  const K = directionCount
  const faceCells: number[] = []
  for (let i = 0; i < cells; i++) if (moving[i]) faceCells.push(i)
  const skinCount = faceCells.length + marginCells.length
  const n = skinCount + backCells.length + eyeCells.length
  const C = 3 + 4 * K
  const features = new Float32Array(C * n)
  const pointAttrs = new Float32Array(POINT_ATTR_CHANNELS * n)
  // Lip side of each skin point (+1 upper lip, -1 lower lip, 0 elsewhere): the renderer cuts a lip where its
  // texture read crosses that lip's inner edge, so the opening follows the lip line, not the cell grid.
  // Between the outer mouth corners: the seam line runs on flat from the inner corners, so an opening that
  // reaches the corners tapers into the commissure instead of ending on a vertical cut.
  const [innerX0, innerX1] = mouth.cornersX
  // Also where the source shows its teeth: the photo's teeth are cut along the seam with the lips (mouth-points).
  // Within the lip zone a cell that the jaw moves like the lower lip is the lower lip, whichever side of the seam it
  // lies: near the corners of a mouth that shows its teeth the photo's bite line (the seam) runs below the lower
  // lip's inner landmarks, and lower-lip skin above it, marked upper, sank with the jaw into the opening, where the
  // lip cut kept it as blocks of lip (sad_people0 at jawOpen 1: 14 px down, read 8 px above).
  const kOpen = mouth.jawOpenDirection
  const jawDrop = (x: number): number =>
    kOpen < 0 ? 0 : vertexBasis[(mouth.nearestLowerLip(x) * K + kOpen) * 3 + 1]!
  const lipSide = (x: number, y: number, i: number): number => {
    if (x < innerX0 || x > innerX1) return 0
    const mid = seamY(x)
    const side = y <= mid ? (mid - y <= LIP_ZONE_UP * s ? 1 : 0) : y - mid <= LIP_ZONE_DOWN * s ? -1 : 0
    const drop = jawDrop(x)
    if (side === 0 || drop <= 0) return side
    return cellBasis[(3 * kOpen + 1) * cells + i]! > LOWER_LIP_DROP_SHARE * drop ? -1 : 1
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
    for (let k = 0; k < K; k++) features[(3 + 3 * K + k) * n + p] = shading[k * cells + i]!
    pointAttrs[p] = x
    pointAttrs[n + p] = y
    pointAttrs[2 * n + p] = rigidityAt(x, y, z)
    pointAttrs[3 * n + p] = 0
    pointAttrs[4 * n + p] = lipSide(x, y, i)
  })
  const pointOfCell = new Int32Array(cells).fill(-1)
  faceCells.forEach((i, p) => (pointOfCell[i] = p))
  const shadeCells = new BigInt64Array(cells).fill(BigInt(n))
  faceCells.forEach((i, p) => (shadeCells[i] = BigInt(p)))
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
  // The back layer stays behind the skin in front of it wherever every direction at full strength moves that skin
  // (the sum of their depth motions, source px) plus a margin.
  const behindSkin = (i: number): number => {
    let reach = BACK_LAYER_MARGIN_CM * s
    for (let k = 0; k < K; k++) reach += Math.abs(cellBasis[(3 * k + 2) * cells + i]!)
    return skinZ[i]! + reach
  }
  writeMouthPoints(
    { features, pointAttrs, n, K },
    skinCount,
    grid,
    mouth,
    layers.mouthOpening,
    vertexBasis,
    behindSkin
  )
  eyeCells.forEach(({ cell: i, depth }, e) => {
    const p = skinCount + backCells.length + e
    placeBackPoint({ features, pointAttrs, n, K }, p, cx(i), cy(i), depth, EYE_LAYER)
    // Layer 2 (a back layer, like the mouth's): the eyeball shows the back texture's painted eyeball where its
    // mix says so (under the lids, and near the rim), the source inside the visible opening; the renderer's
    // eyelid cut looks for it around the lids.
    if (eyeFields) for (let j = 0; j < 3 * K; j++) features[(3 + j) * n + p] = eyeFields[e * 3 * K + j]!
  })
  const pointNeighbours = layerNeighbours(grid, faceCells, layers, pointAttrs, n)
  return { count: n, features, featureChannels: C, pointAttrs, pointNeighbours, shadeCells }
}

/**
 * Grid neighbours within each layer (skin with its frame margin, mouth back, eyeballs), keyed by grid
 * coordinates on a grid padded by the widest margin; `faceCells` are the skin points' cells in point order.
 */
function layerNeighbours(
  grid: AvatarGrid,
  faceCells: readonly number[],
  layers: PointLayers,
  pointAttrs: Float32Array,
  n: number
): BigInt64Array {
  const { gw, gh } = grid
  const { margin: marginCells, mouth, eyes: eyeCells } = layers
  const skinCount = faceCells.length + marginCells.length
  const pad = marginCells.reduce((m, c) => Math.max(m, -c.gx, -c.gy, c.gx - gw + 1, c.gy - gh + 1), 0) + 2
  const keyOf = (gx: number, gy: number): number => (gy + pad) * (gw + 2 * pad) + gx + pad
  const inGrid = (i: number): readonly [number, number] => [i % gw, Math.floor(i / gw)]
  const pointNeighbours = new BigInt64Array(4 * n)
  const pointLayers: readonly (readonly (readonly [number, number])[])[] = [
    [...faceCells.map(inGrid), ...marginCells.map((c) => [c.gx, c.gy] as const)],
    mouth.cells.map(inGrid),
    eyeCells.map((e) => inGrid(e.cell))
  ]
  let first = 0
  for (const layer of pointLayers) {
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
  return pointNeighbours
}

/**
 * Splat window: bounding box of every point (`features`, `n` points), widened by how far a point can travel
 * (a 40 degree turn of a point 12 cm from the pivot), clamped to the portrait. In cells, and its top-left
 * corner in source px.
 */
export function splatWindow(
  grid: AvatarGrid,
  features: Float32Array,
  n: number
): { gridWidth: number; gridHeight: number; gridOrigin: [number, number] } {
  const { scale: s, cell, gw, gh } = grid
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
    gridWidth: Math.max(1, wx1 - wx0),
    gridHeight: Math.max(1, wy1 - wy0),
    gridOrigin: [wx0 * cell, wy0 * cell]
  }
}
