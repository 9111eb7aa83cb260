import { type GraphBuilder, type Value } from '../../onnx'
import { BACK_TEXTURE_CHANNELS } from '../../../src/shared/engine/renderer-layout'
import { graphOps } from './graph-ops'

/** The layers at output resolution, each [1, c, outH, outW]. */
export interface OutputLayers {
  /** c = 2: the source px each output pixel reads (x, y). */
  readonly upMap: Value
  /**
   * c = 1: coverage, depth (source px), lip cut q (source px: the larger of the distances into the upper and
   * the lower lip, < 0 past both), edge distance (cells), expression shading (relative colour change), back mix.
   */
  readonly upCov: Value
  readonly upDepth: Value
  readonly upCut: Value
  readonly upEdge: Value
  readonly upShade: Value
  readonly upBackMix: Value
  /** c = 2: where the eyeball reads the back texture relative to upMap (source px); c = 1: its weight. */
  readonly upEyeOffset: Value
  readonly upEyeWeight: Value
  /** c = 3: the back layer's RGB. */
  readonly backRgb: Value
  /** c = 3: the plate, zoomed and panned like the frame. */
  readonly plateOut: Value
}

/** The per-cell layers that ride the Resize, in the order its output is split (see OutputLayers). */
const LOW_CHANNELS = [
  'lowMapX',
  'lowMapY',
  'lowCov',
  'lowDepth',
  'lowCutUpper',
  'lowCutLower',
  'lowEdge',
  'lowShade',
  'lowEyeOffsetX',
  'lowEyeOffsetY',
  'lowEyeWeight'
] as const

/**
 * One linear Resize (tf_crop_and_resize) takes the low-resolution map, coverage, depth, lip cut and back layer to
 * the output size and applies zoom and pan; the plate (the portrait mirrored past its edges by a margin, at
 * least one pixel, on each side) gets the same mapping.
 */
