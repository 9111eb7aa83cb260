import { GraphBuilder, tensorAttr, type Value } from '../../onnx'
import { BACK_TEXTURE_CHANNELS } from '../../../src/shared/engine/renderer-layout'
import { lipCutWeight, sampleDetailRegion, type DetailRegion } from './detail-region'
import { frontInsideAt, NOT_COVERED } from './front-coverage'
import { graphOps } from './graph-ops'
import { clampToTexels } from './plane-sample'
import { sampleAtRows } from './row-grid-sample'

/** The layers at output resolution, each [1, c, outH, outW]. */
export interface OutputLayers {
  /** c = 2: the source px each output pixel reads (x, y). */
  readonly upMap: Value
  /**
   * c = 1: coverage, depth (source px), edge distance (cells), expression shading (relative colour change), and
   * whether any cell under the pixel has a back layer or an eyeball (> 0: the pixel is in `region`).
   */
  readonly upCov: Value
  readonly upDepth: Value
  readonly upEdge: Value
  readonly upShade: Value
  readonly upDetailMask: Value
  /** c = 3: the plate, zoomed and panned like the frame. */
  readonly plateOut: Value
  /**
   * c = 1: the occluder's alpha (a hand in front of the face, 0..1), zoomed and panned like the plate, whose
   * colour it shows; exactly 0 where the plate comes without one (3 channels).
   */
  readonly occluderAlpha: Value
  /** The back layer's and the eyeball's layers, read only at the output pixels where they can show. */
  readonly region: DetailRegion
  /** The ring-cell index (cell centres at integers) of output pixel o along each axis: a + b * o. */
  readonly pixelCellX: { a: Value; b: Value }
  readonly pixelCellY: { a: Value; b: Value }
}

/** The per-cell layers that ride the full-resolution Resize, in the order its output is split. */
export const DENSE_CHANNELS = ['lowMapX', 'lowMapY', 'lowCov', 'lowDepth', 'lowEdge', 'lowShade'] as const

/**
 * The per-cell layers that matter only where a back layer or an eyeball shows (the composite's back weight is
 * exactly 0 elsewhere) or next to an occlusion edge (elsewhere both surfaces' reads are the map), read at those
 * output pixels only (see sampleDetailRegion), in the order DetailRegion splits them.
 */
export const REGION_CHANNELS = [
  'lowCutUpper',
  'lowCutLower',
  'lowEyeOffsetX',
  'lowEyeOffsetY',
  'lowEyeWeight',
  'lowFrontMapX',
  'lowFrontMapY',
  'lowBackMapX',
  'lowBackMapY',
  'lowFrontInside',
  'lowBackOffsetX',
  'lowBackOffsetY',
  'lowJawDrop'
] as const

type LowChannel = (typeof DENSE_CHANNELS)[number] | (typeof REGION_CHANNELS)[number]

/**
 * One linear Resize (tf_crop_and_resize) takes the low-resolution map, coverage, depth, edge and shading to the
 * output size and applies zoom and pan; the plate (the portrait mirrored past its edges by a margin, at least
 * one pixel, on each side) gets the same mapping, and so does an occluder's alpha riding in its fourth
 * channel (a hand in front of the face stays with the plate, not with the head). The lip cut, the back layer and
 * the eyeball's layers are read with the same mapping at the few output pixels where they can show
 * (sampleDetailRegion): onnxruntime's Resize with a roi costs about 1.5 ms per channel at 512², and they were 9
 * of its 15 channels.
 */
