import { type GraphBuilder, type Value } from '../../onnx'
import { winnerRow } from './backward-map'
import { graphOps } from './graph-ops'
import { lipReads, type LipRead } from './lip-reads'

/** Cells (in cell sizes) that count as "well inside" for the lip cut: skin away from the lips, uncovered cells. */
export const LIP_CUT_FAR = 2

export interface LipCutValues {
  /**
   * [1, cells]: how far inside the upper and the lower lip a cell reads (source px; see lipReads), LIP_CUT_FAR
   * cells where that lip is not next to the cell (inside for skin, outside for the back layer and the other
   * lip). A pixel is past the lips, and the back layer shows there, where both are < 0 after the upsampling.
   */
  readonly lowCutUpper: Value
  readonly lowCutLower: Value
  /**
   * [1, cells]: the backward map, back-layer cells next to a parted lip reading through that lip's map instead
   * of their own, so the lip's texture stays continuous up to its cut instead of smearing towards the back
   * layer's read (which the moved lower lip is far from). Their back colour is still read at their own map:
   * `lowBackOffsetX`, `lowBackOffsetY` (where the back layer is read, relative to this map) say where.
   */
  readonly lowMapX: Value
  readonly lowMapY: Value
  readonly lowBackOffsetX: Value
  readonly lowBackOffsetY: Value
}

/**
 * Lip cut at output-pixel precision. Each lip's read is extrapolated to the cells next to it (lipReads), so the
 * upsampled distances into the upper and the lower lip cross 0 where the lip lines are, between cells; a pixel
 * past both (the opening between parted lips) shows the back layer, with a one-output-pixel ramp (composite).
 * The painted cavity counts as past both lips, skin away from them as well inside.
 */
export function cutLips(
  g: GraphBuilder,
  inputs: {
    picked: Value
    pointTable: Value
    winnerIndex: Value
    cov2: Value
    lipsParted: Value
    image4: Value
    cellX: Value
    cellXY: Value
    lowMapX: Value
    lowMapY: Value
    lowBackOffsetX: Value
    lowBackOffsetY: Value
    backTexture: Value
    srcW: Value
    srcH: Value
    cell: Value
  }
): LipCutValues {
  const { f, op, mul, sub } = graphOps(g)
  const { picked, cov2, lipsParted, cell } = inputs
  const side = winnerRow(g, picked, 'lipSide')
  const parted = op('And', [cov2, lipsParted])
  const isUpper = op('And', [parted, op('Greater', [side, f(0.5)])])
  const isLower = op('And', [parted, op('Less', [side, f(-0.5)])])
  const isLip = op('Or', [isUpper, isLower])
  const isBack = op('And', [cov2, op('Greater', [winnerRow(g, picked, 'layer'), f(0.5)])])
  const { upper, lower } = lipReads(g, { ...inputs, isUpper, isLower })
  const far = mul(cell, f(LIP_CUT_FAR))
  const involved = op('Or', [isBack, isLip])
  const cutOf = (read: LipRead): Value =>
    op('Where', [involved, op('Where', [read.has, read.q, op('Neg', [far])]), far])
  // A back-layer cell next to a parted lip reads through that lip (the nearer one's edge where both are).
  const nextToLip = op('And', [isBack, op('Or', [upper.has, lower.has])])
  const useUpper = op('And', [
    upper.has,
    op('Or', [op('Not', [lower.has]), op('Greater', [upper.q, lower.q])])
  ])
  const lowMapX = op('Where', [nextToLip, op('Where', [useUpper, upper.mapX, lower.mapX]), inputs.lowMapX])
  const lowMapY = op('Where', [nextToLip, op('Where', [useUpper, upper.mapY, lower.mapY]), inputs.lowMapY])
  // What shows past a lip's cut is the back layer read at the lip cell's own place (sampleBackLayer): its offset
  // from the map grows by what the map moved.
  return {
    lowCutUpper: cutOf(upper),
    lowCutLower: cutOf(lower),
    lowMapX,
    lowMapY,
    lowBackOffsetX: sub(inputs.lowBackOffsetX, sub(lowMapX, inputs.lowMapX)),
    lowBackOffsetY: sub(inputs.lowBackOffsetY, sub(lowMapY, inputs.lowMapY))
  }
}
