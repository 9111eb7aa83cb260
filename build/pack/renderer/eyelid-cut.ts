import { type GraphBuilder, type Value } from '../../onnx'
import { BACK_TEXTURE_CHANNELS, EYE_LAYER } from '../../../src/shared/engine/renderer-layout'
import { winnerRow } from './backward-map'
import { graphOps } from './graph-ops'

/** Cells around the eyeball points within which a lid cell may be cut. */
export const EYELID_CUT_REACH = 3
/**
 * How far (cells) the lid has drawn back from a read inside the opening (the read's depth inside it minus the
 * static eyeball's read's there) below which the lid is left alone (at zero code the skin at the rim shows the
 * source exactly; a closing lid covers the eye), and over which the cut fades in.
 */
export const EYELID_CUT_RETREAT = [0.25, 0.75] as const
/** Depth (cells) of the read inside the eye opening over which the cut fades in. */
export const EYELID_CUT_INSIDE = 0.5

/**
 * Eyelid cut. A lid cell (skin near the eyeball points) whose texture read lies inside the photo's eye opening
 * (backTexture channels 3 and 4 both positive there: the distance in source px into the opening, see
 * BACK_TEXTURE_CHANNELS) would show the photo's eye riding along with the lid: the strip of iris and sclera the
 * skin's cells cover at the rim (the 2x2 splat footprint, the cells that straddle the rim) turns into a second
 * pupil or white tears when the lid opens, and stays behind as a torn rim when the eyeball turns under it. Where
 * the lid has drawn back out of the opening, or the eyeball around has moved while the lid does not close over it
 * (EYELID_CUT_RETREAT), such a cell shows the eyeball instead: it reads where the eyeball under it would (the
 * lid's read plus the lid point's expression motion minus the eyeball's, scaled by a weight that fades in with the
 * read's depth inside the opening and the motion), as a back-layer cell. Returns the backward map, the lip cuts and `backFilled` (see cutLips) with
 * those cells replaced.
 */