export function resizeToOutput(
  g: GraphBuilder,
  /**
   * The LowChannel layers are [1, cells] each: the backward map (source px), coverage, depth (source px), signed
   * distance inside the layer's edge (cells; see edgeCoverage), expression shading (see sampleShading), how far
   * inside the upper and the lower lip the cell reads (source px; see cutLips), the eyeball's read offset (source
   * px) and weight (see EyelidCutValues), and the back layer's read offset and the jaw's drop (source px; see
   * BackLayerValues).
   */
  inputs: Record<LowChannel, Value> & {
    /** [1, 1, hc, wc]: the back layer's mix. */
    lowBackMix: Value
    /** [1, cells]: 1 at back-layer and eyeball cells (backLayerCells) and at occlusion edges, else 0. */
    lowBackCells: Value
    lowTearCells: Value
    /** int64 [2] and float [1]: the cell grid's rows and columns. */
    gridHW: Value
    hc: Value
    wc: Value
    plate: Value
    outSize: Value
    sigma: Value
    /** [1]: source px per texel of the plate (and the texture) fed. */
    textureScale: Value
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
  const { lowBackMix, lowBackCells, lowTearCells, gridHW, hc, wc, plate, outSize } = inputs
  const lowDetailCells = op('Max', [lowBackCells, lowTearCells])
  const { sigma, srcW, srcH, originX, originY, cell, zoom, panX, panY, zero, one, textureScale } = inputs
  const lowLayout = op('Concat', [i64([1, -1]), gridHW], { axis: 0 })
  const stack = (names: readonly LowChannel[]): Value =>
    op('Reshape', [
      op(
        'Concat',
        names.map((name) => inputs[name]),
        { axis: 0 }
      ),
      lowLayout
    ])
  const low = op('Reshape', [
    op('Concat', [...DENSE_CHANNELS.map((name) => inputs[name]), lowDetailCells], { axis: 0 }),
    lowLayout
  ])

  const outF = op('Cast', [outSize], { to: 1 })
  const outH = slice(outF, 0, 1, 0)
  const outW = slice(outF, 1, 2, 0)
  // source px of output pixel o along one axis: s = srcLen/2 + (o + 0.5 - outLen/2 - pan*outLen) * sigma/zoom
  const axisMap = (srcLen: Value, outLen: Value, pan: Value) => {
    const b = div(sigma, zoom)
    const a = add(mul(srcLen, f(0.5)), mul(sub(sub(f(0.5), mul(outLen, f(0.5))), mul(pan, outLen)), b))
    return { a, b } // s = a + b * o
  }
  // The cell grid's index (cell centres at integers) of output pixel o along each axis: index = a + b * o.
  const toCellIndex = (m: { a: Value; b: Value }, origin: Value) => ({
    a: add(div(sub(m.a, origin), cell), f(0.5)),
    b: div(m.b, cell)
  })
  const cellY = toCellIndex(axisMap(srcH, outH, panY), originY)
  const cellX = toCellIndex(axisMap(srcW, outW, panX), originX)
  const roiFor = (inLenH: Value, inLenW: Value, my: { a: Value; b: Value }, mx: { a: Value; b: Value }) => {
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
  const sizes = op('Concat', [i64([1, DENSE_CHANNELS.length + 1]), outSize], { axis: 0 })
  const up = g.op('Resize', [low, roiFor(hc, wc, cellY, cellX), null, sizes], {
    mode: 'linear',
    coordinate_transformation_mode: 'tf_crop_and_resize'
  })
  const plateShape = op('Cast', [op('Shape', [plate])], { to: 1 })
  const plateH = slice(plateShape, 2, 3, 0)
  const plateW = slice(plateShape, 3, 4, 0)
  // The plate is the portrait mirrored past its edges by a margin (plate-margin.ts), the same on each side, fed
  // at `textureScale` source px per texel: source px s sits at plate index (s + margin) / scale - 0.5, margin =
  // (plate length * scale - source length) / 2.
  const plateIndex = (m: { a: Value; b: Value }, plateLen: Value, srcLen: Value) => ({
    a: sub(div(add(m.a, mul(sub(mul(plateLen, textureScale), srcLen), f(0.5))), textureScale), f(0.5)),
    b: div(m.b, textureScale)
  })
  const plateY = plateIndex(axisMap(srcH, outH, panY), plateH, srcH)
  const plateX = plateIndex(axisMap(srcW, outW, panX), plateW, srcW)
  // The plate's channels (3, or 4 with an occluder's alpha) ride one Resize.
  const plateChannels = op('Slice', [op('Shape', [plate]), i64([1]), i64([2])])
  const plateSizes = op('Concat', [i64([1]), plateChannels, outSize], { axis: 0 })
  const plateRoi = roiFor(plateH, plateW, plateY, plateX)
  const plateLayers = resizePlate(g, {
    plate,
    plateRoi,
    plateSizes,
    plateY,
    plateX,
    plateH,
    plateW,
    outH,
    outW,
    outSize
  })
  const plateOut = op('Slice', [plateLayers, i64([0]), i64([3]), i64([1])])
  // Channel 3 when there is one; the sum over an empty channel range is 0 (one plane of zeros, no branch).
  const occluderChannel = op('Slice', [plateLayers, i64([3]), i64([4]), i64([1])])
  const occluderAlpha = op('ReduceSum', [occluderChannel, i64([1])], { keepdims: 1 })
  const [upMap, upCov, upDepth, upEdge, upShade, upDetailMask] = g.opMulti(
    'Split',
    [up, i64([2, 1, 1, 1, 1, 1])],
    6,
    { axis: 1 }
  )
  const region = sampleDetailRegion(g, {
    upDetailMask: upDetailMask!,
    upMap: upMap!,
    low: op('Concat', [stack(REGION_CHANNELS), lowBackMix], { axis: 1 }),
    cellX,
    cellY,
    hc,
    wc,
    outSize
  })
  return {
    upMap: upMap!,
    upCov: upCov!,
    upDepth: upDepth!,
    upEdge: upEdge!,
    upShade: upShade!,
    upDetailMask: upDetailMask!,
    plateOut,
    occluderAlpha,
    region,
    pixelCellX: cellX,
    pixelCellY: cellY
  }
}

/**
 * The plate resized to the output (one linear Resize, tf_crop_and_resize with `plateRoi`). Past the plate's margin
 * (a camera zoomed out or panned beyond it) the Resize gives 0, a black band: there the plate's outermost colour
 * instead (the mean of its four corners, where the mirrored margin has faded to a blur). The pixels past it are
 * found per axis, as the Resize finds them (plate index = a + b * output px outside [0, length - 1]); an
 * occluder's alpha there is 0 (the corners' mean, where the plate's alpha is padded with 0). An If fills them
 * only in the frames that have any (a full-frame Where, about 0.9 ms of a 512² frame under profiling, in frames
 * that mostly have none). Returns [1, plate channels, outH, outW].
 */
function resizePlate(
  g: GraphBuilder,
  inputs: {
    plate: Value
    plateRoi: Value
    plateSizes: Value
    plateY: { a: Value; b: Value }
    plateX: { a: Value; b: Value }
    plateH: Value
    plateW: Value
    outH: Value
    outW: Value
    /** int64 [2]: the output's rows and columns. */
    outSize: Value
  }
): Value {
  const { f, i64, op, add, sub, mul, zeroScalar, oneScalar, squeeze } = graphOps(g)
  const { plate, plateRoi, plateSizes, plateY, plateX, plateH, plateW, outH, outW, outSize } = inputs
  const pastAlong = (m: { a: Value; b: Value }, outLen: Value, inLen: Value): Value => {
    const index = add(m.a, mul(m.b, op('Range', [zeroScalar(), squeeze(outLen), oneScalar()])))
    return op('Or', [op('Less', [index, f(0)]), op('Greater', [index, sub(inLen, f(1))])])
  }
  const pastRows = pastAlong(plateY, outH, plateH) // [outH] bool
  const pastColumns = pastAlong(plateX, outW, plateW) // [outW] bool
  const anyPast = op('Greater', [
    op('ReduceMax', [op('Cast', [op('Concat', [pastRows, pastColumns], { axis: 0 })], { to: 1 })], {
      keepdims: 0
    }),
    f(0.5)
  ]) // [] bool
  const corner = (y: number, x: number): Value =>
    op('Slice', [plate, i64([y, x]), i64([y === 0 ? 1 : 2 ** 30, x === 0 ? 1 : 2 ** 30]), i64([2, 3])])
  const corners = op('Concat', [corner(0, 0), corner(0, -1), corner(-1, 0), corner(-1, -1)], { axis: 2 })
  const edge = op('ReduceMean', [corners, i64([2, 3])], { keepdims: 1 }) // [1, plate channels, 1, 1]
  const rowsShape = i64([1, 1, -1, 1])
  const columnsShape = i64([1, 1, 1, -1])
  // The branches read the outer values by name; their node names are explicit, unique in the model.
  const resize = (b: GraphBuilder, name: string): Value =>
    b.op(
      'Resize',
      [plate, plateRoi, null, plateSizes],
      { mode: 'linear', coordinate_transformation_mode: 'tf_crop_and_resize' },
      { name }
    )
  const layersShape = [1, 'Cp', 'outH', 'outW']
  const fill = new GraphBuilder('plate_fill_past')
  const past = fill.op(
    'Or',
    [
      fill.op('Reshape', [pastRows, rowsShape], {}, { name: 'plate_past_rows' }),
      fill.op('Reshape', [pastColumns, columnsShape], {}, { name: 'plate_past_columns' })
    ],
    {},
    { name: 'plate_past' }
  ) // [1, 1, outH, outW]
  const filled = fill.op(
    'Where',
    [past, edge, resize(fill, 'plate_resized_past')],
    {},
    { name: 'plate_filled' }
  )
  fill.output(filled, filled.name, 'float32', layersShape)
  // Inside the plate, one whose texels sit on the output's pixels (one texel a pixel at a whole-texel offset: a
  // camera without zoom or pan, at an output size the plate's level matches) is cropped, not resampled: the
  // Resize returns those texels (weights 1 and 0) at about ten times the cost (0.5 ms of a 256² frame under
  // profiling).
  const onPixels = (m: { a: Value; b: Value }): Value =>
    op('And', [
      op('Less', [op('Abs', [sub(m.b, f(1))]), f(1e-6)]),
      op('Less', [op('Abs', [sub(m.a, op('Round', [m.a]))]), f(1e-4)])
    ])
  const aligned = op('And', [onPixels(plateY), onPixels(plateX)]) // [1] bool
  const cropStart = op('Cast', [op('Round', [op('Concat', [plateY.a, plateX.a], { axis: 0 })])], { to: 7 })
  const cropEnd = op('Add', [cropStart, outSize])
  const crop = new GraphBuilder('plate_crop')
  const cropped = crop.op('Slice', [plate, cropStart, cropEnd, i64([2, 3])], {}, { name: 'plate_cropped' })
  crop.output(cropped, cropped.name, 'float32', layersShape)
  const resample = new GraphBuilder('plate_resample')
  const resized = resize(resample, 'plate_resized')
  resample.output(resized, resized.name, 'float32', layersShape)
  const inside = new GraphBuilder('plate_inside')
  const insideLayers = inside.op(
    'If',
    [aligned],
    { then_branch: crop, else_branch: resample },
    { name: 'plate_inside_layers' }
  )
  inside.output(insideLayers, insideLayers.name, 'float32', layersShape)
  return g.op('If', [anyPast], { then_branch: fill, else_branch: inside })
}

/**
 * One GridSample reads the 4-channel texture at full resolution where `upMap` [1, 2, outH, outW] (source px)
 * points. At the detail region's pixels next to an occlusion edge the texture is read at both surfaces' reads
 * instead and mixed by the front's signed distance, anti-aliased over one output px (findOcclusionEdges).
 * Returns source RGB [1, 3, outH, outW] and person alpha [1, 1, outH, outW].
 */
export function sampleTexture(
  g: GraphBuilder,
  inputs: {
    texture: Value
    upMap: Value
    region: DetailRegion
    /** [3, P + 1]: the front's coverage field per output pixel (frontCoverage). */
    frontCover: Value
    srcW: Value
    srcH: Value
    cell: Value
    zoom: Value
    sigma: Value
    /** [1]: source px per texel of the texture fed (1 at full resolution). */
    textureScale: Value
  }
): { srcRgb: Value; personAlpha: Value } {
  const { f, i64, op, add, sub, mul, div, slice } = graphOps(g)
  const { texture, upMap, region, frontCover, srcW, srcH, cell, zoom, sigma, textureScale } = inputs
  // The texture may be padded past the frame's edge (for the points beyond it, see the avatar's texturePad), the
  // same on each side, and fed at `textureScale` source px per texel: its extent in source px is the source's plus
  // twice the pad.
  const texSize = op('Cast', [slice(op('Shape', [texture]), 2, 4, 0)], { to: 1 }) // [Ht, Wt] texels
  const texW = slice(texSize, 1, 2, 0)
  const texH = slice(texSize, 0, 1, 0)
  const extentW = mul(texW, textureScale)
  const extentH = mul(texH, textureScale)
  // GridSample's [-1, 1] of a read, (source px + pad) * 2 / extent - 1, per channel ([2, 1]).
  const norm = op('Concat', [div(f(2), extentW), div(f(2), extentH)], { axis: 0 })
  const padX = mul(sub(extentW, srcW), f(0.5))
  const padY = mul(sub(extentH, srcH), f(0.5))
  const offset = op(
    'Concat',
    [sub(mul(padX, div(f(2), extentW)), f(1)), sub(mul(padY, div(f(2), extentH)), f(1))],
    {
      axis: 0
    }
  )
  const column = i64([2, 1])
  // Reads clamped to the outermost texel centres ([1 / size - 1, 1 - 1 / size]) and sampled with zero padding
  // read what the border padding reads (the weight past the edge is 0), through onnxruntime's GridSample fast path
  // for bilinear, zero padding and align_corners 0, about 3x faster than its border path (4.8 -> 1.4 ms for a
  // 256² frame of 4 channels).
  const texel = op('Concat', [div(f(1), texW), div(f(1), texH)], { axis: 0 })
  const lowest = op('Reshape', [sub(texel, f(1)), column])
  const highest = op('Reshape', [sub(f(1), texel), column])
  const toGrid = (reads: Value): Value =>
    op('Min', [
      op('Max', [add(mul(reads, op('Reshape', [norm, column])), op('Reshape', [offset, column])), lowest]),
      highest
    ]) // [2, K] source px -> GridSample's [-1, 1]
  // The whole frame in one GridSample: onnxruntime shares it between threads by channel; read only at the
  // covered pixels (gathered, then scattered back) it ran on one thread and cost more than it saved on
  // portraits whose person fills most of the frame.
  const grid = op('Transpose', [toGrid(op('Reshape', [upMap, i64([2, -1])]))], { perm: [1, 0] }) // [P, 2]
  const pixels = op('Shape', [upMap]) // [1, 2, outH, outW]
  const gridImage = op('Reshape', [
    grid,
    op('Concat', [i64([1]), slice(pixels, 2, 4, 0), i64([2])], { axis: 0 })
  ])
  const sampled = op('Reshape', [
    g.op('GridSample', [texture, gridImage], { align_corners: 0, mode: 'bilinear', padding_mode: 'zeros' }),
    i64([4, -1])
  ]) // [4, P]
  // Next to an occlusion edge (the region's pixels whose two surfaces read apart): both reads, mixed.
  const apart = op('ReduceMax', [op('Abs', [sub(region.frontMap, region.backMap)]), i64([0])], {
    keepdims: 0
  })
  const edgeAt = op('Reshape', [op('NonZero', [op('Greater', [apart, f(0)])]), i64([-1])]) // [E] of M
  const atEdge = (v: Value): Value => op('Gather', [v, edgeAt], { axis: 1 })
  const readAt = (map: Value): Value =>
    sampleAtRows(g, texture, op('Transpose', [toGrid(atEdge(map))], { perm: [1, 0] }), 4, {
      align_corners: 0,
      padding_mode: 'zeros'
    }) // [4, E]
  const front = readAt(region.frontMap)
  const back = readAt(region.backMap)
  const outPxPerCell = mul(cell, div(zoom, sigma))
  const edgePixels = op('Reshape', [op('Gather', [region.at, edgeAt], { axis: 0 }), i64([1, -1])])
  // The front's coverage at the pixel (frontCoverage, output px) where the back is the person (hair, a cheek),
  // else the per-cell estimate upsampled: where no front point is near, and where the back read is off the person
  // layer, an edge of the layer itself, whose outline is the layer's coverage (layerCoverage) on either side.
  const covered = frontInsideAt(g, { frontCover, at: edgePixels, cellsPerPx: div(sigma, mul(zoom, cell)) }) // [1, E]
  const onPerson = op('Greater', [slice(back, 3, 4, 0), f(0.5)])
  const inside = op('Where', [
    op('And', [op('Greater', [covered, f(NOT_COVERED / 2)]), onPerson]),
    covered,
    mul(atEdge(region.frontInside), outPxPerCell)
  ])
  const t = op('Clip', [add(f(0.5), inside), f(0), f(1)]) // [1, E]
  const mixed = add(back, mul(t, sub(front, back))) // [4, E]
  const columns = op('Expand', [edgePixels, op('Concat', [i64([4]), op('Shape', [edgeAt])], { axis: 0 })])
  const full = op('Reshape', [
    op('ScatterElements', [sampled, columns, mixed], { axis: 1 }),
    op('Concat', [i64([1, 4]), slice(pixels, 2, 4, 0)], { axis: 0 })
  ])
  const [srcRgb, personAlpha] = g.opMulti('Split', [full, i64([3, 1])], 2, { axis: 1 })
  return { srcRgb: srcRgb!, personAlpha: personAlpha! }
}

/**
 * The eyeball's colour at the back region's pixels: the back texture's RGB (`backTexture` [1,
 * BACK_TEXTURE_CHANNELS, H, W]: the photo inside the eye openings, the painted eyeball under the lids) read at
 * full resolution where the eyeball reads it, the region's map plus its eye offset (source px). Read per cell
 * like the mouth's cavity, the painted eyeball a lid uncovers came out in cell-sized blocks (the iris's top, the
 * sclera's edge against the photo). Only the region's pixels with an eye weight are read (a GridSample costs
 * about 20 ns per value, and the back texture has 12 channels); the others get 0, which the composite weighs by
 * their eye weight, 0. Returns [3, M].
 */
export function sampleEyeball(
  g: GraphBuilder,
  inputs: { backTexture: Value; region: DetailRegion; srcW: Value; srcH: Value }
): Value {
  const { f, i64, op, sub, mul, div, add, slice } = graphOps(g)
  const { backTexture, region, srcW, srcH } = inputs
  const eyes = op('Reshape', [
    op('NonZero', [op('Greater', [op('Reshape', [region.eyeWeight, i64([-1])]), f(0)])]),
    i64([-1])
  ]) // [E] of M
  // [2, E] source px, clamped: zero padding reads what border padding did, through GridSample's fast path
  const reads = clampToTexels(
    g,
    op('Gather', [add(region.map, region.eyeOffset), eyes], { axis: 1 }),
    srcW,
    srcH
  )
  const norm = op('Reshape', [op('Concat', [div(f(2), srcW), div(f(2), srcH)], { axis: 0 }), i64([2, 1])])
  const grid = op('Unsqueeze', [
    op('Transpose', [sub(mul(reads, norm), f(1))], { perm: [1, 0] }),
    i64([0, 1])
  ])
  const sampled = op('Reshape', [
    g.op('GridSample', [backTexture, grid], { align_corners: 0, mode: 'bilinear', padding_mode: 'zeros' }),
    i64([BACK_TEXTURE_CHANNELS, -1])
  ]) // [channels, E]
  return scatterColumns(g, slice(sampled, 0, 3, 0), eyes, region.at)
}

/**
 * The mouth's back layer at the region's pixels where it shows (its mix, past the lips' cut): the back texture
 * read at full resolution where the back layer is read (the region's map plus its back offset, source px), the
 * still paint (cavity, upper teeth) there and the jaw's paint (lower teeth, tongue, premultiplied) the jaw's drop
 * above it, composed behind the upper teeth (they overlap the lower ones). Read per cell and interpolated, the
 * teeth came out blurred over a cell (about a tooth's width on a 512 px portrait): a smooth grey band, no biting
 * edge, no gaps. `zoom` / `sigma`: output px per source px (the cut's ramp, as the composite's). Returns [3, M].
 */
export function sampleMouthBack(
  g: GraphBuilder,
  inputs: { backTexture: Value; region: DetailRegion; srcW: Value; srcH: Value; zoom: Value; sigma: Value }
): Value {
  const { f, i64, op, sub, mul, div, add, slice } = graphOps(g)
  const { backTexture, region, srcW, srcH, zoom, sigma } = inputs
  // The pixels the composite weighs the back layer in at (its weight > 0), the eyeball's aside.
  const shows = op('Greater', [mul(lipCutWeight(g, region.cut, zoom, sigma), region.backMix), f(0)]) // [1, M]
  const at = op('Reshape', [op('NonZero', [op('Reshape', [shows, i64([-1])])]), i64([-1])]) // [E] of M
  const stillReads = op('Gather', [add(region.map, region.backOffset), at], { axis: 1 }) // [2, E]
  const drop = op('Gather', [region.jawDrop, at], { axis: 1 }) // [1, E]
  const jawReads = op('Concat', [slice(stillReads, 0, 1, 0), sub(slice(stillReads, 1, 2, 0), drop)], {
    axis: 0
  })
  const norm = op('Reshape', [op('Concat', [div(f(2), srcW), div(f(2), srcH)], { axis: 0 }), i64([2, 1])])
  const toGrid = (r: Value): Value => sub(mul(clampToTexels(g, r, srcW, srcH), norm), f(1))
  const grid = op('Transpose', [op('Concat', [toGrid(stillReads), toGrid(jawReads)], { axis: 1 })], {
    perm: [1, 0]
  }) // [2E, 2]
  const read = op('Reshape', [
    sampleAtRows(g, backTexture, grid, BACK_TEXTURE_CHANNELS, { align_corners: 0, padding_mode: 'zeros' }),
    i64([BACK_TEXTURE_CHANNELS, 2, -1])
  ]) // [channels, read (still, jaw), E]
  const channels = (c0: number, c1: number, which: number): Value =>
    op('Reshape', [
      op('Slice', [read, i64([c0, which]), i64([c1, which + 1]), i64([0, 1])]),
      i64([c1 - c0, -1])
    ])
  const still = channels(0, 3, 0)
  const behindUpper = sub(f(1), channels(10, 11, 0))
  const rgb = add(still, mul(behindUpper, sub(channels(6, 9, 1), mul(channels(9, 10, 1), still)))) // [3, E]
  return scatterColumns(g, rgb, at, region.at)
}

/** `values` [c, E] read at E of the region's pixels (`at` int64 [E], indices into `all` [M]) as [c, M], 0 elsewhere. */
function scatterColumns(g: GraphBuilder, values: Value, at: Value, all: Value): Value {
  const { i64, op, slice } = graphOps(g)
  const c = slice(op('Shape', [values]), 0, 1, 0)
  const rows = op('Expand', [
    op('Reshape', [at, i64([1, -1])]),
    op('Concat', [c, op('Shape', [at])], { axis: 0 })
  ])
  const zeros = g.op('ConstantOfShape', [op('Concat', [c, op('Shape', [all])], { axis: 0 })], {
    value: tensorAttr('float32', [1], [0])
  })
  return op('ScatterElements', [zeros, rows, values], { axis: 1 })
}
