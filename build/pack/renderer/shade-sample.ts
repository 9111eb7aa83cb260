import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/**
 * Expression shading read like the texture: the generator's per-point colour change is laid out on the portrait's
 * cell grid (`shadeCells` [Gh, Gw]: the point index of the skin point of each source cell, N where there is none,
 * which reads 0) and read bilinearly where each cell reads the texture (`lowMapX`, `lowMapY`, source px), so a
 * line moves and stretches with the skin it is drawn on, whatever point wins the cell. Read per cell, it then
 * rides the one Resize to the output with the map: read per output pixel (a first version) it cost a second
 * full-resolution GridSample, about a quarter of a 256² frame, for a field that has the cell grid's resolution
 * anyway. Carried with the winning point instead, lines broke into dashes wherever the skin compressed.
 * Returns [1, cells], 0 where the cell is not covered.
 */
export function sampleShading(
  g: GraphBuilder,
  inputs: { shade: Value; shadeCells: Value; lowMapX: Value; lowMapY: Value; lowCov: Value; cell: Value }
): { lowShade: Value } {
  const { f, i64, op, mul, div, sub, slice, take } = graphOps(g)
  const { shade, shadeCells, lowMapX, lowMapY, lowCov, cell } = inputs
  const padded = op('Concat', [op('Reshape', [shade, i64([-1])]), f(0)], { axis: 0 }) // [N + 1]
  const gridShape = op('Shape', [shadeCells]) // [Gh, Gw]
  const image = op('Reshape', [
    take(padded, op('Reshape', [shadeCells, i64([-1])])),
    op('Concat', [i64([1, 1]), gridShape], { axis: 0 })
  ]) // [1, 1, Gh, Gw]
  const gridSize = op('Cast', [gridShape], { to: 1 }) // [Gh, Gw]
  // Source px → GridSample's [-1, 1] over the grid's extent (align_corners 0: cell centres at (i + 0.5) cell).
  const extent = mul(op('Concat', [slice(gridSize, 1, 2, 0), slice(gridSize, 0, 1, 0)], { axis: 0 }), cell)
  const norm = op('Reshape', [div(f(2), extent), i64([2, 1])])
  const at = sub(mul(op('Concat', [lowMapX, lowMapY], { axis: 0 }), norm), f(1)) // [2, cells]
  const grid = op('Unsqueeze', [op('Transpose', [at], { perm: [1, 0] }), i64([0, 1])]) // [1, 1, cells, 2]
  const read = g.op('GridSample', [image, grid], {
    align_corners: 0,
    mode: 'bilinear',
    padding_mode: 'zeros'
  })
  return { lowShade: mul(op('Reshape', [read, i64([1, -1])]), lowCov) }
}