export function cutEyelids(
  g: GraphBuilder,
  inputs: {
    picked: Value
    cov2: Value
    image4: Value
    winnerIndex: Value
    points: Value
    pointAttrs: Value
    backTexture: Value
    lowMapX: Value
    lowMapY: Value
    lowCutUpper: Value
    lowCutLower: Value
    backFilled: Value
    gridHW: Value
    srcW: Value
    srcH: Value
    cell: Value
  }
): { lowMapX: Value; lowMapY: Value; lowCutUpper: Value; lowCutLower: Value; backFilled: Value } {
  const { f, i64, op, add, sub, mul, div, neg, slice } = graphOps(g)
  const { picked, cov2, image4, winnerIndex, points, pointAttrs, backTexture } = inputs
  const { lowMapX, lowMapY, lowCutUpper, lowCutLower, backFilled, gridHW, srcW, srcH, cell } = inputs
  const layer = winnerRow(g, picked, 'layer')
  const isEye = op('And', [cov2, op('Greater', [layer, f(EYE_LAYER - 0.5)])])
  const r = EYELID_CUT_REACH
  const nearEye = op('Greater', [
    op('Reshape', [
      op('MaxPool', [op('Reshape', [op('Cast', [isEye], { to: 1 }), image4])], {
        kernel_shape: [2 * r + 1, 2 * r + 1],
        pads: [r, r, r, r],
        strides: [1, 1]
      }),
      i64([1, -1])
    ]),
    f(0.5)
  ])
  const isSkin = op('And', [
    op('And', [cov2, op('Less', [layer, f(0.5)])]),
    op('Less', [op('Abs', [winnerRow(g, picked, 'lipSide')]), f(0.5)])
  ])
  const lidIdx = op('Reshape', [
    op('NonZero', [op('Reshape', [op('And', [isSkin, nearEye]), i64([-1])])]),
    i64([-1])
  ]) // [M]
  const onLids = (x: Value): Value => op('Gather', [x, lidIdx], { axis: 1 }) // [rows, M]
  // Each lid cell's winning point's expression motion (source px, before the head's turn). The lid point moved
  // by d reads the texture d short of where a static eyeball under the same cell reads it.
  const lidWinners = op('Gather', [winnerIndex, lidIdx], { axis: 0 }) // [M]
  const motion = op('Gather', [sub(slice(points, 0, 2, 1), slice(pointAttrs, 0, 2, 1)), lidWinners], {
    axis: 2
  })
  const disp = op('Reshape', [motion, i64([2, -1])]) // [2, M]
  // The eyeball's own motion around each lid cell (the gaze; source px): the mean motion of the eyeball cells in
  // its EYELID_CUT_REACH window.
  const cellMotion = op('Gather', [sub(slice(points, 0, 2, 1), slice(pointAttrs, 0, 2, 1)), winnerIndex], {
    axis: 2
  }) // [1, 2, cells]
  const eyeMask = op('Reshape', [op('Cast', [isEye], { to: 1 }), image4])
  const pool = (x: Value): Value =>
    op('AveragePool', [x], {
      kernel_shape: [2 * r + 1, 2 * r + 1],
      pads: [r, r, r, r],
      strides: [1, 1],
      count_include_pad: 1
    })
  const eyeMotionAll = div(
    pool(mul(op('Reshape', [cellMotion, op('Concat', [i64([1, 2]), gridHW], { axis: 0 })]), eyeMask)),
    op('Max', [pool(eyeMask), f(1e-6)])
  ) // [1, 2, hc, wc]
  const eyeDisp = onLids(op('Reshape', [eyeMotionAll, i64([2, -1])])) // [2, M]
  const read = op('Concat', [onLids(lowMapX), onLids(lowMapY)], { axis: 0 }) // [2, M]
  // Where the eyeball under the cell reads (the lid's read plus the lid's motion, minus the eyeball's), and where
  // a static eyeball would (the lid's read plus the lid's motion).
  const relative = sub(disp, eyeDisp)
  const eyeRead = add(read, relative)
  const staticRead = add(read, disp)
  const toUnit = op('Reshape', [op('Concat', [div(f(2), srcW), div(f(2), srcH)], { axis: 0 }), i64([2, 1])])
  const grid = op('Unsqueeze', [
    op('Transpose', [sub(mul(op('Concat', [read, eyeRead, staticRead], { axis: 1 }), toUnit), f(1))], {
      perm: [1, 0]
    }),
    i64([0, 1])
  ]) // [1, 1, 3M, 2]
  const sampled = op('Reshape', [
    g.op('GridSample', [backTexture, grid], { align_corners: 0, mode: 'bilinear', padding_mode: 'border' }),
    i64([BACK_TEXTURE_CHANNELS, -1])
  ]) // [channels, 3M]
  const count = op('Shape', [lidIdx]) // [1], int64
  const part = (k: number): Value =>
    op('Slice', [sampled, op('Mul', [count, i64([k])]), op('Mul', [count, i64([k + 1])]), i64([1])])
  const [atRead, atEye, atStatic] = [0, 1, 2].map(part) as [Value, Value, Value]
  const insideAt = (x: Value): Value => op('Min', [slice(x, 3, 4, 0), slice(x, 4, 5, 0)]) // [1, M], source px
  const inside = insideAt(atRead)
  // How far the lid has drawn back out of the opening here (source px): a static eyeball's read lies that much
  // nearer the rim (or past it) than the lid's own. A lid closing over the eye advances instead (< 0): it stays,
  // whatever the eyeball does behind it.
  const retreat = sub(inside, insideAt(atStatic)) // [1, M]
  const eyeMoved = op('Sqrt', [op('ReduceSum', [mul(eyeDisp, eyeDisp), i64([0])], { keepdims: 1 })])
  const ramp = (x: Value, from: number, to: number): Value =>
    op('Clip', [div(sub(x, mul(cell, f(from))), mul(cell, f(to - from))), f(0), f(1)])
  const lidOpens = ramp(retreat, ...EYELID_CUT_RETREAT)
  const eyeTurns = mul(
    ramp(eyeMoved, ...EYELID_CUT_RETREAT),
    sub(f(1), ramp(neg(retreat), ...EYELID_CUT_RETREAT))
  )
  const weight = mul(ramp(inside, 0, EYELID_CUT_INSIDE), op('Max', [lidOpens, eyeTurns])) // [1, M]
  const cutHere = op('Greater', [weight, f(0)])
  const lidRow = op('Reshape', [lidIdx, i64([1, -1])])
  const scatterRow = (row: Value, values: Value): Value =>
    op('ScatterElements', [row, lidRow, op('Where', [cutHere, values, onLids(row)])], { axis: 1 })
  // The cut cell reads where the static eyeball would (shifted by the weight, so the cut fades in), at the
  // texture's full resolution like an eyeball point: the source shows where the back mix there is 0 (inside the
  // opening), the painted eyeball under the lids.
  const shifted = add(read, mul(relative, weight)) // [2, M]
  const backFlat = op('Reshape', [backFilled, i64([4, -1])])
  const newBack = op('Where', [
    cutHere,
    op('Concat', [mul(weight, slice(atEye, 5, 6, 0)), slice(atEye, 0, 3, 0)], { axis: 0 }),
    onLids(backFlat)
  ]) // [4, M]: mix, RGB
  return {
    lowMapX: scatterRow(lowMapX, slice(shifted, 0, 1, 0)),
    lowMapY: scatterRow(lowMapY, slice(shifted, 1, 2, 0)),
    // Past both lip cuts (see LipCutValues): the cell shows its back colour.
    lowCutUpper: scatterRow(lowCutUpper, op('Expand', [neg(cell), op('Shape', [weight])])),
    lowCutLower: scatterRow(lowCutLower, op('Expand', [neg(cell), op('Shape', [weight])])),
    backFilled: op('Reshape', [
      op(
        'ScatterElements',
        [backFlat, op('Expand', [lidRow, op('Concat', [i64([4]), count], { axis: 0 })]), newBack],
        { axis: 1 }
      ),
      op('Shape', [backFilled])
    ])
  }
}
