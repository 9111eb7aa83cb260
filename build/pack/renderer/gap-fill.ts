import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'
import { EMPTY_KEY } from './splat'
import { viewField } from './view-fields'

/** Half-size, in cells, of the window that fills gaps from the farthest point around. */
export const GAP_FILL_RADIUS = 3
/** A winner deeper than this many leakDepths behind its neighbour may be a real opening (the mouth), not a crack. */
export const LEAK_RANGE = 3

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
 * its nearest 3x3 neighbour (cracks), or else the farthest point in the GAP_FILL_RADIUS window (gaps).
 * `rawWinner` [cells] holds the splat's winning keys (depth_bin * N + index, EMPTY_KEY where none).
 */
export function fillGaps(
  g: GraphBuilder,
  inputs: {
    rawWinner: Value
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
  const stage1 = op('Where', [op('And', [rawFilled, op('Not', [leak])]), rawWinner, nearest])
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
  const winnerIndex = op('Cast', [op('Mod', [winner, nPoints], { fmod: 1 })], { to: 7 })
  return { image4, covered, winnerIndex }
}
