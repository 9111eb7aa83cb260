import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/**
 * Composite: colour = mix(source RGB x (1 + shading), back-layer RGB, back weight); alpha = coverage * edge *
 * person alpha (edge: the layer's outline from edgeCoverage, a one-output-px ramp about its zero line);
 * rgb = plate + alpha (colour - plate). Returns the frame as 8-bit interleaved RGBA [1, outH, outW, 4].
 */
export function composite(
  g: GraphBuilder,
  inputs: {
    srcRgb: Value
    personAlpha: Value
    backRgb: Value
    upBackMix: Value
    eyeRgb: Value
    upEyeWeight: Value
    upCut: Value
    upShade: Value
    upCov: Value
    upEdge: Value
    plateOut: Value
    cell: Value
    zoom: Value
    sigma: Value
    zero: Value
    one: Value
  }
): Value {
  const { f, op, add, sub, mul, div } = graphOps(g)
  const {
    srcRgb,
    personAlpha,
    backRgb,
    upBackMix,
    eyeRgb,
    upEyeWeight,
    upCut,
    upShade,
    upCov,
    upEdge,
    plateOut,
    cell,
    zoom,
    sigma,
    zero,
    one
  } = inputs
  // Where the back layer shows (back-layer cells, and past a lip's cut with a one-output-pixel ramp at the
  // edge), it shows what the back layer has at the read position: the source inside the visible opening (so
  // nothing changes at zero code), the painted cavity elsewhere.
  const cutRamp = div(zoom, sigma) // output px per source px
  const cut = op('Clip', [sub(f(0.5), mul(upCut, cutRamp)), zero, one])
  // The eyeball (eye weight 1) shows its full-resolution read whole: the photo inside the opening is in it.
  const eyeWeight = op('Clip', [upEyeWeight, zero, one])
  const back = mul(cut, add(upBackMix, mul(eyeWeight, sub(one, upBackMix))))
  const backColour = add(backRgb, mul(eyeWeight, sub(eyeRgb, backRgb)))
  // Expression shading (folds, lines, lifted cheeks) modulates the person's own colour, so it keeps their skin
  // tone and texture; it is exactly 0 at zero code.
  // Stacked directions cannot take the colour past 0.3x or 1.6x.
  const shaded = mul(srcRgb, op('Clip', [add(one, upShade), f(0.3), f(1.6)]))
  const colour = add(shaded, mul(back, sub(backColour, shaded)))
  // The layer's outline at sub-cell precision (edgeCoverage), anti-aliased over one output px.
  const edge = op('Clip', [add(f(0.5), mul(upEdge, mul(cell, cutRamp))), zero, one])
  const alpha = mul(mul(op('Clip', [upCov, zero, one]), edge), personAlpha)
  const rgb = add(plateOut, mul(alpha, sub(colour, plateOut)))
  // 8-bit interleaved RGBA, ready to encode or pipe to ffmpeg.
  const rgba8 = op(
    'Cast',
    [op('Round', [op('Clip', [mul(op('Concat', [rgb, alpha], { axis: 1 }), f(255)), zero, f(255)])])],
    {
      to: 2
    }
  )
  return op('Transpose', [rgba8], { perm: [0, 2, 3, 1] })
}
