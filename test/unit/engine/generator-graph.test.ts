import { InferenceSession, Tensor } from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { buildGeneratorGraph } from '../../../build/pack/generator-graph'
import { pushPullFill } from '../../../src/main/core/engine/avatar/push-pull-fill'

describe('expression generator graph (EAdaLN with constructed weights)', () => {
  it("reduces to neutral + basis x code, and shading to the sum of the codes' onsets x shading fields", async () => {
    const k = 4
    const n = 50
    const c = 3 + 4 * k
    const { bytes, spec } = buildGeneratorGraph(k)
    expect(spec.inputs.map((t) => t.name)).toEqual(['features', 'code'])
    expect(spec.outputs.map((t) => t.name)).toEqual(['points', 'shade'])
    const session = await InferenceSession.create(bytes)
    const features = Float32Array.from({ length: c * n }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 7)))
    const code = Float32Array.from([0.5, -1, 1.5, 0.25])
    const out = await session.run({
      features: new Tensor('float32', features, [1, c, n]),
      code: new Tensor('float32', code, [1, k])
    })
    const points = out.points!.data as Float32Array
    for (let a = 0; a < 3; a++) {
      for (let p = 0; p < n; p++) {
        let expected = features[a * n + p]!
        for (let d = 0; d < k; d++) expected += code[d]! * features[(3 + 3 * d + a) * n + p]!
        expect(points[a * n + p]!).toBeCloseTo(expected, 4)
      }
    }
    const shade = out.shade!.data as Float32Array
    expect(shade).toHaveLength(n)
    for (let p = 0; p < n; p++) {
      let expected = 0
      // onset: a quarter of the field at 0.5, none at -1, 1.5 times it at 1.5, 1/16 at 0.25
      const onset = [0.25, 0, 1.5, 0.0625]
      for (let d = 0; d < k; d++) expected += onset[d]! * features[(3 + 3 * k + d) * n + p]!
      expect(shade[p]!).toBeCloseTo(expected, 4)
    }
    const zero = await session.run({
      features: new Tensor('float32', features, [1, c, n]),
      code: new Tensor('float32', new Float32Array(k), [1, k])
    })
    expect((zero.shade!.data as Float32Array).every((v) => v === 0)).toBe(true)
    await session.release()
  })
})

describe('helpers', () => {
  it('push-pull keeps known samples and fills holes within their range', () => {
    const w = 9
    const h = 7
    const data = new Float32Array(w * h)
    const known = new Float32Array(w * h)
    for (let i = 0; i < w * h; i++) {
      if (i % w < 3) {
        data[i] = 1
        known[i] = 1
      } else if (i % w > 6) {
        data[i] = 3
        known[i] = 1
      }
    }
    pushPullFill(data, known, w, h, 1)
    for (let i = 0; i < w * h; i++) {
      if (known[i]) expect(data[i]).toBe(i % w < 3 ? 1 : 3)
      else {
        expect(data[i]).toBeGreaterThanOrEqual(1)
        expect(data[i]).toBeLessThanOrEqual(3)
      }
    }
  })
})