export function resizeToOutput(
  g: GraphBuilder,
  inputs: {
    /** [1, cells]: the backward map (source px), coverage, depth (source px). */
    lowMapX: Value
    lowMapY: Value
    lowCov: Value
    lowDepth: Value
    /** [1, cells]: how far inside the upper and the lower lip the cell reads (source px; see cutLips). */
    lowCutUpper: Value
    lowCutLower: Value
    /** [1, cells]: signed distance inside the layer's edge (cells; see edgeCoverage). */
    lowEdge: Value
    /** [1, cells]: expression shading read where each cell reads the texture (see sampleShading). */
    lowShade: Value
    /** [1, cells]: the eyeball's read offset (source px) and weight (see EyelidCutValues). */
    lowEyeOffsetX: Value
    lowEyeOffsetY: Value
    lowEyeWeight: Value
    /** [1, 4, hc, wc]: back mix and back RGB. */
    backFilled: Value
    /** int64 [2] and float [1]: the cell grid's rows and columns. */
    gridHW: Value
    hc: Value
    wc: Value
    plate: Value
    outSize: Value
    sigma: Value
    srcW: Value
    srcH: Value
    originX: Value
    originY: Value
    cell: Value
    zoom: Value
    panX: Value
    panY: Value
    zero: Value
    one: Value
  }
): OutputLayers {
  const { f, i64, op, add, sub, mul, div, slice } = graphOps(g)
  const { backFilled, gridHW, hc, wc, plate, outSize } = inputs
  const { sigma, srcW, srcH, originX, originY, cell, zoom, panX, panY, zero, one } = inputs
  // The per-cell layers, one channel each, then the back layer's 4 (mix, RGB): one Resize for all of them.
  const low = op(
    'Concat',
    [
      op('Reshape', [
        op(
          'Concat',
          LOW_CHANNELS.map((name) => inputs[name]),
          { axis: 0 }
        ),
        op('Concat', [i64([1, LOW_CHANNELS.length]), gridHW], { axis: 0 })
      ]),
      backFilled
    ],
    { axis: 1 }
  )

  const outF = op('Cast', [outSize], { to: 1 })
  const outH = slice(outF, 0, 1, 0)
  const outW = slice(outF, 1, 2, 0)
  // source px of output pixel o along one axis: s = srcLen/2 + (o + 0.5 - outLen/2 - pan*outLen) * sigma/zoom
  const axisMap = (srcLen: Value, outLen: Value, pan: Value) => {
    const b = div(sigma, zoom)
    const a = add(mul(srcLen, f(0.5)), mul(sub(sub(f(0.5), mul(outLen, f(0.5))), mul(pan, outLen)), b))
    return { a, b } // s = a + b * o
  }
  const roiFor = (
    inLenH: Value,
    inLenW: Value,
    toIndex: (m: { a: Value; b: Value }, axis: 'x' | 'y') => { a: Value; b: Value }
  ) => {
    const my = toIndex(axisMap(srcH, outH, panY), 'y')
    const mx = toIndex(axisMap(srcW, outW, panX), 'x')
    const range = (m: { a: Value; b: Value }, inLen: Value, outLen: Value) => {
      const denom = sub(inLen, f(1))
      const start = div(m.a, denom)
      const end = add(start, div(mul(m.b, sub(outLen, f(1))), denom))
      return { start, end }
    }
    const ry2 = range(my, inLenH, outH)
    const rx2 = range(mx, inLenW, outW)
    return op('Concat', [zero, zero, ry2.start, rx2.start, one, one, ry2.end, rx2.end], { axis: 0 })
  }
  const lowRoi = roiFor(hc, wc, (m, axis) => ({
    a: add(div(sub(m.a, axis === 'x' ? originX : originY), cell), f(0.5)),
    b: div(m.b, cell)
  }))
  const sizes5 = op('Concat', [i64([1, LOW_CHANNELS.length + 4]), outSize], { axis: 0 })
  const up = g.op('Resize', [low, lowRoi, null, sizes5], {
    mode: 'linear',
    coordinate_transformation_mode: 'tf_crop_and_resize'
  })
  const platePadded = plate
  const plateShape = op('Cast', [op('Shape', [platePadded])], { to: 1 })
  const plateH = slice(plateShape, 2, 3, 0)
  const plateW = slice(plateShape, 3, 4, 0)
  // The plate is the portrait mirrored past its edges by a margin (plate-margin.ts), the same on each side:
  // source px s sits at plate index s - 0.5 + margin, margin = (plate length - source length) / 2.
  const plateIndex = (plateLen: Value, srcLen: Value) => sub(mul(sub(plateLen, srcLen), f(0.5)), f(0.5))
  const plateRoi = roiFor(plateH, plateW, (m, axis) => ({
    a: add(m.a, axis === 'x' ? plateIndex(plateW, srcW) : plateIndex(plateH, srcH)),
    b: m.b
  }))
  const sizes3 = op('Concat', [i64([1, 3]), outSize], { axis: 0 })
  const plateOut = g.op('Resize', [platePadded, plateRoi, null, sizes3], {
    mode: 'linear',
    coordinate_transformation_mode: 'tf_crop_and_resize'
  })
  const [
    upMap,
    upCov,
    upDepth,
    upCutUpper,
    upCutLower,
    upEdge,
    upShade,
    upEyeOffset,
    upEyeWeight,
    upBackMix,
    backRgb
  ] = g.opMulti('Split', [up, i64([2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 3])], 11, { axis: 1 })
  // Past the lips where past both: the larger of the two distances, taken per output pixel.
  const upCut = op('Max', [upCutUpper!, upCutLower!])
  return {
    upMap: upMap!,
    upCov: upCov!,
    upDepth: upDepth!,
    upCut,
    upEdge: upEdge!,
    upShade: upShade!,
    upBackMix: upBackMix!,
    upEyeOffset: upEyeOffset!,
    upEyeWeight: upEyeWeight!,
    backRgb: backRgb!,
    plateOut
  }
}

/**
 * One GridSample reads the 4-channel texture at full resolution where `upMap` [1, 2, outH, outW] (source px)
 * points. Returns source RGB [1, 3, outH, outW] and person alpha [1, 1, outH, outW].
 */
