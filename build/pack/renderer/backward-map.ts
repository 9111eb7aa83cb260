import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/** Largest texture offset, in cells, a covered cell may read away from its winning point's source texel. */
export const MAX_EXTRAPOLATION = 4

/**
 * Rows of `picked` [11, cells], each cell's winning point, in order: moved x, y, depth (source px), source x, y
 * (source px), layer (0 skin, 1 mouth back), inverse Jacobian (a, b; c, d), lip side (+1 upper, -1 lower, 0
 * elsewhere).
 */
const WINNER_ROWS = [
  'x',
  'y',
  'depth',
  'srcX',
  'srcY',
  'layer',
  'invA',
  'invB',
  'invC',
  'invD',
  'lipSide'
] as const
export type WinnerRow = (typeof WINNER_ROWS)[number]

/** The row of `name` in `picked` and `pointTable`. */
export const winnerRowIndex = (name: WinnerRow): number => WINNER_ROWS.indexOf(name)

/** One row of `picked` as [1, cells] (a fresh Slice each call). */
export function winnerRow(g: GraphBuilder, picked: Value, name: WinnerRow): Value {
  const i = winnerRowIndex(name)
  return graphOps(g).slice(picked, i, i + 1, 0)
}

export interface BackwardMapValues {
  /** [11, cells]: each cell's winning point (rows: WinnerRow). */
  readonly picked: Value
  /** [N, 11]: every point's row (WinnerRow order), for stages that read another point than the winner. */
  readonly pointRows: Value
  /** [11, N]: the same as columns, for reads of a few points' rows (Gather on axis 1, no Transpose after). */
  readonly pointTable: Value
  /** [1, cells]: each cell's centre, source px; and both as [2, cells] (x, y). */
  readonly cellX: Value
  readonly cellY: Value
  readonly cellXY: Value
  /** [1, cells] bool: covered. */
  readonly cov2: Value
  /** int64 [2]: hc, wc. */
  readonly gridHW: Value
  /** [1, cells]: the source px each cell reads, its coverage (0, 1) and its depth (source px). */
  readonly lowMapX: Value
  readonly lowMapY: Value
  readonly lowCov: Value
  readonly lowDepth: Value
}

/**
 * Backward map per cell: a covered cell turns its winning point into source = src(point) + J^-1 (cell centre -
 * moved(point)), the offset clamped to MAX_EXTRAPOLATION cells; an uncovered cell maps to itself with coverage 0
 * (the plate shows there) at the farthest depth.
 */
export function backwardMap(
  g: GraphBuilder,
  inputs: {
    px: Value
    py: Value
    pz: Value
    pointAttrs: Value
    inverse: Value
    winnerIndex: Value
    covered: Value
    hc: Value
    wc: Value
    originX: Value
    originY: Value
    cell: Value
    zMax: Value
  }
): BackwardMapValues {
  const { f, i64, op, add, sub, mul, neg, slice, zeroScalar, oneScalar, squeeze } = graphOps(g)
  const {
    px,
    py,
    pz,
    pointAttrs: attrs,
    inverse,
    winnerIndex,
    covered,
    hc,
    wc,
    originX,
    originY,
    cell,
    zMax
  } = inputs
  const table = op('Reshape', [
    op(
      'Concat',
      [
        px,
        py,
        pz,
        slice(attrs, 0, 1, 1),
        slice(attrs, 1, 2, 1),
        slice(attrs, 3, 4, 1),
        op('Reshape', [inverse, i64([1, 4, -1])]),
        slice(attrs, 4, 5, 1)
      ],
      {
        axis: 1
      }
    ),
    i64([11, -1])
  ])
  const pointRows = op('Transpose', [table], { perm: [1, 0] })
  // Gather rows of a [N, 11] table (contiguous) rather than columns of [11, N] (a Gather on axis 1 copies
  // value by value: about 3 ms under profiling at 256² for 22 k cells, ten times the rows and their Transpose).
  const picked = op('Transpose', [op('Gather', [pointRows, winnerIndex], { axis: 0 })], {
    perm: [1, 0]
  }) // [11, cells]
  const row = (name: WinnerRow): Value => winnerRow(g, picked, name) // [1, cells]
  const colIdx = op('Range', [zeroScalar(), squeeze(wc), oneScalar()])
  const rowIdx = op('Range', [zeroScalar(), squeeze(hc), oneScalar()])
  // Cell centres (source px): ring cell i's centre is at origin + (i - 1 + 0.5) * cell.
  const tx = add(originX, mul(sub(colIdx, f(0.5)), cell))
  const ty = add(originY, mul(sub(rowIdx, f(0.5)), cell))
  const hcI = op('Cast', [hc], { to: 7 })
  const wcI = op('Cast', [wc], { to: 7 })
  const gridHW = op('Concat', [hcI, wcI], { axis: 0 })
  const txFull = op('Reshape', [op('Expand', [op('Reshape', [tx, i64([1, -1])]), gridHW]), i64([1, -1])])
  const tyFull = op('Reshape', [op('Expand', [op('Reshape', [ty, i64([-1, 1])]), gridHW]), i64([1, -1])])
  const rx = sub(txFull, row('x'))
  const ry = sub(tyFull, row('y'))
  // Offset read in the source, at most MAX_EXTRAPOLATION cells from the winning point's own texel.
  const lim = mul(cell, f(MAX_EXTRAPOLATION))
  const clampOffset = (v: Value): Value => op('Min', [op('Max', [v, neg(lim)]), lim])
  const mapX = add(row('srcX'), clampOffset(add(mul(row('invA'), rx), mul(row('invB'), ry))))
  const mapY = add(row('srcY'), clampOffset(add(mul(row('invC'), rx), mul(row('invD'), ry))))
  const cov2 = op('Reshape', [covered, i64([1, -1])])
  const lowMapX = op('Where', [cov2, mapX, txFull])
  const lowMapY = op('Where', [cov2, mapY, tyFull])
  const lowCov = op('Cast', [cov2], { to: 1 })
  const lowDepth = op('Where', [cov2, row('depth'), op('Reshape', [zMax, i64([1, 1])])])
  const cellXY = op('Concat', [txFull, tyFull], { axis: 0 })
  return {
    picked,
    pointRows,
    pointTable: table,
    cellX: txFull,
    cellY: tyFull,
    cellXY,
    cov2,
    gridHW,
    lowMapX,
    lowMapY,
    lowCov,
    lowDepth
  }
}
