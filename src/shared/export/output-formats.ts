// Everything an export can write: the video formats, the PNG image sequence (a folder of frames), the rig curves
// (ARKit blendshape weights as CSV or JSON) and the animated 3D face (binary glTF, or a folder of OBJ frames). The
// studio's format picker and the CLI's --format list these; the video formats' encoding lives in the core's
// export-format.ts, the sequence's in export-image-sequence.ts, the curves' in export-rig-curves.ts, the face's in
// export-face-glb.ts and export-face-obj-sequence.ts.
import { z } from 'zod'
import {
  VIDEO_FORMAT_IDS,
  VIDEO_FORMATS,
  videoFormatOfName,
  type VideoFormat,
  type VideoFormatInfo
} from './video-formats'

/** A folder of numbered PNG frames (RGBA, 8 or 16 bit), with an optional 16-bit depth pass beside them. */
export const IMAGE_SEQUENCE_FORMAT = 'png-seq'
export type ImageSequenceFormat = typeof IMAGE_SEQUENCE_FORMAT

/** The face's motion as rig parameters: ARKit's 52 blendshape weights, head and camera, one row a frame. */
export const RIG_CURVE_FORMATS = ['arkit-csv', 'arkit-json'] as const
export type RigCurveFormat = (typeof RIG_CURVE_FORMATS)[number]

/**
 * The animated 3D face (LM-4DGAN's output): the portrait's face mesh with the photo as texture, one morph target per
 * expression direction and an animation of the morph weights and the head's rotation, as one binary glTF 2.0 file.
 */
export const FACE_MESH_FORMAT = 'glb'

/**
 * The same face as an OBJ sequence, for tools without morph targets: a folder of one Wavefront OBJ a frame (the mesh
 * deformed and turned), a shared MTL and the PNG textures (`obj-sequence-names.ts`).
 */
export const OBJ_SEQUENCE_FORMAT = 'obj-seq'

export const FACE_MESH_FORMATS = [FACE_MESH_FORMAT, OBJ_SEQUENCE_FORMAT] as const
export type FaceMeshFormat = (typeof FACE_MESH_FORMATS)[number]

export const OUTPUT_FORMAT_IDS = [
  ...VIDEO_FORMAT_IDS,
  IMAGE_SEQUENCE_FORMAT,
  ...RIG_CURVE_FORMATS,
  ...FACE_MESH_FORMATS
] as const
export const outputFormatSchema = z.enum(OUTPUT_FORMAT_IDS)
export type OutputFormat = VideoFormat | ImageSequenceFormat | RigCurveFormat | FaceMeshFormat

export interface OutputFormatInfo extends VideoFormatInfo {
  /** The output is a folder (named without an extension), not a file. */
  readonly folder: boolean
  /** The output is curves, not pictures: no size, background or sound applies. */
  readonly curves?: boolean
  /** The output is a 3D face (mesh, texture, animation), not pictures: no size, background or sound applies. */
  readonly mesh?: boolean
}

export const OUTPUT_FORMATS: Readonly<Record<OutputFormat, OutputFormatInfo>> = {
  'mp4-h264': { ...VIDEO_FORMATS['mp4-h264'], folder: false },
  'mov-prores4444': { ...VIDEO_FORMATS['mov-prores4444'], folder: false },
  'webm-vp9': { ...VIDEO_FORMATS['webm-vp9'], folder: false },
  gif: { ...VIDEO_FORMATS.gif, folder: false },
  'png-seq': {
    label: 'PNG sequence',
    extension: '',
    fileKind: 'Folder of PNG frames',
    keepsAlpha: true,
    hasSound: false,
    folder: true
  },
  'arkit-csv': {
    label: 'Rig curves · ARKit CSV',
    extension: '.csv',
    fileKind: 'ARKit blendshape curves (Live Link Face CSV)',
    keepsAlpha: false,
    hasSound: false,
    folder: false,
    curves: true
  },
  'arkit-json': {
    label: 'Rig curves · JSON',
    extension: '.json',
    fileKind: 'ARKit blendshape and camera curves (JSON)',
    keepsAlpha: false,
    hasSound: false,
    folder: false,
    curves: true
  },
  glb: {
    label: '3D face · glTF (.glb)',
    extension: '.glb',
    fileKind: 'Animated 3D face (binary glTF)',
    keepsAlpha: false,
    hasSound: false,
    folder: false,
    mesh: true
  },
  'obj-seq': {
    label: '3D face · OBJ sequence',
    extension: '',
    fileKind: 'Folder of OBJ meshes, one a frame',
    keepsAlpha: false,
    hasSound: false,
    folder: true,
    mesh: true
  }
}

export function isRigCurves(format: OutputFormat): format is RigCurveFormat {
  return (RIG_CURVE_FORMATS as readonly string[]).includes(format)
}

export function isFaceMesh(format: OutputFormat): format is FaceMeshFormat {
  return (FACE_MESH_FORMATS as readonly string[]).includes(format)
}

export function isObjSequence(format: OutputFormat): format is typeof OBJ_SEQUENCE_FORMAT {
  return format === OBJ_SEQUENCE_FORMAT
}

/**
 * Rig curves and the 3D face's file: motion as numbers, written without rendering a frame (no size, background or
 * sound), each named by its extension (the OBJ sequence is a folder, asked for by name).
 */
const MOTION_DATA_FORMATS: readonly (RigCurveFormat | typeof FACE_MESH_FORMAT)[] = [
  ...RIG_CURVE_FORMATS,
  FACE_MESH_FORMAT
]

export function isImageSequence(format: OutputFormat): format is ImageSequenceFormat {
  return format === IMAGE_SEQUENCE_FORMAT
}

/**
 * The format a file name's extension asks for (a video, rig curves or the 3D face); a name without one is a sequence's
 * folder.
 */
export function outputFormatOfName(name: string): OutputFormat | undefined {
  const video = videoFormatOfName(name)
  if (video) return video
  const data = MOTION_DATA_FORMATS.find((id) => name.toLowerCase().endsWith(OUTPUT_FORMATS[id].extension))
  if (data) return data
  return /\.[a-z0-9]{1,5}$/i.test(name) ? undefined : IMAGE_SEQUENCE_FORMAT
}

/** Sample depth of a sequence's colour frames; the depth pass is always 16-bit. */
export const PNG_BIT_DEPTHS = [8, 16] as const
export type PngBitDepth = (typeof PNG_BIT_DEPTHS)[number]
export const pngBitDepthSchema = z.union([z.literal(8), z.literal(16)])
