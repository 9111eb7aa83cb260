/**
 * Decoding MediaPipe's `geometry_pipeline_metadata_landmarks.binarypb` (mediapipe/modules/face_geometry/
 * protos/geometry_pipeline_metadata.proto + mesh_3d.proto) with protobufjs, from the subset below.
 */
import * as protobuf from 'protobufjs'

export const GEOMETRY_PROTO_SUBSET = `
syntax = "proto2";
package mediapipe.face_geometry;

message Mesh3d {
  enum VertexType { VERTEX_PT = 0; }
  enum PrimitiveType { TRIANGLE = 0; }
  optional VertexType vertex_type = 1;
  optional PrimitiveType primitive_type = 2;
  repeated float vertex_buffer = 3;
  repeated uint32 index_buffer = 4;
}

message WeightedLandmarkRef {
  optional uint32 landmark_id = 1;
  optional float weight = 2;
}

enum InputSource {
  DEFAULT = 0;
  FACE_LANDMARK_PIPELINE = 1;
  FACE_DETECTION_PIPELINE = 2;
}

message GeometryPipelineMetadata {
  optional InputSource input_source = 3;
  optional Mesh3d canonical_mesh = 1;
  repeated WeightedLandmarkRef procrustes_landmark_basis = 2;
}
`

export interface CanonicalFaceMesh {
  /** x, y, z per vertex (468 * 3), in centimetre-like canonical face space. */
  vertices: number[]
  /** u, v per vertex (468 * 2). */
  uvs: number[]
  /** Vertex indices, 3 per triangle (898 * 3). */
  triangles: number[]
  /** Landmarks and weights used by MediaPipe's weighted Procrustes fit. */
  procrustesWeights: { index: number; weight: number }[]
}

interface DecodedMetadata {
  canonical_mesh?: {
    vertex_type?: number
    primitive_type?: number
    vertex_buffer?: number[]
    index_buffer?: number[]
  }
  procrustes_landmark_basis?: { landmark_id?: number; weight?: number }[]
}

/** The shortest decimal that reads back as the same float32 (exact and readable JSON). */
export function f32(x: number): number {
  const v = Math.fround(x)
  for (let p = 1; p < 9; p++) {
    const d = Number(v.toPrecision(p))
    if (Math.fround(d) === v) return d
  }
  return Number(v.toPrecision(9))
}

export function decodeCanonicalFaceMesh(bytes: Uint8Array): CanonicalFaceMesh {
  const root = protobuf.parse(GEOMETRY_PROTO_SUBSET, { keepCase: true }).root
  const T = root.lookupType('mediapipe.face_geometry.GeometryPipelineMetadata')
  const msg = T.toObject(T.decode(bytes), { defaults: false, enums: Number }) as DecodedMetadata
  const mesh = msg.canonical_mesh
  if (!mesh?.vertex_buffer || !mesh.index_buffer) throw new Error('geometry metadata has no canonical mesh')
  if ((mesh.vertex_type ?? 0) !== 0) throw new Error(`Unsupported vertex type ${mesh.vertex_type}`)
  if ((mesh.primitive_type ?? 0) !== 0) throw new Error(`Unsupported primitive type ${mesh.primitive_type}`)
  const vb = mesh.vertex_buffer
  if (vb.length % 5 !== 0) throw new Error('Vertex buffer is not x,y,z,u,v')
  const n = vb.length / 5
  const vertices: number[] = []
  const uvs: number[] = []
  for (let i = 0; i < n; i++) {
    vertices.push(f32(vb[5 * i] as number), f32(vb[5 * i + 1] as number), f32(vb[5 * i + 2] as number))
    uvs.push(f32(vb[5 * i + 3] as number), f32(vb[5 * i + 4] as number))
  }
  const triangles = [...mesh.index_buffer]
  if (triangles.length % 3 !== 0 || triangles.some((t) => t >= n)) throw new Error('Bad index buffer')
  const procrustesWeights = (msg.procrustes_landmark_basis ?? []).map((w) => ({
    index: w.landmark_id ?? 0,
    weight: f32(w.weight ?? 0)
  }))
  return { vertices, uvs, triangles, procrustesWeights }
}
