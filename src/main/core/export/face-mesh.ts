// The person's face as a mesh with morph targets, for the animated 3D face (.glb, `export-face-glb.ts`).
//
// Frame and units: the canonical face frame (x toward the subject's left, y up, z out of the face; the frame glTF
// calls +X left, +Y up, +Z forward), in metres. The neutral shape is the portrait's own face (its landmarks mapped
// into the canonical frame by the inverse of its pose: the avatar's zero code), and each morph target is the engine's
// expression field of one direction at +1 (cm at slider +1, scaled by this face's gain as the avatar builder scales
// it), so weight w shows what the renderer shows at code w: points = neutral + Σ code_k field_k.
import { type FaceAnalysis, type FaceBox } from '@shared/face/face-analysis'
import { type EyeballPatch } from '../engine/avatar/eyeball-texture'
import { type Polygon } from '../engine/avatar/face-openings'
import { type RgbImage } from '../image/decode-image'
import { faceEyes } from './face-eyes'
import { faceMouth } from './face-mouth'

/** Metres per canonical centimetre. */
const METRES_PER_CM = 0.01
/** The texture's margin around the landmarks' box, as a fraction of its larger side. */
const TEXTURE_MARGIN = 0.08

/** The expression space the mesh is built from (an engine's `basis`, its direction names and this face's gains). */
export interface FaceMeshBasis {
  readonly names: readonly string[]
  /** Per direction, 468 × 3 displacements at slider +1, canonical cm. */
  readonly fields: readonly ArrayLike<number>[]
  /** Per direction, the factor this face's avatar applies (`personalGains`: blinks close this person's lids). */
  readonly gains: readonly number[]
  /** Per direction, the eyeball's travel at +1 (cm along the eye's axis toward the subject's left, and up). */
  readonly eyeball?: readonly (readonly [number, number])[]
  /** The canonical mesh's triangles, counter-clockwise seen from the front (z+). */
  readonly triangles: ArrayLike<number>
}

export interface FaceMorphTarget {
  readonly name: string
  /** Position offsets at weight 1, one xyz a vertex, metres. */
  readonly position: Float32Array
  /** Normal offsets at weight 1 (the unit normals of the shape at weight 1 minus the neutral ones). */
  readonly normal: Float32Array
}

export interface FaceMesh {
  /** The 468 face-mesh vertices, then the eye sheets' (`face-eyes.ts`), then the mouth's (`face-mouth.ts`), × 3, m. */
  readonly position: Float32Array
  /** Unit vertex normals (area-weighted), one a vertex. */
  readonly normal: Float32Array
  /** Where each vertex lies in the texture (0..1, v down, as glTF's texture coordinates). */
  readonly texcoord: Float32Array
  /** The skin's triangles (the eye and mouth openings left out). */
  readonly indices: Uint16Array
  /** The eye sheets' triangles, drawn with the painted eyeballs (`eyePatches`) over the photo. */
  readonly eyeIndices: Uint16Array
  /** The mouth cavity's triangles (drawn dark) and the teeth strips' (`paintTeeth`), behind the inner lips. */
  readonly mouthIndices: Uint16Array
  readonly teethIndices: Uint16Array
  /** The mouth opening in the portrait, px (`paintTeeth`). */
  readonly mouthOpening: Polygon
  readonly eyePatches: readonly EyeballPatch[]
  readonly targets: readonly FaceMorphTarget[]
  /** The part of the portrait (px) the texture shows: the landmarks' box with a margin, inside the picture. */
  readonly textureBox: FaceBox
}

/** The landmarks' box widened by the texture margin, in whole px inside the picture. */
export function faceTextureBox(landmarks: ArrayLike<number>, width: number, height: number): FaceBox {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (let v = 0; v < 468; v++) {
    x0 = Math.min(x0, landmarks[3 * v]!)
    x1 = Math.max(x1, landmarks[3 * v]!)
    y0 = Math.min(y0, landmarks[3 * v + 1]!)
    y1 = Math.max(y1, landmarks[3 * v + 1]!)
  }
  const margin = TEXTURE_MARGIN * Math.max(x1 - x0, y1 - y0)
  const left = Math.max(0, Math.floor(x0 - margin))
  const top = Math.max(0, Math.floor(y0 - margin))
  const right = Math.min(width, Math.ceil(x1 + margin))
  const bottom = Math.min(height, Math.ceil(y1 + margin))
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) }
}

