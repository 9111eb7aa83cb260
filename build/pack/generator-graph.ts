import { GraphBuilder, type Value } from '../onnx'
import { type StageSpec } from '../../src/shared/engine/pack-manifest'

/** Generator feature channels for K directions: neutral x, y, z; K fields (dx, dy, dz); K shading fields. */
export const generatorFeatureChannels = (directionCount: number): number => 3 + 4 * directionCount

/**
 * The per-frame expression generator, with EAdaLN-style conditioning and constructed (not trained) weights.
 *
 * Input `features` [1, C, N], C = 3 + 4K: per avatar point, the neutral position (x, y, z; image px), then K
 * displacement fields (dx, dy, dz at slider +1, image px), then K shading fields (the relative change of the
 * point's colour at slider +1: -0.2 darkens by 20 %). Input `code` [1, K].
 *
 *   z     = [code, onset(code)]                       [1, 2K]: the conditioning, onset(c) = relu(c) min(relu(c), 1)
 *   h     = features / rms(features)                  per-channel RMS normalisation over the points
 *   gamma = z . Wg + bg,  beta = z . Wb + bb          [1, C]: per-feature scale and shift from the code
 *   m     = h * (1 + gamma) + beta                     modulation (EAdaLN)
 *   y     = m * rms(features)                          back to the avatar's feature scale
 *   points = Wp . y                                    [1, 3, N]: 1x1 projection to positions
 *   shade  = Ws . y                                    [1, 1, N]: 1x1 projection to the colour change
 *
 * The constructed weights make (1 + gamma) = code_k on direction k's displacement channels, onset(code_k) on its
 * shading channel and 1 on the neutral position, beta = 0, and Wp, Ws sum, so points = neutral + sum_k code_k B_k
 * and shade = sum_k onset(code_k) S_k exactly: zero code changes neither shape nor colour. Shading is one-sided
 * because lines and folds form when a muscle contracts; the opposite of a smile or a raised brow adds none. It
 * sets in quadratically up to +1 (a quarter of its +1 depth at 0.5), then grows linearly: skin creases when its
 * compression passes a threshold, so a mild brow knit or a slight smile barely lines the face. Linear, the furrow
 * lines a driven smile's slight brow knit solves to (browFurrow about 0.5 in the smiling frames of lp_d13 and
 * lp_d9) drew a worried face; at +1 the look is what it was.
 * A trained pack keeps the same interface with learned Wg, bg, Wb, bb, Wp, Ws (or deeper layers).
 */
export function buildGeneratorGraph(directionCount: number): {
  bytes: Uint8Array
  spec: Omit<StageSpec, 'file'>
} {
  const k = directionCount
  const c = generatorFeatureChannels(k)
  const shadeChannel = (d: number): number => 3 + 3 * k + d
  const g = new GraphBuilder('mimesis_expression_generator', {
    opset: 18,
    producerName: 'mimesis-build-pack'
  })
  const features = g.input('features', 'float32', [1, c, 'N'])
  const code = g.input('code', 'float32', [1, k])

  // Rows 0..K-1 of Wg read the code, rows K..2K-1 its positive part.
  const wGamma = new Float32Array(2 * k * c)
  const bGamma = new Float32Array(c)
  for (let d = 0; d < k; d++) {
    for (let a = 0; a < 3; a++) {
      wGamma[d * c + 3 + 3 * d + a] = 1
      bGamma[3 + 3 * d + a] = -1
    }
    wGamma[(k + d) * c + shadeChannel(d)] = 1
    bGamma[shadeChannel(d)] = -1
  }
  const wPoints = new Float32Array(3 * c)
  for (let a = 0; a < 3; a++) {
    wPoints[a * c + a] = 1
    for (let d = 0; d < k; d++) wPoints[a * c + 3 + 3 * d + a] = 1
  }
  const wShade = new Float32Array(c)
  for (let d = 0; d < k; d++) wShade[shadeChannel(d)] = 1

  const one = g.constant('float32', [], [1], 'one')
  const positive = g.op('Relu', [code])
  const onset = g.op('Mul', [positive, g.op('Min', [positive, one])])
  const z = g.op('Concat', [code, onset], { axis: 1 })
  const sq = g.op('Mul', [features, features])
  const meanSq = g.op('ReduceMean', [sq, g.int64s([2])], { keepdims: 1 })
  const rms = g.op('Sqrt', [g.op('Add', [meanSq, g.constant('float32', [], [1e-12], 'eps')])])
  const h = g.op('Div', [features, rms])
  const gamma = g.op('Gemm', [
    z,
    g.initializer('eadaln_gamma_weight', 'float32', [2 * k, c], wGamma),
    g.initializer('eadaln_gamma_bias', 'float32', [c], bGamma)
  ])
  const beta = g.op('Gemm', [
    z,
    g.initializer('eadaln_beta_weight', 'float32', [2 * k, c], new Float32Array(2 * k * c)),
    g.initializer('eadaln_beta_bias', 'float32', [c], new Float32Array(c))
  ])
  const unsq = (v: Value): Value => g.op('Unsqueeze', [v, g.int64s([2])])
  const m = g.op('Add', [g.op('Mul', [h, unsq(g.op('Add', [gamma, one]))]), unsq(beta)])
  const y = g.op('Mul', [m, rms])
  const points = g.op('MatMul', [g.initializer('projection_weight', 'float32', [3, c], wPoints), y])
  const shade = g.op('MatMul', [g.initializer('shade_projection_weight', 'float32', [1, c], wShade), y])
  g.output(points, 'points', 'float32', [1, 3, 'N'])
  g.output(shade, 'shade', 'float32', [1, 1, 'N'])

  return {
    bytes: g.toBytes(),
    spec: {
      inputs: [
        { name: 'features', dtype: 'float32', shape: [1, c, 'N'] },
        { name: 'code', dtype: 'float32', shape: [1, k] }
      ],
      outputs: [
        { name: 'points', dtype: 'float32', shape: [1, 3, 'N'] },
        { name: 'shade', dtype: 'float32', shape: [1, 1, 'N'] }
      ]
    }
  }
}
