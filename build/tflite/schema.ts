/**
 * Enumerations of the TensorFlow Lite flatbuffer schema (tensorflow/lite/schema/schema.fbs), restricted to
 * the values this project needs. Numeric values are the schema's; they are part of the file format.
 */

/** `enum TensorType : byte` */
export const TensorType = {
  FLOAT32: 0,
  FLOAT16: 1,
  INT32: 2,
  UINT8: 3,
  INT64: 4,
  STRING: 5,
  BOOL: 6,
  INT16: 7,
  COMPLEX64: 8,
  INT8: 9,
  FLOAT64: 10
} as const
export type TensorTypeName = keyof typeof TensorType

/** `enum BuiltinOperator : int32` (subset). */
export const BuiltinOperator = {
  ADD: 0,
  AVERAGE_POOL_2D: 1,
  CONCATENATION: 2,
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  DEQUANTIZE: 6,
  FULLY_CONNECTED: 9,
  LOGISTIC: 14,
  MAX_POOL_2D: 17,
  MUL: 18,
  RELU: 19,
  RELU6: 21,
  RESHAPE: 22,
  RESIZE_BILINEAR: 23,
  SOFTMAX: 25,
  TANH: 28,
  CUSTOM: 32,
  PAD: 34,
  TRANSPOSE: 39,
  MEAN: 40,
  SUB: 41,
  STRIDED_SLICE: 45,
  DIV: 42,
  PRELU: 54,
  HARD_SWISH: 117
} as const
export type BuiltinOperatorName = keyof typeof BuiltinOperator

/** `union BuiltinOptions` type tags (subset). */
export const BuiltinOptionsType = {
  NONE: 0,
  Conv2DOptions: 1,
  DepthwiseConv2DOptions: 2,
  Pool2DOptions: 5,
  FullyConnectedOptions: 8,
  SoftmaxOptions: 9,
  ConcatenationOptions: 10,
  AddOptions: 11,
  ResizeBilinearOptions: 15,
  ReshapeOptions: 17,
  MulOptions: 21,
  PadOptions: 22,
  ReducerOptions: 27
} as const

/** `enum Padding : byte` */
export const Padding = { SAME: 0, VALID: 1 } as const
export type PaddingName = keyof typeof Padding

/** `enum ActivationFunctionType : byte` */
export const ActivationFunctionType = {
  NONE: 0,
  RELU: 1,
  RELU_N1_TO_1: 2,
  RELU6: 3,
  TANH: 4,
  SIGN_BIT: 5
} as const
export type ActivationName = keyof typeof ActivationFunctionType

/** Reverse lookup of an enum object: value -> name, or undefined. */
export function enumName<T extends Record<string, number>>(e: T, value: number): keyof T | undefined {
  for (const k of Object.keys(e) as (keyof T)[]) if (e[k] === value) return k
  return undefined
}
