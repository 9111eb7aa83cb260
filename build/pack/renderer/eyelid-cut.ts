import { type GraphBuilder, type Value } from '../../onnx'
import { BACK_TEXTURE_CHANNELS, EYE_LAYER } from '../../../src/shared/engine/renderer-layout'
import { winnerRow } from './backward-map'
import { graphOps } from './graph-ops'
import { LIP_CUT_FAR } from './lip-cut'
import { neighbourRead } from './neighbour-read'
import { clampToTexels } from './plane-sample'

/** Cells around the eyeball points within which a lid cell may be cut. */
export const EYELID_CUT_REACH = 3
/**
 * How far (cells) the lid has drawn back from a read inside the opening (the read's depth inside it minus the
 * static eyeball's read's there), or advanced into it (a closing lid), below which the lid is left alone (at zero
 * code the skin at the rim shows the source exactly), and over which the cut fades in.
 */
export const EYELID_CUT_RETREAT = [0.25, 0.75] as const
/**
 * How far inside the photo's eye opening (cells) the lid's cut lies: the opening's outline takes in the lid's
 * lash line and shadow, which go with the lid (cut at the outline, a lid over a turning eye lost them to a white
 * sliver of painted sclera).
 */
export const EYELID_CUT_MARGIN = 0.25
/** Cells (each way) over which a cell's gate rises to its neighbours' (spreadGate). */
export const EYELID_CUT_GATE_REACH = 2

/** The eyelid cut's values, each [1, cells]. */
export interface EyelidCutValues {
  /** The backward map (source px), eyeball cells next to an opened lid reading through the lid's map. */
  readonly lowMapX: Value
  readonly lowMapY: Value
  /** The lip cut's distances (see LipCutValues), the lid's signed distance at the lid and the cells next to it. */
  readonly lowCutUpper: Value
  readonly lowCutLower: Value
  /** Where the eyeball at the cell reads the back texture relative to the map (source px). */
  readonly lowEyeOffsetX: Value
  readonly lowEyeOffsetY: Value
  /** 1 where the back layer shows the eyeball, 0 where the mouth (each read at full resolution by its own sampler). */
  readonly lowEyeWeight: Value
}

/**
 * Eyelid cut at output-pixel precision. The lid (skin cells near the eyeball points) would show the photo's eye
 * riding along with it where its read lands inside the photo's eye opening (backTexture channels 3 and 4: the
 * signed distance in source px into the opening): the strip of iris and sclera its cells carry at the rim turns
 * into a second pupil or white tears when the lid opens, and stays behind as a torn rim when the eyeball turns
 * under it. So, like the lip cut (lipReads), the lid's read is extrapolated to the cells next to it
 * (neighbourRead): the distance into the opening read there is a linear function of the cell position across
 * the lid's edge, and rides the Resize in the lip cut's channels (lowCutUpper, lowCutLower: < 0 shows the back
 * layer), so the cut crosses 0 between cells where the lid line is, anti-aliased over one output px (composite),
 * instead of along the cell grid.
 * The cut applies (a gate fading in with EYELID_CUT_RETREAT) where the lid has drawn back out of the opening or
 * closed over it (a blink, a squint, the lid following a lowered gaze: uncut, its edge over the eyeball was the
 * cell grid's, a sawtooth up to half a cell deep), or the eyeball around has moved while the lid does not close
 * over it; elsewhere (zero code) these cells count as well inside the lid and show the source at their own read.
 * Each cell's gate rises to the largest of its neighbours' (spreadGate), so the cells along one moving margin cut
 * alike.
 * What shows past the cut is the eyeball at the cell, read from the back texture at full resolution (the photo
 * in the opening, the painted eyeball under the lids) where the eyeball reads it: at a lid cell the lid's read
 * plus the lid point's motion minus the eyeball's, at an eyeball cell its own read, while the map of the eyeball
 * cells next to the lid follows the lid's, so the lid's texture stays continuous up to the cut (as back-layer
 * cells next to a parted lip do).
 */
