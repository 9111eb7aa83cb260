import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'
import { upperSurfaceDistance } from './lip-distance'
import { neighbourRead } from './neighbour-read'
import { samplePlanes } from './plane-sample'

/** One lip's read, extrapolated to the cells next to it. */
export interface LipRead {
  /** [1, cells] bool: a point of this lip wins the cell or one of its 3x3 neighbours. */
  readonly has: Value
  /** [1, cells]: where that point's backward map puts the cell's centre in the source (source px). */
  readonly mapX: Value
  readonly mapY: Value
  /** [1, cells]: signed distance (source px) into the read point's own surface at that read (< 0: past it). */
  readonly q: Value
}

/**
 * The upper and the lower lip's reads at every cell next to them. A cell won by a point of the lip reads through
 * that point; any other cell whose 3x3 neighbourhood holds one reads through the neighbour's backward map,
 * extrapolated to its own centre (src + J^-1 (centre - moved), the offset clamped like the map's). The signed
 * distance into the read point's own surface there (upperSurfaceDistance: the upper lip's skin to the seam and its
 * inner edge, the photo's upper teeth between them; the lower side to the seam) is then a linear function of the
 * cell position on both sides of the surface's edge, so its upsampling puts the edge where the lip line is at
 * output-pixel precision, not where the cell winners change.
 * `isUpper`, `isLower` [1, cells] bool: the winner is a point of that lip (and the lips are parted).
 */
export function lipReads(
  g: GraphBuilder,
  inputs: {
    isUpper: Value
    isLower: Value
    winnerIndex: Value
    pointTable: Value
    cellX: Value
    cellXY: Value
    image4: Value
    backTexture: Value
    srcW: Value
    srcH: Value
    cell: Value
  }
): { upper: LipRead; lower: LipRead } {
  const { f, i64, op } = graphOps(g)
  const { isUpper, isLower, winnerIndex, pointTable, cellX, cellXY, image4, backTexture, srcW, srcH, cell } =
    inputs
  // Only the cells next to a lip (a few hundred) are read, then scattered back over the window.
  const nearLip = op(
    'MaxPool',
    [op('Reshape', [op('Cast', [op('Or', [isUpper, isLower])], { to: 1 }), image4])],
    {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
      strides: [1, 1]
    }
  )
  const at = op('Reshape', [op('NonZero', [op('Reshape', [nearLip, i64([-1])])]), i64([-1])]) // [M]
  const shared = { winnerIndex, pointTable, cellXY, image4, cell, at }
  const upper = neighbourRead(g, { ...shared, isMember: isUpper })
  const lower = neighbourRead(g, { ...shared, isMember: isLower })
  // Each lip's distances at its own read in one GridSample: the upper read of channels 3 (from the seam) and 11
  // (above the upper lip's inner edge), the lower of 4; then how far inside the read point's own surface it lands
  // (upperSurfaceDistance: the upper lip's skin or the photo's upper teeth; the lower side ends at the seam).
  const sampled = op('Reshape', [
    samplePlanes(g, {
      image: backTexture,
      reads: [
        { x: upper.mapX, y: upper.mapY, plane: 3 },
        { x: upper.mapX, y: upper.mapY, plane: 11 },
        { x: lower.mapX, y: lower.mapY, plane: 4 }
      ],
      srcW,
      srcH
    }),
    i64([3, -1])
  ]) // [3, M]
  const row = (k: number): Value => op('Slice', [sampled, i64([k]), i64([k + 1]), i64([0])])
  const q = [upperSurfaceDistance(g, upper.side, row(0), row(1)), row(2)]
  // Back over the window: [has, mapX, mapY, q] of each lip, 0 at the cells not read (has 0).
  const rows = [upper, lower].flatMap((r, k) => [op('Cast', [r.has], { to: 1 }), r.mapX, r.mapY, q[k]!])
  const compact = op('Concat', rows, { axis: 0 }) // [8, M]
  const full = op(
    'ScatterElements',
    [
      op('Expand', [
        f(0),
        op('Concat', [i64([8]), op('Shape', [op('Reshape', [cellX, i64([-1])])])], { axis: 0 })
      ]),
      op('Expand', [op('Reshape', [at, i64([1, -1])]), op('Shape', [compact])]),
      compact
    ],
    { axis: 1 }
  ) // [8, cells]
  const part = (k: number): Value => op('Slice', [full, i64([k]), i64([k + 1]), i64([0])])
  const lip = (k: number): LipRead => ({
    has: op('Greater', [part(4 * k), f(0.5)]),
    mapX: part(4 * k + 1),
    mapY: part(4 * k + 2),
    q: part(4 * k + 3)
  })
  return { upper: lip(0), lower: lip(1) }
}
