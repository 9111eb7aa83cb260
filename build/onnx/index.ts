export {
  GraphBuilder,
  float,
  floats,
  tensorAttr,
  encodeRaw,
  FloatAttr,
  FloatsAttr,
  TensorAttr,
  type AttrValue,
  type Attrs,
  type DType,
  type Dim,
  type GraphBuilderOptions,
  type OpOptions,
  type Shape,
  type TensorData,
  type Value
} from './graph-builder'
export { ONNX_PROTO_SUBSET, OnnxDataType, onnxRoot, modelProtoType } from './onnx-proto'
