import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'
import { EMPTY_KEY, keyPointIndex } from './splat'
import { viewField } from './view-fields'

/** Half-size, in cells, of the window that fills gaps from the farthest point around. */
export const GAP_FILL_RADIUS = 3
/** A winner deeper than this many leakDepths behind its neighbour may be a real opening (the mouth), not a crack. */
export const LEAK_RANGE = 3
/**
 * A surface whose points cover more than this much source area per output area (|det J^-1|) is compressed: it
 * turns away from the camera, its points lie closer than the cells and it does not crack, so an empty cell beside
 * it lies past its fold. 1.3 leaves the still torso (about 1) and surfaces stretched toward the camera (below 1)
 * closing their cracks as before.
 */
const COMPRESSED_AREA = 1.3
/** Person alpha below which a point is the layer's backdrop (the edge band and the head's cells past the matte). */
const BACKDROP_ALPHA = 0.5

export interface GapFillValues {
  /** int64 [4]: the cell grid as an image shape, [1, 1, hc, wc]. */
  readonly image4: Value
  /** [cells] bool: a point covers the cell after the fill. */
  readonly covered: Value
  /** int64 [cells]: the point covering each cell (meaningless where none does). */
  readonly winnerIndex: Value
}

/**
 * Crack and gap fill, so surfaces stretched more than the 2x2 footprint covers stay closed: an empty cell takes
 * its nearest 3x3 neighbour (cracks), or else the farthest point in the GAP_FILL_RADIUS window (gaps). Past the
 * fold of a surface turning away (foldGaps) an empty cell is a gap, not a crack, and a deeper point beside it is
 * what the fold occludes, not a leak.
 * `rawWinner` [cells] holds the splat's winning keys (depth_bin * N + index, EMPTY_KEY where none).
 */
