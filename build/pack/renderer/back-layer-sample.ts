import { tensorAttr, type GraphBuilder, type Value } from '../../onnx'
import { BACK_TEXTURE_CHANNELS } from '../../../src/shared/engine/renderer-layout'
import { winnerRow } from './backward-map'
import { graphOps } from './graph-ops'
import { neighbourRead } from './neighbour-read'
import { clampToTexels } from './plane-sample'

/**
 * Channels kept of the back texture's per-cell read (lip distances, mix), then the read itself relative to the
 * cell's map (x, y) and the jaw's drop: the painted interior's colour is read at full resolution per output pixel
 * (sampleMouthBack), where it lands.
 */
const SAMPLED_CHANNELS = 6

/** The back texture read at the cells, each [1, c, hc, wc] (0 at cells that do not need it). */
export interface BackLayerValues {
  /** c = 1: signed distance (source px) into the upper and the lower lip from its inner edge. */
  readonly lowUpperLip: Value
  readonly lowLowerLip: Value
  /** c = 1: the back layer's mix of source (0) and painted cavity (1). */
  readonly lowBackMix: Value
  /**
   * [1, cells]: where the back layer is read at the cell, relative to the cell's map (source px; 0 where the cell
   * reads its own place), and how far above that read the jaw's paint is read (the jaw's drop, source px).
   */
  readonly lowBackOffsetX: Value
  readonly lowBackOffsetY: Value
  readonly lowJawDrop: Value
}

/**
 * Reads the mouth back layer's texture (`backTexture`, see BACK_TEXTURE_CHANNELS) at the backward map's
 * positions of the cells that need it: the lip distances and the mix there, and where the read lands (a cell next
 * to the back layer reads where the back-layer point beside it would) with the jaw's drop, so that the painted
 * interior is read at full resolution at each output pixel (sampleMouthBack): the still paint (cavity, upper
 * teeth) there, the jaw's paint (lower teeth, tongue) the jaw's drop above it, so the lower teeth ride down with
 * the lower lip over a cavity that stays.
 */
