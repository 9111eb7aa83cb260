import { type GraphBuilder, type Value } from '../../onnx'
import { winnerRow } from './backward-map'
import { graphOps } from './graph-ops'

/** Cells (in cell sizes) that count as "well inside" for the lip cut: skin away from the lips, uncovered cells. */
export const LIP_CUT_FAR = 2

export interface LipCutValues {
  /** [1, cells]: q, how far inside its own lip a cell reads (source px; < 0 = cut). */
  readonly lowCut: Value
  /** [1, 4, hc, wc]: back mix and back RGB per cell, lip cells taking those of the back-layer cells around. */
  readonly backFilled: Value
}

/**
 * Lip cut. A lip point's texture read that crosses its own lip's inner edge (a cell past the edge of a
 * parted lip, reached by the 2x2 footprint or the crack fill) is past the lip: the back layer shows there.
 * q = how far inside its own lip a cell reads (source px; < 0 = cut); the painted cavity counts as a cell
 * past the edge, everything else as well inside. q is interpolated to the output like the map, so the
 * opening's edge lands between cells where the lip edge is, instead of on the cell grid.
 * Back-layer cells next to a lip continue that lip's q one cell further (one cell = `cell` source px), so the
 * edge lands where the lip's own read would cross it, also where the back layer won the cell past the lip.
 */
export function cutLips(
  g: GraphBuilder,
  inputs: {
    picked: Value
    cov2: Value
    lipsParted: Value
    image4: Value
    lowBack: Value
    lowUpperLip: Value
    lowLowerLip: Value
    lowBackMix: Value
    cell: Value
    zero: Value
  }
): LipCutValues {
  const { f, i64, op, sub, mul, div, neg } = graphOps(g)
  const { picked, cov2, lipsParted, image4, lowBack, lowUpperLip, lowLowerLip, lowBackMix, cell, zero } =
    inputs
  const side = winnerRow(g, picked, 'lipSide')
  const flatRow = (x: Value): Value => op('Reshape', [x, i64([1, -1])])
  const lipQ = op('Where', [op('Greater', [side, zero]), flatRow(lowUpperLip), flatRow(lowLowerLip)])
  const farInside = op('Reshape', [mul(cell, f(LIP_CUT_FAR)), i64([1, 1])])
  const isLip = op('And', [op('And', [cov2, lipsParted]), op('Greater', [op('Abs', [side]), f(0.5)])])
  const lipNeighbourQ = op('Reshape', [
    op('MaxPool', [op('Reshape', [op('Where', [isLip, lipQ, f(-1e4)]), image4])], {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
      strides: [1, 1]
    }),
    i64([1, -1])
  ])
  const backQ = op('Max', [op('Min', [sub(lipNeighbourQ, cell), mul(cell, f(-0.25))]), neg(cell)])
  const isBack = op('And', [cov2, op('Greater', [winnerRow(g, picked, 'layer'), f(0.5)])])
  const lowCut = op('Where', [isLip, lipQ, op('Where', [isBack, backQ, farInside])])
  // What shows past a lip's cut is the back layer around it: a lip cell takes the back colour and mix of the
  // back-layer cells in its 3x3 neighbourhood (its own read lands near the lip seam, where the paint has the
  // teeth band and the mix is the source's seam: a light, cell-stepped fringe along the lip).
  const backCells4 = op('Concat', [lowBackMix, lowBack], { axis: 1 }) // [1, 4, hc, wc]
  const isBackImg = op('Reshape', [op('Cast', [isBack], { to: 1 }), image4])
  const pool3 = (x: Value): Value =>
    op('AveragePool', [x], {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
      strides: [1, 1],
      count_include_pad: 1
    })
  const backShare = pool3(isBackImg)
  const backAround = div(pool3(mul(backCells4, isBackImg)), op('Max', [backShare, f(1e-6)]))
  const useAround = op('And', [op('Reshape', [isLip, image4]), op('Greater', [backShare, zero])])
  const backFilled = op('Where', [useAround, backAround, backCells4])
  return { lowCut, backFilled }
}