export function cutEyelids(
  g: GraphBuilder,
  inputs: {
    picked: Value
    cov2: Value
    image4: Value
    winnerIndex: Value
    pointTable: Value
    cellXY: Value
    points: Value
    pointAttrs: Value
    backTexture: Value
    lowMapX: Value
    lowMapY: Value
    lowCutUpper: Value
    lowCutLower: Value
    gridHW: Value
    srcW: Value
    srcH: Value
    cell: Value
  }
): EyelidCutValues {
  const { f, i64, op, add, sub, mul, div, neg, slice } = graphOps(g)
  const { picked, cov2, image4, winnerIndex, pointTable, cellXY, points, pointAttrs, backTexture } = inputs
  const { lowMapX, lowMapY, lowCutUpper, lowCutLower, gridHW, srcW, srcH, cell } = inputs
  const { isEye, isLid } = lidCells(g, { picked, cov2, image4 })
  const r = EYELID_CUT_REACH
  // The lid's read at the lid cells and at the eyeball cells (source px), evaluated at those cells only; the
  // cut works on those of them the lid reaches (M cells, `idx` their flat indices).
  const flatIndices = (mask: Value): Value =>
    op('Reshape', [op('NonZero', [op('Reshape', [mask, i64([-1])])]), i64([-1])])
  const candidates = flatIndices(op('Or', [isLid, isEye])) // [M0]
  const shared = { winnerIndex, pointTable, cellXY, image4, cell }
  const lid = neighbourRead(g, { ...shared, isMember: isLid, at: candidates }) // [1, M0] each
  const keep = flatIndices(lid.has) // [M]: positions among the candidates
  const idx = op('Gather', [candidates, keep], { axis: 0 }) // [M]
  const onLid = (x: Value): Value => op('Gather', [x, keep], { axis: 1 }) // [1, M0] -> [1, M]
  const onIdx = (x: Value): Value => op('Gather', [x, idx], { axis: 1 }) // [rows, cells] -> [rows, M]
  // The lid point's expression motion (source px, before the head's turn). The lid point moved by d reads the
  // texture d short of where a static eyeball under the same cell reads it.
  const lidPoint = op('Cast', [op('Reshape', [onLid(lid.index), i64([-1])])], { to: 7 }) // [M]
  const motionAll = sub(slice(points, 0, 2, 1), slice(pointAttrs, 0, 2, 1)) // [1, 2, N]
  const disp = op('Reshape', [op('Gather', [motionAll, lidPoint], { axis: 2 }), i64([2, -1])]) // [2, M]
  // The eyeball's own motion around each cell (the gaze; source px): the mean motion of the eyeball cells in its
  // EYELID_CUT_REACH window.
  // (GatherElements over both rows: faster than Gather's per-value copies, see GraphOps.take)
  const bothRows = op('Expand', [op('Reshape', [winnerIndex, i64([1, 1, -1])]), i64([1, 2, 1])])
  const cellMotion = op('GatherElements', [motionAll, bothRows], { axis: 2 }) // [1, 2, cells]
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
  const eyeDisp = onIdx(op('Reshape', [eyeMotionAll, i64([2, -1])])) // [2, M]
  const read = op('Concat', [onLid(lid.mapX), onLid(lid.mapY)], { axis: 0 }) // [2, M]
  // Where the eyeball under the cell reads (the lid's read plus the lid's motion, minus the eyeball's), and where
  // a static eyeball would (the lid's read plus the lid's motion).
  const eyeRead = add(read, sub(disp, eyeDisp))
  const staticRead = add(read, disp)
  const toUnit = op('Reshape', [op('Concat', [div(f(2), srcW), div(f(2), srcH)], { axis: 0 }), i64([2, 1])])
  const grid = op('Unsqueeze', [
    op(
      'Transpose',
      [sub(mul(clampToTexels(g, op('Concat', [read, staticRead], { axis: 1 }), srcW, srcH), toUnit), f(1))],
      {
        perm: [1, 0]
      }
    ),
    i64([0, 1])
  ]) // [1, 1, 2M, 2]
  const sampled = op('Reshape', [
    // (clamped reads, zero padding: what border padding reads, through GridSample's fast path)
    g.op('GridSample', [backTexture, grid], { align_corners: 0, mode: 'bilinear', padding_mode: 'zeros' }),
    i64([BACK_TEXTURE_CHANNELS, -1])
  ]) // [channels, 2M]
  const count = op('Shape', [idx]) // [1], int64
  const part = (k: number): Value =>
    op('Slice', [sampled, op('Mul', [count, i64([k])]), op('Mul', [count, i64([k + 1])]), i64([1])])
  const [atRead, atStatic] = [0, 1].map(part) as [Value, Value]
  const insideAt = (x: Value): Value => op('Min', [slice(x, 3, 4, 0), slice(x, 4, 5, 0)]) // [1, M], source px
  const inside = insideAt(atRead)
  // How far the lid has drawn back out of the opening here (source px): a static eyeball's read lies that much
  // nearer the rim (or past it) than the lid's own. A lid closing over the eye advances instead (< 0): its own
  // edge is cut where it is (lidCloses); the eyeball's motion behind it (eyeTurns) does not add to that.
  const retreat = sub(inside, insideAt(atStatic)) // [1, M]
  const eyeMoved = op('Sqrt', [op('ReduceSum', [mul(eyeDisp, eyeDisp), i64([0])], { keepdims: 1 })])
  const ramp = (x: Value, from: number, to: number): Value =>
    op('Clip', [div(sub(x, mul(cell, f(from))), mul(cell, f(to - from))), f(0), f(1)])
  const lidOpens = ramp(retreat, ...EYELID_CUT_RETREAT)
  const eyeTurns = mul(
    ramp(eyeMoved, ...EYELID_CUT_RETREAT),
    sub(f(1), ramp(neg(retreat), ...EYELID_CUT_RETREAT))
  )
  const lidCloses = ramp(neg(retreat), ...EYELID_CUT_RETREAT)
  const row = op('Reshape', [idx, i64([1, -1])])
  const scatterRow = (target: Value, values: Value): Value =>
    op('ScatterElements', [target, row, values], { axis: 1 })
  const zeros = op('Mul', [lowMapX, f(0)])
  const ownGate = op('Max', [op('Max', [lidOpens, lidCloses]), eyeTurns]) // [1, M]
  const gate = spreadGate(g, { gate: ownGate, scatterRow, zeros, idx, image4 }) // [1, M]
  // The signed distance into the lid (source px, < 0 past its line), blended toward "well inside" as the gate
  // closes, so the cut fades in with the motion and is inert at zero code.
  const far = mul(cell, f(LIP_CUT_FAR))
  const q = add(mul(gate, sub(mul(cell, f(EYELID_CUT_MARGIN)), inside)), mul(sub(f(1), gate), far)) // [1, M]
  // The eyeball's colour comes from the back texture read at full resolution (eyeballRead in resample.ts) where
  // each cell's eyeball reads it: the map plus these offsets (source px). Eyeball cells next to the lid read
  // through the lid's map as the gate opens, so the lid's texture stays continuous up to the cut, their own read
  // kept in the offset; past the cut a lid cell shows the eyeball under it (the lid's read plus its motion minus
  // the eyeball's).
  const eyeHere = onIdx(op('Cast', [isEye], { to: 1 })) // [1, M]: 1 at eyeball cells, 0 at lid cells
  const ownMap = op('Concat', [onIdx(lowMapX), onIdx(lowMapY)], { axis: 0 }) // [2, M]
  const newMap = add(ownMap, mul(mul(eyeHere, gate), sub(read, ownMap)))
  // A lid cell next to eyeball cells reads where their eyeball would at its centre (their map extrapolated, with
  // the head's turn: the eyeball lies behind the lid, so under a turn the lid's read plus the motions is off by
  // the parallax and painted a second iris outline beside the first); farther ones by the motions.
  const eye = neighbourRead(g, { ...shared, isMember: isEye, at: idx }) // [1, M] each
  const lidOffset = sub(op('Where', [eye.has, eye.map, eyeRead]), read)
  const offset = add(mul(eyeHere, sub(ownMap, newMap)), mul(sub(f(1), eyeHere), lidOffset)) // [2, M]
  return {
    lowMapX: scatterRow(lowMapX, slice(newMap, 0, 1, 0)),
    lowMapY: scatterRow(lowMapY, slice(newMap, 1, 2, 0)),
    lowCutUpper: scatterRow(lowCutUpper, q),
    lowCutLower: scatterRow(lowCutLower, q),
    lowEyeOffsetX: scatterRow(zeros, slice(offset, 0, 1, 0)),
    lowEyeOffsetY: scatterRow(zeros, slice(offset, 1, 2, 0)),
    lowEyeWeight: scatterRow(op('Cast', [isEye], { to: 1 }), op('Expand', [f(1), op('Shape', [q])]))
  }
}