export function sampleBackLayer(
  g: GraphBuilder,
  inputs: {
    backTexture: Value
    shade: Value
    winnerIndex: Value
    pointTable: Value
    cellXY: Value
    cell: Value
    picked: Value
    cov2: Value
    image4: Value
    gridHW: Value
    lowMapX: Value
    lowMapY: Value
    srcW: Value
    srcH: Value
  }
): BackLayerValues {
  const { f, i64, op, sub, mul, div } = graphOps(g)
  const { backTexture, shade, picked, cov2, image4, gridHW, lowMapX, lowMapY, srcW, srcH } = inputs
  const row = (name: 'layer' | 'lipSide'): Value => winnerRow(g, picked, name)
  const lowNorm = op('Reshape', [op('Concat', [div(f(2), srcW), div(f(2), srcH)], { axis: 0 }), i64([2, 1])])
  // The back texture (back RGB, lip distances, back mix) only matters on back-layer and lip cells and, through
  // the linear upsampling, on the cells next to them; everywhere else the back layer's weight is exactly 0.
  // So it is read at those cells only (gathered by index, one small GridSample, scattered back; the rest stay
  // 0) instead of at every cell of the window, which cost as much as the full-resolution texture read.
  const needsBack = op('Reshape', [
    op(
      'MaxPool',
      [
        op('Reshape', [
          op(
            'Cast',
            [
              op('And', [
                cov2,
                op('Or', [
                  op('Greater', [row('layer'), f(0.5)]),
                  op('Greater', [op('Abs', [row('lipSide')]), f(0.5)])
                ])
              ])
            ],
            {
              to: 1
            }
          ),
          image4
        ])
      ],
      { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] }
    ),
    i64([-1])
  ])
  const backIdx = op('Reshape', [op('NonZero', [needsBack]), i64([-1])]) // [M]
  // A cell next to the back layer reads it where the back-layer point beside it would (its map extrapolated), so
  // a lip cell past its cut shows the paint at its own place, not an average of the cells around. The jaw's drop
  // (source px) comes with that point: back-layer points carry it in their shading fields (see assemblePoints).
  // The jaw's paint (lower teeth, tongue) is read that far above the still paint's read.
  const isBackWinner = op('And', [cov2, op('Greater', [row('layer'), f(0.5)])])
  const backRead = neighbourRead(g, { ...inputs, isMember: isBackWinner, at: backIdx }) // at the M cells
  const pointShade = op('Reshape', [
    op(
      'Gather',
      [
        op('Reshape', [shade, i64([-1])]),
        op('Cast', [op('Reshape', [backRead.index, i64([-1])])], { to: 7 })
      ],
      { axis: 0 }
    ),
    i64([1, -1])
  ])
  const drop = op('Where', [backRead.has, pointShade, f(0)]) // [1, M]
  const atBack = (v: Value): Value => op('Gather', [v, backIdx], { axis: 1 })
  const readX = op('Where', [backRead.has, backRead.mapX, atBack(lowMapX)])
  const readY = op('Where', [backRead.has, backRead.mapY, atBack(lowMapY)])
  const reads = op('Concat', [readX, readY], { axis: 0 }) // [2, M]
  // [2, M], GridSample's [-1, 1] (clamped: zero padding reads what border padding did, faster)
  const toGrid = (r: Value): Value => sub(mul(clampToTexels(g, r, srcW, srcH), lowNorm), f(1))
  const backGrid = op('Unsqueeze', [op('Transpose', [toGrid(reads)], { perm: [1, 0] }), i64([0, 1])]) // [1, 1, M, 2]
  const read = op('Reshape', [
    g.op('GridSample', [backTexture, backGrid], {
      align_corners: 0,
      mode: 'bilinear',
      padding_mode: 'zeros'
    }),
    i64([BACK_TEXTURE_CHANNELS, -1])
  ]) // [channels, M]
  const at = (c0: number, c1: number): Value => op('Slice', [read, i64([c0]), i64([c1]), i64([0])])
  const offsets = sub(reads, op('Concat', [atBack(lowMapX), atBack(lowMapY)], { axis: 0 })) // [2, M]
  const backSampled = op('Concat', [at(3, 6), offsets, drop], { axis: 0 }) // [6, M]: lip distances, mix, offset, drop
  const cellCount = op('Shape', [needsBack]) // [1]
  const backRows = op('Concat', [i64([SAMPLED_CHANNELS]), cellCount], { axis: 0 })
  const lowBackAll = op('Reshape', [
    op(
      'ScatterElements',
      [
        g.op('ConstantOfShape', [backRows], { value: tensorAttr('float32', [1], [0]) }),
        op('Expand', [
          op('Reshape', [backIdx, i64([1, -1])]),
          op('Concat', [i64([SAMPLED_CHANNELS]), op('Shape', [backIdx])], { axis: 0 })
        ]),
        backSampled
      ],
      { axis: 1 }
    ),
    op('Concat', [i64([1, SAMPLED_CHANNELS]), gridHW], { axis: 0 })
  ]) // [1, 6, hc, wc]
  const [lowUpperLip, lowLowerLip, lowBackMix, offsetX, offsetY, jawDrop] = g.opMulti(
    'Split',
    [lowBackAll, i64([1, 1, 1, 1, 1, 1])],
    6,
    { axis: 1 }
  )
  const flat = (v: Value): Value => op('Reshape', [v, i64([1, -1])])
  return {
    lowUpperLip: lowUpperLip!,
    lowLowerLip: lowLowerLip!,
    lowBackMix: lowBackMix!,
    lowBackOffsetX: flat(offsetX!),
    lowBackOffsetY: flat(offsetY!),
    lowJawDrop: flat(jawDrop!)
  }
}
