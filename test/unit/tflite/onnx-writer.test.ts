import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { float, floats, GraphBuilder, modelProtoType, tensorAttr } from '../../../build/onnx'

async function run(
  bytes: Uint8Array,
  feeds: Record<string, ort.Tensor>
): Promise<ort.InferenceSession.OnnxValueMapType> {
  const s = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 })
  return s.run(feeds)
}

describe('ONNX GraphBuilder', () => {
  it('builds a Conv + bias + HardSigmoid graph that onnxruntime runs with the expected numbers', async () => {
    const g = new GraphBuilder('conv_test')
    const x = g.input('x', 'float32', [1, 1, 3, 3])
    const w = g.initializer('w', 'float32', [2, 1, 2, 2], [1, 0, 0, 1, 0.5, 0.5, 0.5, 0.5])
    const b = g.initializer('b', 'float32', [2], [0, 1])
    const y = g.op('Conv', [x, w, b], { kernel_shape: [2, 2], strides: [1, 1], pads: [0, 0, 0, 0] })
    const z = g.op('HardSigmoid', [y], { alpha: float(0.25), beta: 0.5 })
    g.output(z, 'z', 'float32', [1, 2, 2, 2])
    g.output(y, 'y', 'float32', [1, 2, 2, 2])
    const bytes = g.toBytes()
    const out = await run(bytes, {
      x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), [1, 1, 3, 3])
    })
    // Channel 0: x[i][j] + x[i+1][j+1]; channel 1: mean-ish 0.5 * sum + 1.
    expect(Array.from(out.y?.data as Float32Array)).toEqual([6, 8, 12, 14, 7, 9, 13, 15])
    const hs = (v: number): number => Math.max(0, Math.min(1, 0.25 * v + 0.5))
    expect(Array.from(out.z?.data as Float32Array)).toEqual([6, 8, 12, 14, 7, 9, 13, 15].map(hs))
  })

  it('handles symbolic dims, int64 constants, multi-output ops and tensor attributes', async () => {
    const g = new GraphBuilder('misc', { opset: 17 })
    const x = g.input('x', 'float32', ['N', 4])
    const k = g.int64s([2])
    const [values, indices] = g.opMulti('TopK', [x, k], 2, { axis: 1 })
    const shape = g.op('Shape', [x])
    const filled = g.op('ConstantOfShape', [shape], { value: tensorAttr('float32', [1], [2.5]) })
    const scaled = g.op('Mul', [x, filled])
    const clipped = g.op('Clip', [scaled, g.constant('float32', [], [0]), g.constant('float32', [], [5])])
    g.output(values, 'values', 'float32', ['N', 2])
    g.output(indices, 'indices', 'int64', ['N', 2])
    g.output(clipped, 'clipped', 'float32', ['N', 4])
    const out = await run(g.toBytes(), {
      x: new ort.Tensor('float32', Float32Array.from([1, 4, 2, 3, 0, -1, 9, 1]), [2, 4])
    })
    expect(Array.from(out.values?.data as Float32Array)).toEqual([4, 3, 9, 1])
    expect(Array.from(out.indices?.data as BigInt64Array)).toEqual([1n, 3n, 2n, 3n])
    expect(Array.from(out.clipped?.data as Float32Array)).toEqual([2.5, 5, 5, 5, 0, 0, 5, 2.5])
  })

  it('supports GRAPH attributes (If branches referring to outer values)', async () => {
    const g = new GraphBuilder('if_test')
    const x = g.input('x', 'float32', [2])
    const cond = g.input('cond', 'bool', [])
    const thenG = new GraphBuilder('then')
    thenG.output(thenG.op('Neg', [x]), 'then_out', 'float32', [2])
    const elseG = new GraphBuilder('else')
    elseG.output(elseG.op('Abs', [x]), 'else_out', 'float32', [2])
    g.output(g.op('If', [cond], { then_branch: thenG, else_branch: elseG }), 'y', 'float32', [2])
    const bytes = g.toBytes()
    const x0 = new ort.Tensor('float32', Float32Array.from([1, -2]), [2])
    const yes = await run(bytes, { x: x0, cond: new ort.Tensor('bool', Uint8Array.from([1]), []) })
    const no = await run(bytes, { x: x0, cond: new ort.Tensor('bool', Uint8Array.from([0]), []) })
    expect(Array.from(yes.y?.data as Float32Array)).toEqual([-1, 2])
    expect(Array.from(no.y?.data as Float32Array)).toEqual([1, 2])
  })

  it('encodes attribute types as documented', () => {
    const g = new GraphBuilder('attrs')
    const x = g.input('x', 'float32', [1])
    const y = g.op('Custom', [x], {
      i: 3,
      f: 0.5,
      ff: float(2),
      s: 'linear',
      ints: [1, 2],
      fl: [0.5, 1],
      ffs: floats([1, 2])
    })
    g.output(y, 'y', 'float32', [1])
    const T = modelProtoType()
    const decoded = T.toObject(T.decode(g.toBytes()), { longs: Number }) as {
      graph: { node: { attribute: { name: string; type: number }[] }[] }
    }
    const types = Object.fromEntries((decoded.graph.node[0]?.attribute ?? []).map((a) => [a.name, a.type]))
    expect(types).toEqual({ i: 2, f: 1, ff: 1, s: 3, ints: 7, fl: 6, ffs: 6 })
  })

  it('is deterministic and rejects duplicate names', () => {
    const make = (): Uint8Array => {
      const g = new GraphBuilder('det')
      const x = g.input('x', 'float32', [2])
      const c = g.constant('float32', [2], [1, 2])
      g.output(g.op('Add', [x, c]), 'y', 'float32', [2])
      return g.toBytes()
    }
    expect(Buffer.from(make()).equals(Buffer.from(make()))).toBe(true)
    const g = new GraphBuilder('dup')
    g.input('x', 'float32', [1])
    expect(() => g.initializer('x', 'float32', [1], [0])).toThrow(/Duplicate/)
    expect(() => g.initializer('w', 'float32', [2], [0])).toThrow(/elements/)
  })
})
