// The 3D face as Wavefront OBJ text (one frame of the OBJ sequence, `export-face-obj-sequence.ts`) and the MTL its
// frames share. OBJ has no units or axes of its own: the vertices are glTF's (metres, +Y up, the face toward +Z),
// which is what Blender's, Maya's and Houdini's OBJ importers take by default. Texture coordinates are OBJ's (v up:
// 1 − glTF's v). Faces are counter-clockwise seen from the front, with 1-based vertex, texture and normal indices.
import { type FaceMesh } from './face-mesh'
import { MOUTH_COLOURS, type MouthColour } from './face-mouth'

/** Six decimals: a micrometre in position, far below what a face shows. */
function number(v: number): string {
  const rounded = Math.round(v * 1e6) / 1e6
  return rounded === 0 ? '0' : String(rounded)
}

/**
 * One frame: vertices `position` and unit normals `normal` (posed, `poseFaceMesh`), the mesh's texture coordinates
 * and triangles; the skin drawn with material `face`, the eye sheets with `eyes`, both from `materialLibrary`.
 */
export function formatFaceObj(
  mesh: Pick<FaceMesh, 'texcoord' | 'indices' | 'eyeIndices' | 'mouthIndices' | 'teethIndices'>,
  position: Float32Array,
  normal: Float32Array,
  header: { readonly materialLibrary: string; readonly comment: string }
): string {
  const lines = [`# ${header.comment}`, `mtllib ${header.materialLibrary}`, 'o face']
  for (let v = 0; v < position.length; v += 3) {
    lines.push(`v ${number(position[v]!)} ${number(position[v + 1]!)} ${number(position[v + 2]!)}`)
  }
  for (let t = 0; t < mesh.texcoord.length; t += 2) {
    lines.push(`vt ${number(mesh.texcoord[t]!)} ${number(1 - mesh.texcoord[t + 1]!)}`)
  }
  for (let v = 0; v < normal.length; v += 3) {
    lines.push(`vn ${number(normal[v]!)} ${number(normal[v + 1]!)} ${number(normal[v + 2]!)}`)
  }
  const faces = (material: string, indices: ArrayLike<number>): void => {
    lines.push(`usemtl ${material}`)
    for (let t = 0; t < indices.length; t += 3) {
      const corner = (k: number): string => {
        const i = indices[t + k]! + 1
        return `${i}/${i}/${i}`
      }
      lines.push(`f ${corner(0)} ${corner(1)} ${corner(2)}`)
    }
  }
  faces('face', mesh.indices)
  faces('eyes', mesh.eyeIndices)
  faces('mouth', mesh.mouthIndices)
  faces('teeth', mesh.teethIndices)
  return `${lines.join('\n')}\n`
}

/**
 * The MTL of the four materials: matte surfaces with the photo (`face`), the eyes (`eyes`) and the teeth (`teeth`),
 * and the mouth's cavity (`mouth`) in its plain colour.
 */
export function formatFaceMtl(
  textures: { readonly face: string; readonly eyes: string; readonly teeth: string },
  comment: string
): string {
  const material = (name: string, look: string | MouthColour): string[] => [
    `newmtl ${name}`,
    'Ka 1 1 1',
    `Kd ${typeof look === 'string' ? '1 1 1' : look.colour.map(number).join(' ')}`,
    'Ks 0 0 0',
    'd 1',
    'illum 1',
    ...(typeof look === 'string' ? [`map_Kd ${look}`] : [])
  ]
  const lines = [
    `# ${comment}`,
    ...material('face', textures.face),
    '',
    ...material('eyes', textures.eyes),
    '',
    ...material('mouth', MOUTH_COLOURS.mouth),
    '',
    ...material('teeth', textures.teeth)
  ]
  return `${lines.join('\n')}\n`
}
