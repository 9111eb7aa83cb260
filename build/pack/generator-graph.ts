import { GraphBuilder, type Value } from '../onnx'
import { type StageSpec } from '../../src/shared/engine/pack-manifest'

/**
 * The per-frame expression generator, with EAdaLN-style conditioning and constructed (not trained) weights.
 *
 * Input `features` [1, C, N]: per avatar point, C = 3 + 3K channels: the neutral position (x, y, z; image px)
 * followed by K displacement fields (dx, dy, dz at slider +1, image px). Input `code` [1, K].
 *
 *   h     = features / rms(features)                  per-channel RMS normalisation over the points
 *   gamma = code . Wg + bg,  beta = code . Wb + bb     [1, C]: per-feature scale and shift from the code
 *   m     = h * (1 + gamma) + beta                     modulation (EAdaLN)
 *   y     = m * rms(features)                          back to the avatar's feature scale
 *   points = Wout . y                                  [1, 3, N]: 1x1 projection to positions
 *
 * The constructed weights make (1 + gamma) = code_k on the channels of direction k and 1 on the neutral
 * position, beta = 0, and Wout sums neutral + every displacement, so points = neutral + sum_k code_k B_k
 * exactly. A trained pack keeps the same interface with learned Wg, bg, Wb, bb, Wout (or deeper layers).
 */
export function buildGeneratorGraph(directionCount: number): {
  bytes: Uint8Array
  spec: Omit<StageSpec, 'file'>
} {
  const k = directionCount
  const c = 3 + 3 * k
  const g = new GraphBuilder('mimesis_expression_generator', {
    opset: 18,
    producerName: 'mimesis-build-pack'
  })
  const features = g.input('features', 'float32', [1, c, 'N'])
  const code = g.input('code', 'float32', [1, k])

  const wGamma = new Float32Array(k * c)
  const bGamma = new Float32Array(c)
  for (let d = 0; d < k; d++) {
    for (let a = 0; a < 3; a++) {
      wGamma[d * c + 3 + 3 * d + a] = 1
      bGamma[3 + 3 * d + a] = -1
    }
  }
  const wOut = new Float32Array(3 * c)
  for (let a = 0; a < 3; a++) {
    wOut[a * c + a] = 1
    for (let d = 0; d < k; d++) wOut[a * c + 3 + 3 * d + a] = 1
  }

  const sq = g.op('Mul', [features, features])
  const meanSq = g.op('ReduceMean', [sq, g.int64s([2])], { keepdims: 1 })
  const rms = g.op('Sqrt', [g.op('Add', [meanSq, g.constant('float32', [], [1e-12], 'eps')])])
  const h = g.op('Div', [features, rms])
  const gamma = g.op('Gemm', [
    code,
    g.initializer('eadaln_gamma_weight', 'float32', [k, c], wGamma),
    g.initializer('eadaln_gamma_bias', 'float32', [c], bGamma)
  ])
  const beta = g.op('Gemm', [
    code,
    g.initializer('eadaln_beta_weight', 'float32', [k, c], new Float32Array(k * c)),
    g.initializer('eadaln_beta_bias', 'float32', [c], new Float32Array(c))
  ])
  const unsq = (v: Value): Value => g.op('Unsqueeze', [v, g.int64s([2])])
  const one = g.constant('float32', [], [1], 'one')
  const m = g.op('Add', [g.op('Mul', [h, unsq(g.op('Add', [gamma, one]))]), unsq(beta)])
  const y = g.op('Mul', [m, rms])
  const points = g.op('MatMul', [g.initializer('projection_weight', 'float32', [3, c], wOut), y])
  g.output(points, 'points', 'float32', [1, 3, 'N'])

  return {
    bytes: g.toBytes(),
    spec: {
      inputs: [
        { name: 'features', dtype: 'float32', shape: [1, c, 'N'] },
        { name: 'code', dtype: 'float32', shape: [1, k] }
      ],
      outputs: [{ name: 'points', dtype: 'float32', shape: [1, 3, 'N'] }]
    }
  }
}
