import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'
import { neighbourRead } from './neighbour-read'

/** One lip's read, extrapolated to the cells next to it. */
export interface LipRead {
  /** [1, cells] bool: a point of this lip wins the cell or one of its 3x3 neighbours. */
  readonly has: Value
  /** [1, cells]: where that point's backward map puts the cell's centre in the source (source px). */
  readonly mapX: Value
  readonly mapY: Value
  /** [1, cells]: signed distance (source px) into this lip from its inner edge at that read (< 0: past it). */
  readonly q: Value
}

/**
 * The upper and the lower lip's reads at every cell next to them. A cell won by a point of the lip reads through
 * that point; any other cell whose 3x3 neighbourhood holds one reads through the neighbour's backward map,
 * extrapolated to its own centre (src + J^-1 (centre - moved), the offset clamped like the map's). The lip's
 * signed distance (backTexture channel 3 for the upper lip, 4 for the lower) read there is then a linear
 * function of the cell position on both sides of the lip's edge, so its upsampling puts the edge where the lip
 * line is at output-pixel precision, not where the cell winners change.
 * `isUpper`, `isLower` [1, cells] bool: the winner is a point of that lip (and the lips are parted).
 */
export function lipReads(
  g: GraphBuilder,
  inputs: {
    isUpper: Value
    isLower: Value
    winnerIndex: Value
    pointRows: Value
    cellX: Value
    cellY: Value
    image4: Value
    backTexture: Value
    srcW: Value
    srcH: Value
    cell: Value
  }
): { upper: LipRead; lower: LipRead } {
  const { f, i64, op, sub, mul, div } = graphOps(g)
  const { isUpper, isLower, winnerIndex, pointRows, cellX, cellY, image4, backTexture, srcW, srcH, cell } =
    inputs
  const shared = { winnerIndex, pointRows, cellX, cellY, image4, cell }
  const extrapolate = (isLip: Value): Omit<LipRead, 'q'> => neighbourRead(g, { ...shared, isMember: isLip })
  const upper = extrapolate(isUpper)
  const lower = extrapolate(isLower)
  // Both lips' distances at both reads in one GridSample of channels 3 and 4; the upper read keeps channel 3,
  // the lower read channel 4.
  const distances = op('Slice', [backTexture, i64([3]), i64([5]), i64([1])]) // [1, 2, H, W]
  const norm = (v: Value, len: Value): Value => sub(mul(v, div(f(2), len)), f(1))
  const xs = norm(op('Concat', [upper.mapX, lower.mapX], { axis: 1 }), srcW)
  const ys = norm(op('Concat', [upper.mapY, lower.mapY], { axis: 1 }), srcH)
  const grid = op('Unsqueeze', [
    op('Transpose', [op('Concat', [xs, ys], { axis: 0 })], { perm: [1, 0] }),
    i64([0, 1])
  ])
  const sampled = op('Reshape', [
    g.op('GridSample', [distances, grid], { align_corners: 0, mode: 'bilinear', padding_mode: 'border' }),
    i64([2, 2, -1])
  ]) // [channel, read, cells]
  const cells = op('Shape', [cellX])
  const qOf = (channel: number, read: number): Value =>
    op('Reshape', [
      op('Slice', [sampled, i64([channel, read]), i64([channel + 1, read + 1]), i64([0, 1])]),
      cells
    ])
  return { upper: { ...upper, q: qOf(0, 0) }, lower: { ...lower, q: qOf(1, 1) } }
}