export function fillGaps(
  g: GraphBuilder,
  inputs: {
    rawWinner: Value
    /** [4, N]: each point's inverse Jacobian (inverseJacobian). */
    inverse: Value
    pointAttrs: Value
    texture: Value
    srcW: Value
    srcH: Value
    /** [1]: source px per texel of the texture fed (1 at full resolution). */
    textureScale: Value
    view: Value
    hc: Value
    wc: Value
    nPoints: Value
    bins: Value
    zMin: Value
    zMax: Value
    zero: Value
  }
): GapFillValues {
  const { f, i64, op, add, sub, mul, div } = graphOps(g)
  const { rawWinner, view, hc, wc, nPoints, bins, zMin, zMax, zero } = inputs
  const hcI0 = op('Cast', [hc], { to: 7 })
  const wcI0 = op('Cast', [wc], { to: 7 })
  const image4 = op('Concat', [i64([1, 1]), hcI0, wcI0], { axis: 0 })
  // Two stages: one-cell cracks (a stretched lid, a stretched cheek) take the nearest neighbour, so a surface
  // closes over itself and its flow is extrapolated; wider gaps are filled below.
  const rawFilled = op('Less', [rawWinner, f(EMPTY_KEY)])
  const nearest = op('Reshape', [
    op('Neg', [
      op('MaxPool', [op('Neg', [op('Reshape', [rawWinner, image4])])], {
        kernel_shape: [3, 3],
        pads: [1, 1, 1, 1],
        strides: [1, 1]
      })
    ]),
    i64([-1])
  ])
  // A back-layer point (eyeball, mouth interior) showing through a crack of the skin in front of it is a crack
  // too: when the winner is more than `leakDepth` (source px) behind its nearest neighbour, the nearest point
  // wins. The mouth cavity (more than LEAK_RANGE x leakDepth deep) only counts when it is sandwiched, i.e.
  // behind both of its vertical or both of its horizontal neighbours (a one-cell crack): between parted lips it
  // must show, and the lip next to it would otherwise smear over the opening's edge.
  const binOf = (k: Value): Value => op('Floor', [div(k, nPoints)])
  const binsPerPx = div(sub(bins, f(1)), add(sub(zMax, zMin), f(1e-3)))
  const winnerBin = binOf(rawWinner)
  // The view's leakDepth (source px; see VIEW_FIELDS) in depth bins.
  const leakBins = mul(viewField(g, view, 'leakDepth'), binsPerPx)
  const winnerBinImage = op('Reshape', [winnerBin, image4])
  const fartherOfPair = (kernel: [number, number], pads: [number, number, number, number]): Value =>
    op('Reshape', [
      op('MaxPool', [winnerBinImage], { kernel_shape: kernel, dilations: kernel, pads }),
      i64([-1])
    ])
  const sandwichBin = op('Min', [
    fartherOfPair([2, 1], [1, 0, 1, 0]), // the farther of the cells above and below
    fartherOfPair([1, 2], [0, 1, 0, 1]) // the farther of the cells left and right
  ])
  const behind = sub(winnerBin, binOf(nearest))
  const leak = op('And', [
    op('Greater', [behind, leakBins]),
    op('Or', [
      op('Less', [behind, mul(leakBins, f(LEAK_RANGE))]),
      op('Greater', [sub(winnerBin, sandwichBin), leakBins])
    ])
  ])
  const { fold, occludedByFold } = foldGaps(g, {
    ...inputs,
    image4,
    rawFilled,
    nearest,
    sandwichBin,
    leakBins,
    binOf
  })
  const stage1 = op('Where', [
    op('And', [rawFilled, op('Or', [op('Not', [leak]), occludedByFold])]),
    rawWinner,
    op('Where', [fold, f(EMPTY_KEY), nearest])
  ])
  const stage1Filled = op('Less', [stage1, f(EMPTY_KEY)])
  // Wider gaps take the farthest point of the 7x7 neighbourhood, with its flow extrapolated: beyond the head's
  // silhouette that lands on the old background (alpha 0, the plate shows), inside it on the far surface.
  const pooled = op('MaxPool', [op('Reshape', [op('Where', [stage1Filled, stage1, f(-1)]), image4])], {
    kernel_shape: [2 * GAP_FILL_RADIUS + 1, 2 * GAP_FILL_RADIUS + 1],
    pads: [GAP_FILL_RADIUS, GAP_FILL_RADIUS, GAP_FILL_RADIUS, GAP_FILL_RADIUS],
    strides: [1, 1]
  })
  const pooledFlat = op('Reshape', [pooled, i64([-1])])
  const winner = op('Where', [
    stage1Filled,
    stage1,
    op('Where', [op('GreaterOrEqual', [pooledFlat, zero]), pooledFlat, f(EMPTY_KEY)])
  ])
  const covered = op('Less', [winner, f(EMPTY_KEY)])
  const winnerIndex = keyPointIndex(g, winner, nPoints)
  return { image4, covered, winnerIndex }
}

/**
 * [cells] bool: the cells that the crack fill leaves to the gap fill because they lie past a fold. At the far cheek
 * of a turned head the face's points are compressed toward its fold and the head's backdrop points (past the
 * person's matte, alpha 0) move the other way, so the cells between are empty or won by a backdrop point with
 * face cells above and below. Filled with the nearest point they continued the face past its outline, reading
 * skin where the cheek had turned away: islands of skin and dark rims outside the face, cut on the cell grid
 * (dt_face3 at yaw +30: 7.6 % rougher than at rest). Such a cell is a gap when (1) its nearest point is compressed
 * (COMPRESSED_AREA), (2) no surface about as near lies on both sides of it (sandwichBin), and (3) the farthest
 * point of the raw splat in the gap window is backdrop (BACKDROP_ALPHA): over hair the face keeps closing over its
 * edge as before, and the per-pixel front coverage draws its outline.
 *
 * `occludedByFold`: a cell the splat gave a deeper point, beside such a fold (1, 2) where what lies behind is the
 * person (not 3). The leak rule took that point for one showing through a crack and gave the cell the fold's
 * nearest point, continuing the face (or the nose) a cell or two over the hair (or the far cheek) beside it. A
 * compressed surface does not crack: the deeper point is the surface the fold occludes, and it stays. Continued,
 * the face's outline fell on the cell grid and the occlusion edge read the strip between the two surfaces in the
 * source there (lp_s1 at yaw +30: a dark, stepped crack along the nose over the far cheek, and dark steps along the
 * far cheek over the hair; sad_happy the same along its far cheek).
 */
