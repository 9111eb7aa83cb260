import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/**
 * Rows the scattered reads are laid out in: onnxruntime's GridSample shares its work between threads by output
 * row, so reads laid out as one row ([1, 1, K, 2]) ran on one thread (a 512² frame's texture read took as long
 * on two threads as on one).
 */
export const READ_ROWS = 32

/**
 * Bilinear reads of `image` [1, C, H, W] at `grid` [K, 2] (GridSample's [-1, 1], x then y) laid out in READ_ROWS
 * rows (padded with reads of the image's centre, at least one column), so that the read runs on every thread.
 * Returns [C, K] (`channels` = C).
 */
export function sampleAtRows(
  g: GraphBuilder,
  image: Value,
  grid: Value,
  channels: number,
  attrs: { align_corners: number; padding_mode: 'border' | 'zeros' }
): Value {
  const { i64, op, add, slice } = graphOps(g)
  const count = slice(op('Shape', [grid]), 0, 1, 0) // [1]: K
  const columns = op('Max', [op('Div', [add(count, i64([READ_ROWS - 1])), i64([READ_ROWS])]), i64([1])])
  const padded = op('Mul', [columns, i64([READ_ROWS])])
  const pads = op('Concat', [i64([0, 0]), op('Sub', [padded, count]), i64([0])], { axis: 0 })
  const laid = op('Reshape', [
    op('Pad', [grid, pads]),
    op('Concat', [i64([1, READ_ROWS]), columns, i64([2])], { axis: 0 })
  ]) // [1, READ_ROWS, columns, 2]
  const read = g.op('GridSample', [image, laid], { ...attrs, mode: 'bilinear' }) // [1, C, READ_ROWS, columns]
  return op('Slice', [op('Reshape', [read, i64([channels, -1])]), i64([0]), count, i64([1])])
}
