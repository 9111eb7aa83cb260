import { type GraphBuilder, type Value } from '../../onnx'
import { lipCutWeight, type DetailRegion } from './detail-region'
import { graphOps } from './graph-ops'

/** The expression shading's range: it cannot take the colour past 0.3x or 1.6x however directions stack. */
export const SHADE_RANGE = [-0.7, 0.6] as const

/**
 * Composite: colour = mix(source RGB x shading factor, back-layer RGB, back weight), the back weight non-zero
 * only at the back region's pixels; alpha = coverage * edge * person alpha * (1 - occluder alpha) (edge: the
 * layer's outline from edgeCoverage, a one-output-px ramp about its zero line);
 * rgb = plate + alpha (colour - plate). The occluder (a hand in front of the face) is the plate's own colour
 * where its alpha is 1, so it is drawn last, over the moving head, and stays with the plate; the avatar build
 * un-mixed the plate in its soft edge so that the source camera shows the source. The output alpha covers both
 * layers: alpha + occluder alpha (exactly the layer's alpha without an occluder).
 * Returns the frame as 8-bit interleaved RGBA [1, outH, outW, 4].
 */
export function composite(
  g: GraphBuilder,
  inputs: {
    srcRgb: Value
    personAlpha: Value
    region: DetailRegion
    /** [3, M]: the eyeball's colour at the region's pixels (see sampleEyeball). */
    eyeRgb: Value
    /** [3, M]: the mouth's back layer at the region's pixels (see sampleMouthBack). */
    mouthRgb: Value
    upShade: Value
    /** [1, 1, outH, outW]: the layer's coverage with its outline (see layerCoverage). */
    layerAlpha: Value
    plateOut: Value
    /** [1, 1, outH, outW]: the occluder's alpha, resampled like the plate (see resizeToOutput). */
    occluderAlpha: Value
    /** [1, 3, 1, 1]: the darkening exponent per channel (see shadowTint in the avatar build). */
    shadowTint: Value
    zoom: Value
    sigma: Value
    zero: Value
    one: Value
  }
): Value {
  const { f, i64, op, add, sub, mul } = graphOps(g)
  const { srcRgb, personAlpha, region, eyeRgb, mouthRgb, upShade, layerAlpha, plateOut, occluderAlpha } =
    inputs
  const { zoom, sigma, zero, one, shadowTint } = inputs
  // Expression shading (folds, lines, lifted cheeks) modulates the person's own colour, so it keeps their skin
  // tone and texture; it is exactly 0 at zero code. A darkening (shade < 0) takes each channel by its exponent,
  // (1 + shade·γ_c), so a fold on warm skin is a warm shadow, not a grey pencil line; a lift (a shut lid's tone)
  // is the same for every channel. With γ ≤ 1.4 and the shade ≥ −0.7 the factor stays above 0.
  const shade = op('Clip', [upShade, f(SHADE_RANGE[0]), f(SHADE_RANGE[1])])
  const factor = add(add(one, op('Max', [shade, zero])), mul(op('Min', [shade, zero]), shadowTint))
  const shaded = mul(srcRgb, factor)
  // Where the back layer shows (back-layer cells, and past a lip's cut with a one-output-pixel ramp at the
  // edge), it shows what the back layer has at the read position: the source inside the visible opening (so
  // nothing changes at zero code), the painted cavity elsewhere. Only the region's pixels can show it.
  const cut = lipCutWeight(g, region.cut, zoom, sigma)
  // The eyeball (eye weight 1) shows its full-resolution read whole: the photo inside the opening is in it.
  const eyeWeight = op('Clip', [region.eyeWeight, zero, one])
  const back = mul(cut, add(region.backMix, mul(eyeWeight, sub(one, region.backMix))))
  const backColour = add(mouthRgb, mul(eyeWeight, sub(eyeRgb, mouthRgb)))
  const shadedFlat = op('Reshape', [shaded, i64([3, -1])])
  const shadedAt = op('Gather', [shadedFlat, region.at], { axis: 1 }) // [3, M]
  const rows = op('Expand', [
    op('Reshape', [region.at, i64([1, -1])]),
    op('Concat', [i64([3]), op('Shape', [region.at])], { axis: 0 })
  ])
  const colourAt = add(shadedAt, mul(back, sub(backColour, shadedAt)))
  const colour = op('Reshape', [
    op('ScatterElements', [shadedFlat, rows, colourAt], { axis: 1 }),
    op('Shape', [shaded])
  ])
  // The head shows under the occluder only where the occluder is not (1 - occluder alpha; exactly 1 without).
  const alpha = mul(mul(layerAlpha, personAlpha), sub(one, occluderAlpha))
  const rgb = add(plateOut, mul(alpha, sub(colour, plateOut)))
  const outAlpha = add(alpha, occluderAlpha)
  // 8-bit interleaved RGBA, ready to encode or pipe to ffmpeg: x * 255, then QuantizeLinear with scale 1 (rounded
  // half to even and saturated to 0..255 in one pass, as Clip, Round and Cast did in three), the channels joined
  // as bytes. (A scale of 1 / 255 in QuantizeLinear saves the Mul too, but 1 / 255 is not a float32: the values
  // half-way between two levels, common after 2x2 averages, came out a level apart.)
  const scale = g.constant('float32', [], [1], 'rgba_scale')
  const zeroPoint = g.constant('uint8', [], [0], 'rgba_zero_point')
  const to8 = (v: Value): Value => op('QuantizeLinear', [mul(v, f(255)), scale, zeroPoint])
  const rgba8 = op('Concat', [to8(rgb), to8(outAlpha)], { axis: 1 })
  return op('Transpose', [rgba8], { perm: [0, 2, 3, 1] })
}

/**
 * The layer's coverage per output pixel: its cells' coverage times its outline at sub-cell precision
 * (edgeCoverage), anti-aliased over one output px. [1, 1, outH, outW]; the person's own alpha comes on top.
 */
export function layerCoverage(
  g: GraphBuilder,
  inputs: { upCov: Value; upEdge: Value; cell: Value; zoom: Value; sigma: Value; zero: Value; one: Value }
): Value {
  const { f, op, add, mul, div } = graphOps(g)
  const { upCov, upEdge, cell, zoom, sigma, zero, one } = inputs
  const outPxPerCell = mul(cell, div(zoom, sigma))
  const edge = op('Clip', [add(f(0.5), mul(upEdge, outPxPerCell)), zero, one])
  return mul(op('Clip', [upCov, zero, one]), edge)
}
