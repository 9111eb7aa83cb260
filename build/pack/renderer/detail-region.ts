import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'
import { sampleAtRows } from './row-grid-sample'

/**
 * The back layer's and the eyeball's layers at the output pixels where they can show, each [c, M] for the M
 * pixels of `at` (flat indices into the output frame, row-major).
 */
export interface DetailRegion {
  /** int64 [M]. */
  readonly at: Value
  /** c = 2: the source px the pixel reads (upMap there). */
  readonly map: Value
  /** c = 1: the lip cut q (source px: the larger of the distances into the upper and the lower lip, < 0 past both). */
  readonly cut: Value
  /** c = 2: where the eyeball reads the back texture relative to `map` (source px); c = 1: its weight. */
  readonly eyeOffset: Value
  readonly eyeWeight: Value
  /**
   * c = 2: where the front and the back surface of an occlusion edge read the source (source px; both the map
   * away from edges); c = 1: the signed distance inside the front's outline (cells; see findOcclusionEdges).
   */
  readonly frontMap: Value
  readonly backMap: Value
  readonly frontInside: Value
  /**
   * c = 2: where the back layer is read relative to `map` (source px); c = 1: how far above that the jaw's paint
   * is read (source px); c = 1: the back layer's mix.
   */
  readonly backOffset: Value
  readonly jawDrop: Value
  readonly backMix: Value
}

/** Channels of the region's per-cell stack: lip cut 2, eye offset 2, eye weight, front and back map 4, front
 * inside, back offset 2, jaw drop, back mix. */
const REGION_CHANNEL_COUNT = 14

/**
 * The cells where a back layer or an eyeball can show, [1, cells] float 1 or 0: a non-zero back mix in
 * `lowBackMix` [1, 1, hc, wc], or an eye weight (`lowEyeWeight` [1, cells]) > 0. With the cells on either side of
 * an occlusion edge, the pixels whose Resize footprint holds one of them form the detail region.
 */
export function backLayerCells(g: GraphBuilder, inputs: { lowBackMix: Value; lowEyeWeight: Value }): Value {
  const { f, i64, op } = graphOps(g)
  const { lowBackMix, lowEyeWeight } = inputs
  const backMix = op('Reshape', [lowBackMix, i64([1, -1])])
  return op(
    'Cast',
    [op('Or', [op('Not', [op('Equal', [backMix, f(0)])]), op('Greater', [lowEyeWeight, f(0)])])],
    {
      to: 1
    }
  )
}

/**
 * Reads the per-cell region layers (`low` [1, REGION_CHANNEL_COUNT, hc, wc]) at the output pixels whose Resize
 * footprint holds one of the detail cells (`upDetailMask` > 0), with the Resize's own mapping (cell index = a + b
 * * output px, bilinear between cell centres), so each value is what a full-resolution Resize would have given
 * there. Everywhere else the back mix and the eye weight are 0, so the composite shows the person's colour
 * whatever the cut, and both surfaces' reads are the map.
 */
export function sampleDetailRegion(
  g: GraphBuilder,
  inputs: {
    /** [1, 1, outH, outW] and [1, 2, outH, outW]. */
    upDetailMask: Value
    upMap: Value
    low: Value
    cellX: { a: Value; b: Value }
    cellY: { a: Value; b: Value }
    /** float [1]: the cell grid's rows and columns; int64 [2]: the output's rows and columns. */
    hc: Value
    wc: Value
    outSize: Value
  }
): DetailRegion {
  const { f, i64, op, add, sub, mul, div, slice } = graphOps(g)
  const { upDetailMask, upMap, low, cellX, cellY, hc, wc, outSize } = inputs
  const at = op('Reshape', [
    op('NonZero', [op('Greater', [op('Reshape', [upDetailMask, i64([-1])]), f(0)])]),
    i64([-1])
  ])
  const outW = slice(outSize, 1, 2, 0)
  const ox = op('Cast', [op('Mod', [at, outW])], { to: 1 })
  const oy = op('Cast', [op('Div', [at, outW])], { to: 1 })
  // GridSample with align_corners = 0 (cell i's centre at (2 i + 1) / len - 1), the cell index clamped to the first
  // and the last cell: zero padding then reads what border padding reads, through onnxruntime's GridSample fast
  // path for bilinear, zero padding and align_corners 0 (with align_corners 1 and border padding, the 14 channels
  // at cf_0478's 14 k region pixels at 512² took 7.6 ms under profiling).
  const toGrid = (m: { a: Value; b: Value }, o: Value, len: Value): Value => {
    const index = op('Min', [op('Max', [add(m.a, mul(m.b, o)), f(0)]), sub(len, f(1))])
    return add(mul(index, div(f(2), len)), sub(div(f(1), len), f(1)))
  }
  const grid = op(
    'Transpose',
    [
      op(
        'Concat',
        [
          op('Unsqueeze', [toGrid(cellX, ox, wc), i64([0])]),
          op('Unsqueeze', [toGrid(cellY, oy, hc), i64([0])])
        ],
        { axis: 0 }
      )
    ],
    { perm: [1, 0] }
  ) // [M, 2]
  const read = sampleAtRows(g, low, grid, REGION_CHANNEL_COUNT, { align_corners: 0, padding_mode: 'zeros' }) // [14, M]
  const [
    cutUpper,
    cutLower,
    eyeOffset,
    eyeWeight,
    frontMap,
    backMap,
    frontInside,
    backOffset,
    jawDrop,
    backMix
  ] = g.opMulti('Split', [read, i64([1, 1, 2, 1, 2, 2, 1, 2, 1, 1])], 10, { axis: 0 })
  return {
    at,
    map: op('Gather', [op('Reshape', [upMap, i64([2, -1])]), at], { axis: 1 }),
    // Past the lips where past both: the larger of the two distances.
    cut: op('Max', [cutUpper!, cutLower!]),
    eyeOffset: eyeOffset!,
    eyeWeight: eyeWeight!,
    frontMap: frontMap!,
    backMap: backMap!,
    frontInside: frontInside!,
    backOffset: backOffset!,
    jawDrop: jawDrop!,
    backMix: backMix!
  }
}

/**
 * How much of the back layer a region pixel shows past the lips' cut, 0..1 ([1, M]): a one-output-px ramp about
 * the cut's zero line (`cut`: source px, < 0 past both lips; `zoom` / `sigma`: output px per source px).
 */
export function lipCutWeight(g: GraphBuilder, cut: Value, zoom: Value, sigma: Value): Value {
  const { f, op, sub, mul, div } = graphOps(g)
  return op('Clip', [sub(f(0.5), mul(cut, div(zoom, sigma))), f(0), f(1)])
}
