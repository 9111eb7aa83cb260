/** Building small in-memory TFLite models (the decoded `TfliteModel` form) for per-operator tests. */
import {
  type TfliteModel,
  type TfliteOperator,
  type TfliteOptions,
  type TfliteTensor
} from '../../../build/tflite'

export class SyntheticModel {
  readonly tensors: TfliteTensor[] = []
  readonly operators: TfliteOperator[] = []
  readonly inputs: number[] = []
  readonly outputs: number[] = []
  private seed = 1

  /** Deterministic pseudo-random values in [-1, 1). */
  random(n: number): Float32Array {
    const out = new Float32Array(n)
    for (let i = 0; i < n; i++) {
      this.seed = (this.seed * 1103515245 + 12345) % 2147483648
      out[i] = (this.seed / 2147483648) * 2 - 1
    }
    return out
  }

  input(name: string, shape: number[]): number {
    const i = this.act(name, shape)
    this.inputs.push(i)
    return i
  }

  act(name: string, shape: number[]): number {
    this.tensors.push({ index: this.tensors.length, name, shape, type: 'FLOAT32', data: null })
    return this.tensors.length - 1
  }

  constF32(name: string, shape: number[], values?: ArrayLike<number>): number {
    const n = shape.reduce((a, b) => a * b, 1)
    const v = values ?? this.random(n)
    const bytes = new Uint8Array(n * 4)
    const dv = new DataView(bytes.buffer)
    for (let i = 0; i < n; i++) dv.setFloat32(4 * i, v[i] as number, true)
    this.tensors.push({ index: this.tensors.length, name, shape, type: 'FLOAT32', data: bytes })
    return this.tensors.length - 1
  }

  /** A FLOAT16 constant behind a DEQUANTIZE op (as in the MediaPipe models); returns the float32 tensor. */
  constF16(name: string, shape: number[]): number {
    const n = shape.reduce((a, b) => a * b, 1)
    const bytes = new Uint8Array(n * 2)
    const dv = new DataView(bytes.buffer)
    const r = this.random(n)
    // Half-precision values with exponent in [-4, 0]: sign | exp | mantissa.
    for (let i = 0; i < n; i++) {
      const x = r[i] as number
      const bits =
        (x < 0 ? 0x8000 : 0) | ((11 + Math.floor(Math.abs(x) * 4.99)) << 10) | Math.floor(Math.abs(x) * 1023)
      dv.setUint16(2 * i, bits, true)
    }
    this.tensors.push({
      index: this.tensors.length,
      name: `${name}_f16`,
      shape,
      type: 'FLOAT16',
      data: bytes
    })
    const src = this.tensors.length - 1
    const out = this.act(name, shape)
    this.op('DEQUANTIZE', [src], [out])
    return out
  }

  constI32(name: string, shape: number[], values: number[]): number {
    const bytes = new Uint8Array(values.length * 4)
    const dv = new DataView(bytes.buffer)
    values.forEach((v, i) => dv.setInt32(4 * i, v, true))
    this.tensors.push({ index: this.tensors.length, name, shape, type: 'INT32', data: bytes })
    return this.tensors.length - 1
  }

  op(
    opName: TfliteOperator['opName'],
    inputs: number[],
    outputs: number[],
    options: TfliteOptions = { kind: 'none' },
    custom?: { code: string; options: Uint8Array | null; version?: number }
  ): void {
    this.operators.push({
      opName,
      customCode: custom?.code ?? null,
      version: custom?.version ?? 1,
      inputs,
      outputs,
      options,
      customOptions: custom?.options ?? null
    })
  }

  output(i: number): void {
    this.outputs.push(i)
  }

  model(): TfliteModel {
    return {
      version: 3,
      description: 'synthetic',
      subgraphs: [
        {
          name: 'main',
          tensors: this.tensors,
          inputs: this.inputs,
          outputs: this.outputs,
          operators: this.operators
        }
      ]
    }
  }
}
