import { tensorAttr, type GraphBuilder, type Value } from '../../onnx'
import { BACK_TEXTURE_CHANNELS } from '../../../src/shared/engine/renderer-layout'
import { winnerRow } from './backward-map'
import { graphOps } from './graph-ops'

/** The back texture read at the cells, each [1, c, hc, wc] (0 at cells that do not need it). */
export interface BackLayerValues {
  /** c = 3: the back layer's RGB. */
  readonly lowBack: Value
  /** c = 1: signed distance (source px) into the upper and the lower lip from its inner edge. */
  readonly lowUpperLip: Value
  readonly lowLowerLip: Value
  /** c = 1: the back layer's mix of source (0) and painted cavity (1). */
  readonly lowBackMix: Value
}

/**
 * Reads the mouth back layer's texture (`backTexture`, see BACK_TEXTURE_CHANNELS) at the backward map's
 * positions of the cells that need it.
 */
export function sampleBackLayer(
  g: GraphBuilder,
  inputs: {
    backTexture: Value
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
  const { backTexture, picked, cov2, image4, gridHW, lowMapX, lowMapY, srcW, srcH } = inputs
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
  const backGrid = op('Unsqueeze', [
    op(
      'Transpose',
      [
        sub(
          mul(op('Gather', [op('Concat', [lowMapX, lowMapY], { axis: 0 }), backIdx], { axis: 1 }), lowNorm),
          f(1)
        )
      ],
      {
        perm: [1, 0]
      }
    ),
    i64([0, 1])
  ]) // [1, 1, M, 2]
  const backSampled = op('Reshape', [
    g.op('GridSample', [backTexture, backGrid], {
      align_corners: 0,
      mode: 'bilinear',
      padding_mode: 'border'
    }),
    i64([BACK_TEXTURE_CHANNELS, -1])
  ]) // [6, M]
  const cellCount = op('Shape', [needsBack]) // [1]
  const backRows = op('Concat', [i64([BACK_TEXTURE_CHANNELS]), cellCount], { axis: 0 })
  const lowBackAll = op('Reshape', [
    op(
      'ScatterElements',
      [
        g.op('ConstantOfShape', [backRows], { value: tensorAttr('float32', [1], [0]) }),
        op('Expand', [
          op('Reshape', [backIdx, i64([1, -1])]),
          op('Concat', [i64([BACK_TEXTURE_CHANNELS]), op('Shape', [backIdx])], { axis: 0 })
        ]),
        backSampled
      ],
      { axis: 1 }
    ),
    op('Concat', [i64([1, BACK_TEXTURE_CHANNELS]), gridHW], { axis: 0 })
  ]) // [1, 6, hc, wc]
  const [lowBack, lowUpperLip, lowLowerLip, lowBackMix] = g.opMulti(
    'Split',
    [lowBackAll, i64([3, 1, 1, 1])],
    4,
    { axis: 1 }
  )
  return { lowBack: lowBack!, lowUpperLip: lowUpperLip!, lowLowerLip: lowLowerLip!, lowBackMix: lowBackMix! }
}