export function sampleTexture(
  g: GraphBuilder,
  inputs: { texture: Value; upMap: Value; srcW: Value; srcH: Value }
): { srcRgb: Value; personAlpha: Value } {
  const { f, i64, op, add, sub, mul, div, slice } = graphOps(g)
  const { texture, upMap, srcW, srcH } = inputs
  // The texture may be padded past the frame's edge (for the points beyond it, see the avatar's texturePad):
  // its size is the source's plus twice the pad.
  const texSize = op('Cast', [slice(op('Shape', [texture]), 2, 4, 0)], { to: 1 }) // [H + 2 pad, W + 2 pad]
  const texW = slice(texSize, 1, 2, 0)
  const texH = slice(texSize, 0, 1, 0)
  const texPad = op('Reshape', [
    op('Concat', [mul(sub(texW, srcW), f(0.5)), mul(sub(texH, srcH), f(0.5))], { axis: 0 }),
    i64([1, 2, 1, 1])
  ])
  const norm = op('Reshape', [
    op('Concat', [div(f(2), texW), div(f(2), texH)], { axis: 0 }),
    i64([1, 2, 1, 1])
  ])
  const gridN = sub(mul(add(upMap, texPad), norm), f(1))
  const grid = op('Transpose', [gridN], { perm: [0, 2, 3, 1] })
  const sampled = g.op('GridSample', [texture, grid], {
    align_corners: 0,
    mode: 'bilinear',
    padding_mode: 'border'
  })
  const [srcRgb, personAlpha] = g.opMulti('Split', [sampled, i64([3, 1])], 2, { axis: 1 })
  return { srcRgb: srcRgb!, personAlpha: personAlpha! }
}

/**
 * The eyeball's colour per output pixel: the back texture's RGB (`backTexture` [1, BACK_TEXTURE_CHANNELS, H, W]:
 * the photo inside the eye openings, the painted eyeball under the lids) read at full resolution where the
 * eyeball reads it, `upMap` plus `upEyeOffset` (source px). Read per cell like the mouth's cavity, the painted
 * eyeball a lid uncovers came out in cell-sized blocks (the iris's top, the sclera's edge against the photo).
 * Only the output pixels with an eye weight are read (a few thousand: a GridSample over the whole frame cost
 * about a third of a 512² frame); elsewhere the result is `backRgb`, which the composite shows there anyway.
 * Returns [1, 3, outH, outW].
 */
export function sampleEyeball(
  g: GraphBuilder,
  inputs: {
    backTexture: Value
    upMap: Value
    upEyeOffset: Value
    upEyeWeight: Value
    backRgb: Value
    srcW: Value
    srcH: Value
  }
): Value {
  const { f, i64, op, add, sub, mul, div, slice } = graphOps(g)
  const { backTexture, upMap, upEyeOffset, upEyeWeight, backRgb, srcW, srcH } = inputs
  const at = op('Reshape', [
    op('NonZero', [op('Greater', [op('Reshape', [upEyeWeight, i64([-1])]), f(0)])]),
    i64([-1])
  ]) // [M] flat output pixels
  const reads = op('Gather', [op('Reshape', [add(upMap, upEyeOffset), i64([2, -1])]), at], { axis: 1 }) // [2, M]
  const norm = op('Reshape', [op('Concat', [div(f(2), srcW), div(f(2), srcH)], { axis: 0 }), i64([2, 1])])
  const grid = op('Unsqueeze', [
    op('Transpose', [sub(mul(reads, norm), f(1))], { perm: [1, 0] }),
    i64([0, 1])
  ])
  const sampled = op('Reshape', [
    g.op('GridSample', [backTexture, grid], { align_corners: 0, mode: 'bilinear', padding_mode: 'border' }),
    i64([BACK_TEXTURE_CHANNELS, -1])
  ]) // [channels, M]
  const backFlat = op('Reshape', [backRgb, i64([3, -1])])
  const rows = op('Expand', [
    op('Reshape', [at, i64([1, -1])]),
    op('Concat', [i64([3]), op('Shape', [at])], { axis: 0 })
  ])
  const scattered = op('ScatterElements', [backFlat, rows, slice(sampled, 0, 3, 0)], { axis: 1 })
  return op('Reshape', [scattered, op('Shape', [backRgb])])
}