/** Area-weighted unit vertex normals of `position` (n × 3) over counter-clockwise `triangles`. */
export function vertexNormals(position: ArrayLike<number>, triangles: ArrayLike<number>): Float32Array {
  const normal = new Float32Array(position.length)
  const p = (v: number, a: number): number => position[3 * v + a]!
  for (let t = 0; t < triangles.length; t += 3) {
    const [a, b, c] = [triangles[t]!, triangles[t + 1]!, triangles[t + 2]!]
    const u = [p(b, 0) - p(a, 0), p(b, 1) - p(a, 1), p(b, 2) - p(a, 2)]
    const w = [p(c, 0) - p(a, 0), p(c, 1) - p(a, 1), p(c, 2) - p(a, 2)]
    const n = [u[1]! * w[2]! - u[2]! * w[1]!, u[2]! * w[0]! - u[0]! * w[2]!, u[0]! * w[1]! - u[1]! * w[0]!]
    for (const v of [a, b, c]) for (let k = 0; k < 3; k++) normal[3 * v + k]! += n[k]!
  }
  for (let v = 0; v < normal.length; v += 3) {
    const length = Math.hypot(normal[v]!, normal[v + 1]!, normal[v + 2]!)
    // A vertex no triangle uses (none in the canonical mesh) faces the camera.
    if (length > 0) for (let k = 0; k < 3; k++) normal[v + k]! /= length
    else normal.set([0, 0, 1], v)
  }
  return normal
}

/**
 * The face mesh of `face` (analysed in `picture`) with one morph target per direction: the skin, behind the eye
 * openings the eye sheets that the gaze moves (`faceEyes`), and behind the mouth opening its cavity and teeth, the
 * lower ones moving with the jaw (`faceMouth`).
 */
export function buildFaceMesh(
  face: Pick<FaceAnalysis, 'landmarks' | 'canonicalLandmarks' | 'irises' | 'pose'>,
  basis: FaceMeshBasis,
  picture: RgbImage
): FaceMesh {
  const eyes = faceEyes(face, picture, basis.triangles)
  const mouth = faceMouth(face)
  const skin = 468 * 3
  const mouthStart = skin + eyes.position.length
  const position = new Float32Array(mouthStart + mouth.position.length)
  position.set(face.canonicalLandmarks.subarray(0, skin))
  position.set(eyes.position, skin)
  position.set(mouth.position, mouthStart)
  position.forEach((c, i) => (position[i] = c * METRES_PER_CM))
  const indices = eyes.skinTriangles.filter((_, t, all) => {
    const first = t - (t % 3)
    return ![0, 1, 2].every((k) => mouth.ringSet.has(all[first + k]!))
  })
  const eyeIndices = eyes.triangles.map((v) => v + 468)
  const mouthIndices = mouth.cavityTriangles.map((v) => v + mouthStart / 3)
  const teethIndices = mouth.teethTriangles.map((v) => v + mouthStart / 3)
  const all = Uint16Array.from([...indices, ...eyeIndices, ...mouthIndices, ...teethIndices])
  const normal = vertexNormals(position, all)
  const textureBox = faceTextureBox(face.landmarks, picture.width, picture.height)
  const picturePx = new Float32Array((position.length / 3) * 2)
  for (let v = 0; v < 468; v++) picturePx.set([face.landmarks[3 * v]!, face.landmarks[3 * v + 1]!], 2 * v)
  picturePx.set(eyes.picturePx, 468 * 2)
  picturePx.set(mouth.picturePx, (mouthStart / 3) * 2)
  const texcoord = picturePx.map((px, i) =>
    i % 2 === 0 ? (px - textureBox.x) / textureBox.width : (px - textureBox.y) / textureBox.height
  )
  const targets = basis.names.map((name, k): FaceMorphTarget => {
    const field = basis.fields[k]!
    const gain = (basis.gains[k] ?? 1) * METRES_PER_CM
    const offset = new Float32Array(position.length)
    for (let i = 0; i < skin; i++) offset[i] = field[i]! * gain + 0
    eyes.offsets(name, basis.eyeball?.[k]).forEach((d, i) => (offset[skin + i] = d * METRES_PER_CM + 0))
    mouth.offsets(field).forEach((d, i) => (offset[mouthStart + i] = d * gain + 0))
    const moved = vertexNormals(
      position.map((p, i) => p + offset[i]!),
      all
    )
    return { name, position: offset, normal: moved.map((n, i) => n - normal[i]! + 0) }
  })
  return {
    position,
    normal,
    texcoord,
    indices,
    eyeIndices,
    mouthIndices,
    teethIndices,
    mouthOpening: mouth.opening,
    eyePatches: eyes.patches,
    targets,
    textureBox
  }
}
