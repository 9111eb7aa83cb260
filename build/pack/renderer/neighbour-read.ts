import { type GraphBuilder, type Value } from '../../onnx'
import { MAX_EXTRAPOLATION, winnerRowIndex, type WinnerRow } from './backward-map'
import { graphOps } from './graph-ops'

/** A surface's read at the cells `at` (M of them), each [1, M]. */
export interface NeighbourRead {
  /** bool: a point of the surface wins the cell or one of its 3x3 neighbours. */
  readonly has: Value
  /** int64-valued float: that point (0 where none). */
  readonly index: Value
  /** Where that point's backward map puts the cell's centre in the source (source px): [2, M] (x, y), and each. */
  readonly map: Value
  readonly mapX: Value
  readonly mapY: Value
  /** That point's lip side (pointAttrs channel 4). */
  readonly side: Value
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
    pointTable: Value
    cellXY: Value
    image4: Value
    cell: Value
    at: Value
    /** Cells a member may be away (in x and in y) to lend its read: 1 (3x3, the default) or more. */
    reach?: number
  }
): NeighbourRead {
  const { f, i64, op, add, sub, mul, neg, slice } = graphOps(g)
  const { isMember, winnerIndex, pointTable, cellXY, image4, cell, at } = inputs
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
  // The chosen points' columns of the [11, N] table (no Transpose: onnxruntime pushes one through the Slices
  // below and leaves a Transpose per row, eight per read).
  const rows = op('Gather', [pointTable, op('Cast', [op('Reshape', [index, i64([-1])])], { to: 7 })], {
    axis: 1
  }) // [11, M]
  const rowsFrom = (first: WinnerRow, count: number): Value =>
    slice(rows, winnerRowIndex(first), winnerRowIndex(first) + count, 0)
  // (cell centre - moved point) through J^-1 = [[a, b], [c, d]]: [2, 2, M] x [1, 2, M] summed over axis 1.
  const r = op('Reshape', [sub(atCells(cellXY), rowsFrom('x', 2)), i64([1, 2, -1])])
  const inverse = op('Reshape', [rowsFrom('invA', 4), i64([2, 2, -1])])
  const offset = op('ReduceSum', [mul(inverse, r), i64([1])], { keepdims: 0 }) // [2, M] source px
  const map = add(rowsFrom('srcX', 2), clamp(offset))
  const [mapX, mapY] = g.opMulti('Split', [map, i64([1, 1])], 2, { axis: 0 }) as [Value, Value]
  return { has, index, map, mapX, mapY, side: rowsFrom('lipSide', 1) }
}