function foldGaps(
  g: GraphBuilder,
  inputs: {
    rawWinner: Value
    rawFilled: Value
    nearest: Value
    sandwichBin: Value
    leakBins: Value
    binOf: (key: Value) => Value
    inverse: Value
    pointAttrs: Value
    texture: Value
    srcW: Value
    srcH: Value
    /** [1]: source px per texel of the texture fed (1 at full resolution). */
    textureScale: Value
    nPoints: Value
    image4: Value
  }
): { fold: Value; occludedByFold: Value } {
  const { f, i64, op, sub, mul, add, div, slice, take } = graphOps(g)
  const { rawWinner, rawFilled, nearest, sandwichBin, leakBins, binOf, inverse, nPoints, image4 } = inputs
  const indexOf = (key: Value): Value => keyPointIndex(g, op('Min', [key, f(EMPTY_KEY - 1)]), nPoints)
  const [ia, ib, ic, id] = g.opMulti('Split', [inverse, i64([1, 1, 1, 1])], 4, { axis: 0 }) as [
    Value,
    Value,
    Value,
    Value
  ]
  const areaScale = op('Reshape', [op('Abs', [sub(mul(ia, id), mul(ib, ic))]), i64([-1])]) // [N]
  const compressed = op('Greater', [take(areaScale, indexOf(nearest)), f(COMPRESSED_AREA)])
  const sandwiched = op('Not', [op('Greater', [sub(sandwichBin, binOf(nearest)), leakBins])])
  // Each point's person alpha: the texture's fourth channel at the texel holding its source px (the texture is
  // padded by the same number of px on each side and fed at `textureScale` source px per texel), gathered from
  // the flat texture: a Slice of the alpha plane copied it whole every frame.
  const { textureScale } = inputs
  const shape = slice(op('Shape', [inputs.texture]), 2, 4, 0) // [Ht, Wt] texels, int64
  const texShape = op('Cast', [shape], { to: 1 })
  const texH = slice(texShape, 0, 1, 0)
  const texW = slice(texShape, 1, 2, 0)
  const padX = mul(sub(mul(texW, textureScale), inputs.srcW), f(0.5))
  const padY = mul(sub(mul(texH, textureScale), inputs.srcH), f(0.5))
  const column = (c: number): Value => op('Reshape', [slice(inputs.pointAttrs, c, c + 1, 1), i64([-1])])
  // Texel centres are at (source px + pad) / scale - 0.5 (the texture is read with align_corners 0).
  const texelOf = (c: number, pad: Value, size: Value): Value =>
    op('Clip', [op('Floor', [div(add(column(c), pad), textureScale)]), f(0), sub(size, f(1))])
  // (in int64: a padded texture's four planes may hold more values than float32 counts exactly)
  const texWI = slice(shape, 1, 2, 0)
  const alphaStart = op('Mul', [op('Mul', [slice(shape, 0, 1, 0), texWI]), i64([3])])
  const toI64 = (x: Value): Value => op('Cast', [x], { to: 7 })
  const row = op('Mul', [toI64(texelOf(1, padY, texH)), texWI])
  const texel = op('Add', [op('Add', [row, toI64(texelOf(0, padX, texW))]), alphaStart]) // [N]
  const flat = op('Reshape', [inputs.texture, i64([-1])])
  const pointAlpha = take(flat, texel) // [N]
  const window = 2 * GAP_FILL_RADIUS + 1
  const farthest = op('Reshape', [
    op('MaxPool', [op('Reshape', [op('Where', [rawFilled, rawWinner, f(-1)]), image4])], {
      kernel_shape: [window, window],
      pads: [GAP_FILL_RADIUS, GAP_FILL_RADIUS, GAP_FILL_RADIUS, GAP_FILL_RADIUS],
      strides: [1, 1]
    }),
    i64([-1])
  ])
  const backdropBehind = op('And', [
    op('GreaterOrEqual', [farthest, f(0)]),
    op('Less', [take(pointAlpha, indexOf(farthest)), f(BACKDROP_ALPHA)])
  ])
  const pastFold = op('And', [compressed, op('Not', [sandwiched])])
  return {
    fold: op('And', [pastFold, backdropBehind]),
    occludedByFold: op('And', [op('And', [pastFold, rawFilled]), op('Not', [backdropBehind])])
  }
}
