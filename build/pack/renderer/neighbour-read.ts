import { type GraphBuilder, type Value } from '../../onnx'
import { MAX_EXTRAPOLATION, type WinnerRow } from './backward-map'
import { graphOps } from './graph-ops'

/** Row indices of `pointRows` (WinnerRow order). */
const ROW: Readonly<Record<WinnerRow, number>> = {
  x: 0,
  y: 1,
  depth: 2,
  srcX: 3,
  srcY: 4,
  layer: 5,
  invA: 6,
  invB: 7,
  invC: 8,
  invD: 9,
  lipSide: 10
}

/** A surface's read at the cells `at` (M of them), each [1, M]. */
export interface NeighbourRead {
  /** bool: a point of the surface wins the cell or one of its 3x3 neighbours. */
  readonly has: Value
  /** int64-valued float: that point (0 where none). */
  readonly index: Value
  /** Where that point's backward map puts the cell's centre in the source (source px). */
  readonly mapX: Value
  readonly mapY: Value
}

/**
 * Where a surface (the cells whose winner is `isMember` [1, cells] bool) would read the source at each cell next
 * to it: a member cell reads through its own winner, any other cell with a member in its 3x3 neighbourhood (or
 * wider, `reach`)
 * through that neighbour's backward map extrapolated to its own centre (src + J^-1 (centre - moved), the offset
 * clamped like the map's). The read is then a smooth function of the cell position across the surface's edge.
 * Evaluated at the cells `at` (int64 [M], flat cell indices) only: a few hundred near the mouth, not the window.
 */
export function neighbourRead(
  g: GraphBuilder,
  inputs: {
    isMember: Value
    winnerIndex: Value
    pointRows: Value
    cellX: Value
    cellY: Value
    image4: Value
    cell: Value
    at: Value
    /** Cells a member may be away (in x and in y) to lend its read: 1 (3x3, the default) or more. */
    reach?: number
  }
): NeighbourRead {
  const { f, i64, op, add, sub, mul, neg, slice } = graphOps(g)
  const { isMember, winnerIndex, pointRows, cellX, cellY, image4, cell, at } = inputs
  const reach = inputs.reach ?? 1
  const winner = op('Reshape', [op('Cast', [winnerIndex], { to: 1 }), i64([1, -1])]) // [1, cells]
  const limit = mul(cell, f(MAX_EXTRAPOLATION))
  const clamp = (v: Value): Value => op('Min', [op('Max', [v, neg(limit)]), limit])
  const pooled = op('Reshape', [
    op('MaxPool', [op('Reshape', [op('Where', [isMember, winner, f(-1)]), image4])], {
      kernel_shape: [2 * reach + 1, 2 * reach + 1],
      pads: [reach, reach, reach, reach],
      strides: [1, 1]
    }),
    i64([1, -1])
  ])
  const atCells = (v: Value): Value => op('Gather', [v, at], { axis: 1 }) // [1, cells] -> [1, M]
  const chosen = atCells(op('Where', [isMember, winner, pooled]))
  const has = op('Greater', [chosen, f(-0.5)])
  const index = op('Max', [chosen, f(0)])
  const rows = op(
    'Transpose',
    [op('Gather', [pointRows, op('Cast', [op('Reshape', [index, i64([-1])])], { to: 7 })], { axis: 0 })],
    {
      perm: [1, 0]
    }
  ) // [11, cells]
  const r = (name: WinnerRow): Value => slice(rows, ROW[name], ROW[name] + 1, 0)
  const rx = sub(atCells(cellX), r('x'))
  const ry = sub(atCells(cellY), r('y'))
  const mapX = add(r('srcX'), clamp(add(mul(r('invA'), rx), mul(r('invB'), ry))))
  const mapY = add(r('srcY'), clamp(add(mul(r('invC'), rx), mul(r('invD'), ry))))
  return { has, index, mapX, mapY }
}
