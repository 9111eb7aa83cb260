import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/**
 * Expression shading read like the texture: the generator's per-point colour change is laid out on the portrait's
 * cell grid (`shadeCells` [Gh, Gw]: the point index of the skin point of each source cell, N where there is none,
 * which reads 0) and one bilinear GridSample reads it where each output pixel reads the texture (`upMap`, source
 * px). So a line moves and stretches exactly with the skin it is drawn on, whatever point wins the output cell.
 * Returns [1, 1, outH, outW].
 */
export function sampleShading(
  g: GraphBuilder,
  inputs: { shade: Value; shadeCells: Value; upMap: Value; cell: Value }
): { upShade: Value } {
  const { f, i64, op, mul, div, sub, slice } = graphOps(g)
  const { shade, shadeCells, upMap, cell } = inputs
  const padded = op('Concat', [op('Reshape', [shade, i64([-1])]), f(0)], { axis: 0 }) // [N + 1]
  const image = op('Unsqueeze', [op('Gather', [padded, shadeCells], { axis: 0 }), i64([0, 1])]) // [1, 1, Gh, Gw]
  const gridSize = op('Cast', [op('Shape', [shadeCells])], { to: 1 }) // [Gh, Gw]
  // Source px → GridSample's [-1, 1] over the grid's extent (align_corners 0: cell centres at (i + 0.5) cell).
  const extent = mul(op('Concat', [slice(gridSize, 1, 2, 0), slice(gridSize, 0, 1, 0)], { axis: 0 }), cell)
  const norm = op('Reshape', [div(f(2), extent), i64([1, 2, 1, 1])])
  const grid = op('Transpose', [sub(mul(upMap, norm), f(1))], { perm: [0, 2, 3, 1] })
  const upShade = g.op('GridSample', [image, grid], {
    align_corners: 0,
    mode: 'bilinear',
    padding_mode: 'zeros'
  })
  return { upShade }
}