/**
 * The cut's gate at each gated cell raised to the largest within EYELID_CUT_GATE_REACH cells. A cell's own gate
 * follows how far its own lid read moved, which along a moving margin varies from cell to cell; where it was
 * partly open, the cut's distance blended toward "well inside" and the cut's zero line jumped to the next fully
 * open cell, so the margin followed the cell grid (the staircase of eyesWide +1, the ragged lid of gazeVertical
 * −1; up to a px off in the graph test). Spread, the cells along one margin cut alike and the distance stays
 * linear across the lid's edge. A cell whose own gate is shut (its lid read did not move) stays uncut, and at
 * zero code every gate is. `gate` and the result are [1, M] at the cells `idx`; `zeros` is [1, cells],
 * `image4` the grid's shape [1, 1, hc, wc].
 */
function spreadGate(
  g: GraphBuilder,
  inputs: {
    gate: Value
    scatterRow: (target: Value, values: Value) => Value
    zeros: Value
    idx: Value
    image4: Value
  }
): Value {
  const { f, i64, op } = graphOps(g)
  const r = EYELID_CUT_GATE_REACH
  const grid = op('Reshape', [inputs.scatterRow(inputs.zeros, inputs.gate), inputs.image4])
  const pooled = op('MaxPool', [grid], {
    kernel_shape: [2 * r + 1, 2 * r + 1],
    pads: [r, r, r, r],
    strides: [1, 1]
  })
  const spread = op('Gather', [op('Reshape', [pooled, i64([1, -1])]), inputs.idx], { axis: 1 })
  return op('Where', [op('Greater', [inputs.gate, f(0)]), spread, inputs.gate])
}

/**
 * The eyeball cells (a layer-2 winner) and the lid cells (a skin winner, not a lip, within EYELID_CUT_REACH cells of
 * an eyeball cell), each [1, cells] bool, from the winners `picked` [11, cells] and their coverage `cov2`.
 */
function lidCells(
  g: GraphBuilder,
  inputs: { picked: Value; cov2: Value; image4: Value }
): { isEye: Value; isLid: Value } {
  const { f, i64, op } = graphOps(g)
  const { picked, cov2, image4 } = inputs
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
  const isLid = op('And', [isSkin, nearEye])
  return { isEye, isLid }
}
